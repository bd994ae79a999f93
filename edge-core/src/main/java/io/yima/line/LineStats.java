package io.yima.line;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** Per-job counters and recent latencies, owned by the line's thread; read by STATUS and the status page. */
final class LineStats {
    private static final int WINDOW = 8192;
    long printed;
    long bound;
    long voided;
    long duplicateReads;
    /** PLC triggers refused STALE (not issued within the trigger deadline). */
    long stale;
    final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final long[] triggerToPrint = new long[WINDOW];
    private long samples;
    private final long[] resultTimes = new long[256];
    private long results;

    void reset() {
        printed = bound = voided = duplicateReads = stale = samples = results = 0;
        rejected.clear();
    }

    long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    void reject(RejectReason reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    void printLatency(long nanos) {
        triggerToPrint[(int) (samples++ % WINDOW)] = nanos;
    }

    void result(long nowNanos) {
        resultTimes[(int) (results++ % resultTimes.length)] = nowNanos;
    }

    /** Trigger → label bytes flushed, nanoseconds, over the most recent labels. */
    long printLatencyPercentile(double p) {
        int n = (int) Math.min(samples, WINDOW);
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(triggerToPrint, n);
        Arrays.sort(copy);
        return copy[Math.min(n - 1, (int) Math.ceil(p * n) - 1)];
    }

    /** Items per minute over the most recent results. */
    double ratePerMinute(long nowNanos) {
        int n = (int) Math.min(results, resultTimes.length);
        if (n < 2) {
            return 0;
        }
        long oldest = resultTimes[(int) ((results - n) % resultTimes.length)];
        double span = (nowNanos - oldest) / 1e9;
        return span <= 0 ? 0 : n * 60.0 / span;
    }
}
