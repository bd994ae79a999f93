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
    /**
     * The window's samples in some order, for selecting percentiles in place: reused, so the snapshot that the line
     * republishes several times a second allocates and sorts nothing. Filled when {@link #samples} moved on since
     * ({@link #copied}); a selection leaves it a permutation of the same samples, so the next percentile of an
     * unchanged window selects from it again without a copy.
     */
    private final long[] ordered = new long[WINDOW];
    private long copied = -1;
    private final long[] resultTimes = new long[256];
    private long results;

    /** A job opens: its latencies and rate start afresh (the account is started or seeded by the lifecycle). */
    void reset() {
        duplicateReads = samples = results = 0;
        copied = -1;
    }

    void printLatency(long nanos) {
        triggerToPrint[(int) (samples++ % WINDOW)] = nanos;
    }

    void result(long nowNanos) {
        resultTimes[(int) (results++ % resultTimes.length)] = nowNanos;
    }

    /**
     * Trigger → label bytes flushed, nanoseconds, over the most recent labels: the nearest-rank percentile (the
     * smallest sample with at least {@code p} of the window at or below it), selected in linear time.
     */
    long printLatencyPercentile(double p) {
        int n = (int) Math.min(samples, WINDOW);
        if (n == 0) {
            return 0;
        }
        if (copied != samples) {
            System.arraycopy(triggerToPrint, 0, ordered, 0, n);
            copied = samples;
        }
        return select(ordered, n, Math.max(0, Math.min(n - 1, (int) Math.ceil(p * n) - 1)));
    }

    /**
     * The {@code k}-th smallest of {@code a[0..n)} (0-based), reordering them: quickselect with a median-of-three
     * pivot and a three-way partition (equal samples, common for latencies rounded by the clock, end a round at
     * once). A run of bad pivots that would make it quadratic ends in a sort of what is left instead.
     */
    static long select(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 4;
        while (hi > lo) {
            if (--rounds < 0) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            long pivot = median(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            int lt = lo; // a[lo, lt) < pivot, a[lt, i) == pivot, a(gt, hi] > pivot
            int i = lo;
            int gt = hi;
            while (i <= gt) {
                long v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    private static long median(long a, long b, long c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
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
