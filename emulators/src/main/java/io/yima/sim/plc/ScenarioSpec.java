package io.yima.sim.plc;

import java.util.Map;

/**
 * A production run as a PLC drives it.
 *
 * @param startFields optional {@code key=value} fields of START (symbol, mode, brand …), sent percent-encoded
 * @param settleMillis how long to wait after the last trigger for outstanding results
 */
public record ScenarioSpec(String job, String sku, String batch, int items, double itemsPerSecond,
                           Map<String, String> startFields, long settleMillis, String itemPrefix) {
    public ScenarioSpec {
        if (items < 0 || itemsPerSecond <= 0) {
            throw new IllegalArgumentException("items must be >= 0 and rate > 0");
        }
        startFields = Map.copyOf(startFields);
    }

    public String itemId(int i) {
        return String.format("%s%06d", itemPrefix, i + 1);
    }
}
