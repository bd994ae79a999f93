package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a label counts as printed: from the printer's queue count, its print rate, or the flush. */
class PrintTrackerTest {
    private static final long MS = 1_000_000L;

    private static InFlightLabel label(long index) {
        CodeRecord c = new CodeRecord(1L, index, "C" + index, "URL" + index, null, CodeState.SENT, "J1",
                "item-" + index, null, null, 0L);
        return new InFlightLabel(c, "item-" + index, 0);
    }

    private static List<InFlightLabel> hand(PrintTracker t, int n, long at) {
        List<InFlightLabel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InFlightLabel l = label(i);
            t.handed(l, at);
            out.add(l);
        }
        return out;
    }

    @Test
    void labelsAreNumberedInTheOrderTheyAreHandedOver() {
        PrintTracker t = new PrintTracker(0);
        List<InFlightLabel> ls = hand(t, 3, 0);
        assertThat(ls).extracting(l -> l.printSeq).containsExactly(1L, 2L, 3L);
        assertThat(t.ahead()).isEqualTo(3);
    }

    @Test
    void ofTheLabelsBeforeTheQueryAllButTheQueuedOnesArePrintedAsOfTheReply() {
        PrintTracker t = new PrintTracker(0);
        List<InFlightLabel> ls = hand(t, 5, 0);

        // the query went out after label 4; the printer still held 1 of those 4 (label 4), label 5 came later
        assertThat(t.reported(4, 1, 70 * MS)).isEqualTo(3);

        assertThat(ls).extracting(l -> l.printed).containsExactly(true, true, true, false, false);
        assertThat(ls.get(0).printedNanos).isEqualTo(70 * MS);
        assertThat(t.ahead()).isEqualTo(2);
        assertThat(t.reported(5, 0, 90 * MS)).isEqualTo(2);
        assertThat(ls.get(4).printedNanos).isEqualTo(90 * MS);
        assertThat(t.ahead()).isZero();
    }

    @Test
    void aPrinterHoldingMoreThanTheLineKnowsOfPrintedNothingOfOurs() {
        PrintTracker t = new PrintTracker(0);
        List<InFlightLabel> ls = hand(t, 2, 0);
        assertThat(t.reported(2, 7, MS)).isZero();
        assertThat(ls).noneMatch(l -> l.printed);
    }

    @Test
    void withoutQueueCountsOrRateALabelIsPrintedWhenFlushed() {
        PrintTracker t = new PrintTracker(0);
        InFlightLabel l = hand(t, 1, 0).get(0);
        t.flushed(l, 5 * MS);
        assertThat(l.printed).isTrue();
        assertThat(l.printedNanos).isEqualTo(5 * MS);
        assertThat(t.ahead()).isZero();
    }

    @Test
    void oncePrinterCountsAreHeardTheFlushNoLongerMeansPrinted() {
        PrintTracker t = new PrintTracker(0);
        t.reported(0, 0, 0);
        InFlightLabel l = hand(t, 1, 0).get(0);
        t.flushed(l, 5 * MS);
        assertThat(l.printed).isFalse();
        assertThat(t.ahead()).isEqualTo(1);
    }

    @Test
    void atAConfiguredRateEachLabelPrintsOneLabelTimeAfterThePreviousOne() {
        PrintTracker t = new PrintTracker(10); // 100 ms a label
        List<InFlightLabel> ls = hand(t, 3, 0);
        t.flushed(ls.get(0), MS);
        assertThat(ls.get(0).printed).as("the flush says nothing at a known rate").isFalse();

        assertThat(t.tick(199 * MS)).isEqualTo(1);
        assertThat(ls.get(0).printedNanos).isEqualTo(100 * MS);
        assertThat(t.tick(300 * MS)).isEqualTo(2);
        assertThat(ls).extracting(l -> l.printedNanos).containsExactly(100 * MS, 200 * MS, 300 * MS);

        // an idle printer starts the next label from its hand-over, not from the last estimate
        InFlightLabel late = label(9);
        t.handed(late, 1000 * MS);
        assertThat(t.tick(1099 * MS)).isZero();
        assertThat(t.tick(1100 * MS)).isEqualTo(1);
        assertThat(late.printedNanos).isEqualTo(1100 * MS);
    }

    @Test
    void rateEstimatesGiveWayToThePrintersOwnCounts() {
        PrintTracker t = new PrintTracker(10);
        hand(t, 2, 0);
        t.reported(2, 2, MS);
        assertThat(t.tick(10_000 * MS)).isZero();
        assertThat(t.ahead()).isEqualTo(2);
    }

    @Test
    void aSettledLabelIsForgotten() {
        PrintTracker t = new PrintTracker(0);
        List<InFlightLabel> ls = hand(t, 3, 0);
        t.forget(ls.get(0));
        assertThat(t.ahead()).isEqualTo(2);
        // label 1 was read (so printed): of labels 1..3 the printer holds 1, so label 2 printed, label 3 not
        assertThat(t.reported(3, 1, MS)).isEqualTo(1);
        assertThat(ls.get(1).printed).isTrue();
        assertThat(ls.get(2).printed).isFalse();
    }

    @Test
    void aFaultCancelsEveryUnprintedLabelWithItsWindowStartingAtTheFault() {
        PrintTracker t = new PrintTracker(0);
        List<InFlightLabel> ls = hand(t, 3, 0);
        t.reported(3, 2, MS);

        List<InFlightLabel> cancelled = t.cancelAll(40 * MS);

        assertThat(cancelled).containsExactly(ls.get(1), ls.get(2));
        assertThat(cancelled).allMatch(l -> l.cancelled && l.printed && l.printedNanos == 40 * MS);
        assertThat(ls.get(0).cancelled).isFalse();
        assertThat(t.ahead()).isZero();
        assertThat(t.cancelAll(50 * MS)).isEmpty();
    }

    @Test
    void afterAFaultTheRateClockStartsAfresh() {
        PrintTracker t = new PrintTracker(10);
        hand(t, 5, 0);
        t.cancelAll(MS);
        InFlightLabel next = label(7);
        t.handed(next, 2 * MS);
        assertThat(next.printEstimate).isEqualTo(102 * MS);
    }
}
