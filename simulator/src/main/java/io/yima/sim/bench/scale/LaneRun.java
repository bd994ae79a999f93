package io.yima.sim.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run of {@code bench-lanes}: every lane's PLC account, the edge's CPU and fsyncs, the vault afterwards. */
record LaneRun(int lanes, double rate, List<TriggerLog.Summary> perLane, double edgeCpuMs, double jitCpuMs, long fsyncs,
               double seconds, String loadBefore, String loadAfter, LanesBenchCommand.VaultAudit vault) {

    static final String LANE_HEADER = "| lane | triggers | printed | OK | NAKs | rejects | PRINT→ACK p50 / p99 / max ms |\n"
            + "|---|---:|---:|---:|---|---|---|";

    static final String SUMMARY_HEADER = "| lanes × rate | OK (of) | NAKs | rejects | PRINT→ACK p50 (median lane) / worst lane p99 ms | "
            + "worst p99 ÷ 1-lane p99 | edge CPU ms / label (of it JIT compiler) | fsyncs / label | items bound twice | left SENT | load before → after |\n"
            + "|---|---:|---|---|---|---:|---:|---:|---:|---:|---|";

    List<String> laneRows() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < perLane.size(); i++) {
            TriggerLog.Summary s = perLane.get(i);
            rows.add(String.format(Locale.ROOT, "| L%d | %d | %d | %d | %s | %s | %.2f / %.2f / %.2f |", i + 1,
                    s.triggers(), s.printed(), s.ok(), words(s.naks()), words(s.rejects()), s.printToAck().p50(),
                    s.printToAck().p99(), s.printToAck().max()));
        }
        return rows;
    }

    double worstP99() {
        return perLane.stream().mapToDouble(s -> s.printToAck().p99()).max().orElse(0);
    }

    private int printed() {
        return perLane.stream().mapToInt(TriggerLog.Summary::printed).sum();
    }

    String summary(Double oneLaneP99) {
        int ok = perLane.stream().mapToInt(TriggerLog.Summary::ok).sum();
        int triggers = perLane.stream().mapToInt(TriggerLog.Summary::triggers).sum();
        Map<String, Integer> naks = new java.util.TreeMap<>();
        Map<String, Integer> rejects = new java.util.TreeMap<>();
        perLane.forEach(s -> {
            s.naks().forEach((k, v) -> naks.merge(k, v, Integer::sum));
            s.rejects().forEach((k, v) -> rejects.merge(k, v, Integer::sum));
        });
        double[] p50 = perLane.stream().mapToDouble(s -> s.printToAck().p50()).sorted().toArray();
        int printed = printed();
        return String.format(Locale.ROOT, "| %d × %.0f/s | %,d (%,d) | %s | %s | %.2f / %.2f | %s | %s | %s | %d | %d | %s → %s |",
                lanes, rate, ok, triggers, words(naks), words(rejects), p50[p50.length / 2], worstP99(),
                oneLaneP99 == null || oneLaneP99 == 0 ? "-" : String.format(Locale.ROOT, "%.1f×", worstP99() / oneLaneP99),
                printed == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%s)", edgeCpuMs / printed,
                        jitCpuMs < 0 ? "-" : String.format(Locale.ROOT, "%.3f", jitCpuMs / printed)),
                fsyncs < 0 || printed == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) fsyncs / printed),
                vault.itemsBoundTwice(), vault.leftSent(), loadBefore, loadAfter);
    }

    String notes() {
        return String.format(Locale.ROOT, "%d lanes: measured phase %.1f s, %d labels printed, edge CPU %.0f ms (JIT compiler threads %.0f ms), fsyncs %s;"
                        + " vault after: %d bound, %d rejected in the measured jobs; sender lag max %.1f ms; PRINT→ACK per lane %s",
                lanes, seconds, printed(), edgeCpuMs, jitCpuMs, fsyncs < 0 ? "not counted" : Long.toString(fsyncs), vault.bound(),
                vault.rejected(), perLane.stream().mapToDouble(TriggerLog.Summary::maxSendLagMs).max().orElse(0),
                perLane.stream().map(s -> s.printToAck().toString()).toList());
    }

    private static String words(Map<String, Integer> m) {
        return m.isEmpty() ? "0" : m.toString();
    }
}
