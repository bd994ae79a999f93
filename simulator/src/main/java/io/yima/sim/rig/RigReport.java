package io.yima.sim.rig;

import java.util.List;
import java.util.Map;

/**
 * A rig run's account, written as JSON.
 *
 * @param printed           PRINTED events received by the PLC
 * @param labelsPrinted     labels the printer emulator actually printed
 * @param bound             items with an OK result
 * @param rejectedByReason  REJECT reasons and counts
 * @param voided            from the CLOSED event (-1 when no CLOSED came)
 * @param duplicatesPrinted labels whose decoded code had already been printed (must be 0)
 * @param codesUnaccounted  printed − bound − rejected − voided per CLOSED, plus labels the printer printed beyond
 *                          PRINTED events (must be 0)
 * @param activatedRanges   activated index ranges from the upstream emulator; null when none is attached
 * @param scannerInjections faults the scanner injected, by kind
 * @param violations        scenario check findings (empty = clean)
 * @param cases             a packing line's cases; null when the line does not pack
 */
public record RigReport(int items, long printed, long labelsPrinted, long bound, Map<String, Long> rejectedByReason,
                        long naks, long voided, long duplicatesPrinted, long codesUnaccounted,
                        List<long[]> activatedRanges, Percentiles triggerToPrinted, Percentiles triggerToResult,
                        Map<String, Long> scannerInjections, EmulatorCost emulatorCost, List<String> violations,
                        double seconds, long falseRejects, RigPacking.Cases cases) {

    /** What the emulators themselves cost, so their share can be told apart from the edge's. */
    public record EmulatorCost(long printerBytesReceived, long printerErrors, double scannerDecodeMillis,
                               double emulatorThreadsCpuMillis) {
    }
}
