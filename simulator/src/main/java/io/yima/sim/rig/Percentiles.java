package io.yima.sim.rig;

import java.util.Arrays;
import java.util.List;

/** Latency summary in milliseconds (nearest-rank percentiles). */
public record Percentiles(int count, double p50, double p90, double p99, double max) {

    public static Percentiles ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(v.length, ms(rank(v, 0.50)), ms(rank(v, 0.90)), ms(rank(v, 0.99)), ms(v[v.length - 1]));
    }

    private static long rank(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    /** {@code p50 1.2  p90 3.4  p99 8.0  max 12.5 ms}: for a person (toString stays the JSON-ish array). */
    public String words() {
        return String.format(java.util.Locale.ROOT, "p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms", p50, p90, p99, max);
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {p50, p90, p99, max});
    }
}
