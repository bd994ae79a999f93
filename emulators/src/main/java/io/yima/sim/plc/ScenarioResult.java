package io.yima.sim.plc;

import java.util.List;

/**
 * The PLC's record of a run.
 *
 * @param closed the CLOSED event ({@code CLOSED,ev,job,printed,bound,rejected,voided}) or null
 * @param faults FAULT/CLEARED events seen
 */
public record ScenarioResult(List<ItemOutcome> items, PlcFrame closed, List<PlcFrame> faults, long replays,
                             long reconnects, long unknownItemEvents) {
}
