package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
