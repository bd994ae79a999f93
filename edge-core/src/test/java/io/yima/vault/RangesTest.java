package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A set of code indexes kept as disjoint runs: what adding and removing does at the edges of runs. */
class RangesTest {
    private static List<String> runs(Ranges r) {
        return r.runs().stream().map(x -> x[0] + ".." + x[1]).toList();
    }

    @Test
    void runsThatTouchBecomeOneAndRunsWithAGapStayApart() {
        Ranges r = new Ranges();
        r.add(10, 19);
        r.add(20, 25);   // touches the end of 10..19
        r.add(5, 9);     // touches its start
        r.add(27, 30);   // a gap of one (26)
        assertThat(runs(r)).containsExactly("5..25", "27..30");
        assertThat(r.size()).isEqualTo(21 + 4);
    }

    @Test
    void aRunInsideAnotherChangesNothingAndOneOverlappingTheEndExtendsIt() {
        Ranges r = new Ranges();
        r.add(10, 19);
        r.add(12, 15);
        assertThat(runs(r)).containsExactly("10..19");
        r.add(15, 22);
        assertThat(runs(r)).containsExactly("10..22");
        r.add(8, 8);
        assertThat(runs(r)).containsExactly("8..8", "10..22");
    }

    @Test
    void aRunThatCoversSeveralSwallowsThemAll() {
        Ranges r = new Ranges();
        r.add(0, 1);
        r.add(5, 6);
        r.add(10, 11);
        r.add(20, 21);
        r.add(2, 12);
        assertThat(runs(r)).containsExactly("0..12", "20..21");
        r.add(-5, 100);
        assertThat(runs(r)).containsExactly("-5..100");
        assertThat(r.size()).isEqualTo(106);
    }

    @Test
    void removingTheMiddleSplitsARunAndRemovingAnEdgeTrimsIt() {
        Ranges r = new Ranges();
        r.add(0, 9);
        r.remove(4, 5);
        assertThat(runs(r)).containsExactly("0..3", "6..9");
        r.remove(0, 0);
        r.remove(9, 9);
        assertThat(runs(r)).containsExactly("1..3", "6..8");
        assertThat(r.size()).isEqualTo(6);
    }

    @Test
    void removingAcrossSeveralRunsKeepsWhatIsOutside() {
        Ranges r = new Ranges();
        r.add(0, 4);
        r.add(10, 14);
        r.add(20, 24);
        r.add(30, 34);
        r.remove(2, 22);
        assertThat(runs(r)).containsExactly("0..1", "23..24", "30..34");
    }

    @Test
    void removingBelowOrBetweenRunsLeavesThemAlone() {
        Ranges r = new Ranges();
        r.add(10, 14);
        r.add(20, 24);
        r.remove(0, 5);        // entirely below the first run
        r.remove(15, 19);      // exactly the gap
        r.remove(30, 40);      // above the last
        assertThat(runs(r)).containsExactly("10..14", "20..24");
        r.remove(0, 10);       // below, reaching the first index of the first run
        assertThat(runs(r)).containsExactly("11..14", "20..24");
        r.remove(24, 24);
        assertThat(runs(r)).containsExactly("11..14", "20..23");
    }

    @Test
    void removingARunWhoseStartIsBelowTheRemovedOneKeepsItsHead() {
        Ranges r = new Ranges();
        r.add(0, 9);
        r.add(20, 29);
        r.remove(5, 25);
        assertThat(runs(r)).containsExactly("0..4", "26..29");
        r.remove(0, 100);
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.size()).isZero();
        assertThat(r.runs()).isEmpty();
    }

    @Test
    void aRunBelowTheRemovedOneThatEndsJustBeforeItStaysWhole() {
        Ranges r = new Ranges();
        r.add(0, 4);
        r.add(8, 9);
        r.remove(5, 8);
        assertThat(runs(r)).containsExactly("0..4", "9..9");
        assertThat(r.isEmpty()).isFalse();
    }
}
