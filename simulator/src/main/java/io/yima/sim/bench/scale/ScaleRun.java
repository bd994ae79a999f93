package io.yima.sim.bench.scale;

import java.util.Map;

/**
 * One vault size × trigger rate: the PLC's account of the triggers, the status port's scrape times, the CPU the
 * edge and the emulators spent during the triggered phase, and the load average when the run began.
 */
record ScaleRun(long codes, double rate, TriggerLog.Summary plc, Map<String, StatusScraper.PageTimes> scrapes,
                double edgeCpuSeconds, double emulatorCpuSeconds, double seconds, String loadBefore,
                String loadAfter, String failure) {

    /** A run that produced no figures (e.g. the edge never answered START); the table says why. */
    static ScaleRun failed(long codes, double rate, String why, String loadBefore) {
        return new ScaleRun(codes, rate, null, Map.of(), 0, 0, 0, loadBefore, LoadAverage.now(), why);
    }

    static final String HEADER = "| codes | rate/s | triggers | printed | OK | NAKs (by reason) | rejects | "
            + "PRINT→ACK p50 / p99 ms | PRINT→PRINTED p50 / p99 ms | /api/status p50 / max ms | / p50 / max ms | "
            + "/metrics p50 / max ms | edge CPU s | emulators CPU s | load before → after |\n"
            + "|---:|---:|---:|---:|---:|---|---|---|---|---|---|---|---:|---:|---|";

    String row() {
        if (failure != null) {
            return String.format("| %,d | %.0f | failed: %s | | | | | | | | | | | | %s → %s |", codes, rate, failure,
                    loadBefore, loadAfter);
        }
        return String.format("| %,d | %.0f | %d | %d | %d | %s | %s | %s / %s | %s / %s | %s | %s | %s | %.1f | %.1f | %s → %s |",
                codes, rate, plc.triggers(), plc.printed(), plc.ok(), reasons(plc.nakCount(), plc.naks()),
                reasons(plc.rejects().values().stream().mapToInt(Integer::intValue).sum(), plc.rejects()),
                plc.printToAck().p50(), plc.printToAck().p99(), plc.printToPrinted().p50(), plc.printToPrinted().p99(),
                page("/api/status"), page("/"), page("/metrics"), edgeCpuSeconds, emulatorCpuSeconds, loadBefore,
                loadAfter);
    }

    private String page(String path) {
        StatusScraper.PageTimes t = scrapes.get(path);
        String times = t.times().count() == 0 ? "-" : t.times().p50() + " / " + t.times().max();
        return times + " (" + t.times().count() + (t.failures() > 0 ? ", " + t.failures() + " failed" : "") + ")";
    }

    private static String reasons(int total, Map<String, Integer> byReason) {
        return byReason.isEmpty() ? "0" : total + " " + byReason;
    }

    /** Details the table has no room for. */
    String notes() {
        if (failure != null) {
            return String.format("%,d codes at %.0f/s: failed: %s", codes, rate, failure);
        }
        return String.format("%,d codes at %.0f/s: run took %.1f s (triggers + settling); unanswered %d, acknowledged without result %d,"
                + " sender lag max %.1f ms, events for other jobs' or unsent items %d; PRINT→ACK %s, PRINT→any reply"
                + " (ACK or NAK) %s, PRINT→PRINTED %s (p50, p90, p99, max ms)", codes, rate, seconds, plc.unanswered(),
                plc.noResult(), plc.maxSendLagMs(), plc.unknownEvents(), plc.printToAck(), plc.printToReply(),
                plc.printToPrinted());
    }
}
