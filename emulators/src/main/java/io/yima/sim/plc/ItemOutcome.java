package io.yima.sim.plc;

/**
 * What happened to one item of a scenario. Times are {@link System#nanoTime()} values, 0 = did not happen.
 *
 * @param result "OK", "REJECT", "NAK" (trigger refused) or null (no result yet)
 * @param detail the bound code, the reject reason or the NAK reason
 * @param results how many result events arrived for the item (must be exactly 1)
 */
public record ItemOutcome(String item, long index, long triggeredAt, long printedAt, long resultAt,
                          String result, String detail, int results) {
}
