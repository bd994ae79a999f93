package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line's recent print latencies (percentiles over a window) and its rate of results. */
class LineStatsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void percentilesAreTakenOverTheLabelsRecordedSoFarOnly() {
        LineStats stats = new LineStats();
        assertThat(stats.printLatencyPercentile(0.5)).isZero();
        for (long v : new long[] {30, 10, 20}) {
            stats.printLatency(v);
        }
        // the empty rest of the window is not a sample of 0
        assertThat(stats.printLatencyPercentile(0.5)).isEqualTo(20);
        assertThat(stats.printLatencyPercentile(0.99)).isEqualTo(30);
        assertThat(stats.printLatencyPercentile(0.01)).isEqualTo(10);
    }

    @Test
    void percentileOfAHundredSamplesIsTheNearestRankOne() {
        LineStats stats = new LineStats();
        for (long v = 100; v >= 1; v--) {
            stats.printLatency(v * 1000);
        }
        assertThat(stats.printLatencyPercentile(0.50)).isEqualTo(50_000);
        assertThat(stats.printLatencyPercentile(0.99)).isEqualTo(99_000);
        assertThat(stats.printLatencyPercentile(1.0)).isEqualTo(100_000);
    }

    @Test
    void onlyTheMostRecentWindowOfLabelsCounts() {
        LineStats stats = new LineStats();
        for (int i = 0; i < 8192; i++) {
            stats.printLatency(9_000_000);
        }
        for (int i = 0; i < 8192; i++) {
            stats.printLatency(7);
        }
        assertThat(stats.printLatencyPercentile(0.99)).isEqualTo(7);
        stats.printLatency(8);
        // one sample of the new window replaced the oldest 7: still 8191 sevens and one eight
        assertThat(stats.printLatencyPercentile(0.99)).isEqualTo(7);
        assertThat(stats.printLatencyPercentile(1.0)).isEqualTo(8);
    }

    @Test
    void percentilesEqualTheNearestRankOfTheSortedWindowOnRandomSamples() {
        Random random = new Random(24);
        double[] ps = {0.001, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0};
        // fewer samples than the window, a full one, and a window that wrapped; wide spreads and many ties
        for (int count : new int[] {1, 2, 3, 17, 1000, 8192, 8193, 20_000}) {
            for (int spread : new int[] {1, 5, 1_000, Integer.MAX_VALUE}) {
                LineStats stats = new LineStats();
                long[] all = new long[count];
                for (int i = 0; i < count; i++) {
                    all[i] = random.nextInt(spread);
                    stats.printLatency(all[i]);
                }
                long[] window = Arrays.copyOfRange(all, Math.max(0, count - 8192), count);
                Arrays.sort(window);
                for (double p : ps) {
                    long expected = window[Math.min(window.length - 1, (int) Math.ceil(p * window.length) - 1)];
                    assertThat(stats.printLatencyPercentile(p)).as("p%s of %d samples in 0..%d", p, count, spread)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aNewSampleAfterAPercentileIsSeenByTheNextOne() {
        LineStats stats = new LineStats();
        for (int i = 1; i <= 100; i++) {
            stats.printLatency(i);
        }
        assertThat(stats.printLatencyPercentile(1.0)).isEqualTo(100);
        stats.printLatency(1_000);
        assertThat(stats.printLatencyPercentile(1.0)).isEqualTo(1_000);
        assertThat(stats.printLatencyPercentile(0.5)).isEqualTo(51);
    }

    @Test
    void selectionOfOrderedAndAdversarialInputsIsExact() {
        int n = 8192;
        long[][] inputs = new long[4][n];
        for (int i = 0; i < n; i++) {
            inputs[0][i] = i; // ascending
            inputs[1][i] = n - i; // descending
            inputs[2][i] = Math.min(i, n - i); // organ pipe
            inputs[3][i] = i % 2 == 0 ? i : n + i; // interleaved halves
        }
        for (long[] in : inputs) {
            long[] sorted = in.clone();
            Arrays.sort(sorted);
            for (int k : new int[] {0, 1, n / 2, n - 82, n - 1}) {
                assertThat(LineStats.select(in.clone(), n, k)).isEqualTo(sorted[k]);
            }
        }
    }

    @Test
    void rateIsResultsPerMinuteSinceTheOldestRecentResult() {
        LineStats stats = new LineStats();
        long t0 = 100 * SECOND;
        assertThat(stats.ratePerMinute(t0)).isZero();
        stats.result(t0);
        assertThat(stats.ratePerMinute(t0 + SECOND)).isZero(); // one result is no rate
        stats.result(t0 + SECOND);
        // two results, the oldest 2 s ago: 2 per 2 s = 60 a minute
        assertThat(stats.ratePerMinute(t0 + 2 * SECOND)).isCloseTo(60.0, within(1e-9));
        for (int i = 2; i < 10; i++) {
            stats.result(t0 + i * SECOND);
        }
        // ten results, the oldest 20 s ago: 30 a minute
        assertThat(stats.ratePerMinute(t0 + 20 * SECOND)).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void noTimeSinceTheOldestResultGivesNoRate() {
        LineStats stats = new LineStats();
        stats.result(5 * SECOND);
        stats.result(5 * SECOND);
        assertThat(stats.ratePerMinute(5 * SECOND)).isZero();
        assertThat(stats.ratePerMinute(4 * SECOND)).isZero();
    }

    @Test
    void theRateLooksAtTheLast256ResultsOnly() {
        LineStats stats = new LineStats();
        long t0 = 1_000 * SECOND;
        // 100 early results one millisecond apart, then 300 one second apart
        for (int i = 0; i < 100; i++) {
            stats.result(t0 + i * 1_000_000L);
        }
        long t1 = t0 + 10 * SECOND;
        for (int i = 0; i < 300; i++) {
            stats.result(t1 + i * SECOND);
        }
        // the last 256 results: the oldest of them is number 44 of the second run, (300 - 44) s before t1 + 300 s
        assertThat(stats.ratePerMinute(t1 + 300 * SECOND)).isCloseTo(256 * 60.0 / 256, within(1e-9));
    }

    @Test
    void aNewJobStartsLatenciesRateAndDuplicateCountAfresh() {
        LineStats stats = new LineStats();
        stats.printLatency(40);
        stats.result(SECOND);
        stats.result(2 * SECOND);
        stats.duplicateReads = 3;
        stats.reset();
        assertThat(stats.printLatencyPercentile(0.5)).isZero();
        assertThat(stats.ratePerMinute(3 * SECOND)).isZero();
        assertThat(stats.duplicateReads).isZero();
        stats.printLatency(60);
        assertThat(stats.printLatencyPercentile(0.5)).isEqualTo(60);
    }
}
