package io.yima.line;

import java.util.Arrays;

/**
 * The job's account ({@link JobTally}, the one place it is counted) and the line's recent latencies and rate,
 * owned by the line's thread; read by STATUS and the status page.
 */
final class LineStats {
    private static final int WINDOW = 8192;
    final JobTally tally = new JobTally();
    long duplicateReads;
    private final long[] triggerToPrint = new long[WINDOW];
    private long samples;
    private final long[] resultTimes = new long[256];
    private long results;

    /** A job opens: its latencies and rate start afresh (the account is started or seeded by the lifecycle). */
    void reset() {
        duplicateReads = samples = results = 0;
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
