package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RangeCoalescerTest {
    static List<RangeCoalescer.Pending> bound(long from, long to, long at) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> new RangeCoalescer.Pending(i, at)).toList();
    }

    @Test
    void aRunThatMayStillGrowWaits() {
        RangeCoalescer c = new RangeCoalescer(100, Duration.ofSeconds(60));
        assertThat(c.cuts(bound(10, 19, 0), i -> i == 20, 1_000)).isEmpty();
    }

    @Test
    void aRunBetweenFinalNeighboursIsSentWhole() {
        RangeCoalescer c = new RangeCoalescer(100, Duration.ofSeconds(60));
        assertThat(c.cuts(bound(10, 19, 0), i -> false, 1_000)).containsExactly(new CodeRange(10, 19));
    }

    @Test
    void fullLengthPiecesLeaveOnlyFromTheFinalEnd() {
        RangeCoalescer c = new RangeCoalescer(4, Duration.ofSeconds(60));
        assertThat(c.cuts(bound(0, 9, 0), i -> i == 10, 1_000))
                .containsExactly(new CodeRange(0, 3), new CodeRange(4, 7));
        assertThat(c.cuts(bound(5, 14, 0), i -> i == 4, 1_000))
                .containsExactly(new CodeRange(11, 14), new CodeRange(7, 10));
        assertThat(c.cuts(bound(5, 14, 0), i -> true, 1_000)).isEmpty();
    }

    @Test
    void anOverdueRunIsSentEvenIfItCouldGrow() {
        RangeCoalescer c = new RangeCoalescer(4, Duration.ofSeconds(60));
        List<RangeCoalescer.Pending> pending = new java.util.ArrayList<>(bound(10, 14, 50_000));
        pending.add(new RangeCoalescer.Pending(15, 1_000));
        assertThat(c.cuts(pending, i -> true, 60_999)).isEmpty();
        assertThat(c.cuts(pending, i -> true, 61_000)).containsExactly(new CodeRange(10, 13), new CodeRange(14, 15));
    }

    @Test
    void separateRunsAreJudgedSeparately() {
        RangeCoalescer c = new RangeCoalescer(100, Duration.ofSeconds(60));
        List<RangeCoalescer.Pending> pending = new java.util.ArrayList<>(bound(0, 2, 0));
        pending.addAll(bound(4, 6, 0));
        assertThat(c.cuts(pending, i -> i == 7, 1_000)).containsExactly(new CodeRange(0, 2));
    }
}
