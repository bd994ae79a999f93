package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify station against a real vault: labels printed through the dispatcher, reads turned into verdicts. */
class VerifyStationTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LineRig rig;

    private LineRig line(LineMode mode, Duration window, int quantity) {
        vault = LineRig.vault(dir);
        rig = new LineRig(vault, mode, window);
        rig.lifecycle.start(LineRig.order("J1", quantity));
        rig.runLineThread();
        return rig;
    }

    private LineRig triggered() {
        return line(LineMode.TRIGGERED, Duration.ofHours(1), 10);
    }

    @AfterEach
    void close() {
        if (vault != null) {
            vault.close();
        }
    }

    /** The item's reject reasons as events reported them, in order. */
    private List<String> rejects() {
        return rig.heard(LineEvent.ItemRejected.class).stream().map(r -> r.itemId() + " " + r.reason()).toList();
    }

    private Map<String, Long> rejectedByReason() {
        return vault.jobReport("J1").rejectedByReason();
    }

    @Test
    void aReadOfTheAwaitedLabelBindsItsCodeToTheItemBeforeAnyoneHearsOfIt() {
        triggered();
        CodeRecord code = rig.print("item-1");
        List<CodeState> stateWhenHeard = new ArrayList<>();
        rig.lineEvents.subscribe(e -> stateWhenHeard.add(rig.state(code.index())));

        assertThat(rig.station.scanned(code.url())).as("room was made on the conveyor").isTrue();

        CodeRecord bound = rig.code(code.index());
        assertThat(bound.state()).isEqualTo(CodeState.BOUND);
        assertThat(bound.itemId()).isEqualTo("item-1");
        assertThat(bound.jobId()).isEqualTo("J1");
        assertThat(rig.heard(LineEvent.ItemBound.class)).singleElement()
                .satisfies(b -> assertThat(b.itemId()).isEqualTo("item-1"))
                .satisfies(b -> assertThat(b.code()).isEqualTo(code.code()));
        assertThat(stateWhenHeard).containsExactly(CodeState.BOUND);
        assertThat(rig.stats.tally.account().bound()).isEqualTo(1);
        assertThat(rig.station.awaitingRead()).isZero();
    }

    @Test
    void theReadersNoReadRejectsTheHeadAsNoReadAndTheVaultHoldsItRejected() {
        triggered();
        CodeRecord first = rig.print("item-1");
        CodeRecord second = rig.print("item-2");

        rig.station.scanned(null);

        assertThat(rejects()).containsExactly("item-1 NO_READ");
        assertThat(rig.code(first.index()).state()).isEqualTo(CodeState.REJECTED);
        assertThat(rig.code(first.index()).reason()).isEqualTo("NO_READ");
        assertThat(rig.state(second.index())).as("the next label still awaits its read").isEqualTo(CodeState.SENT);
        assertThat(rig.stats.tally.account().rejectedByReason()).containsEntry("NO_READ", 1L);
        assertThat(rig.station.awaitingRead()).isEqualTo(1);
    }

    @Test
    void aReadOfAnotherCodeOfTheVaultRejectsTheHeadAsMismatchOnceItsReadIsNotComing() {
        triggered();
        CodeRecord head = rig.print("item-1");
        rig.station.scanned(rig.code(LineRig.CODES - 1).url());
        assertThat(rig.state(head.index())).as("noise alone costs no item").isEqualTo(CodeState.SENT);

        rig.station.scanned(null);

        assertThat(rejects()).containsExactly("item-1 MISMATCH");
        assertThat(rejectedByReason()).containsEntry("MISMATCH", 1L);
    }

    @Test
    void aReadOfACodeBoundAlreadyRejectsTheHeadAsDuplicate() {
        triggered();
        CodeRecord first = rig.print("item-1");
        CodeRecord second = rig.print("item-2");
        rig.station.scanned(first.code());
        assertThat(rig.state(first.index())).isEqualTo(CodeState.BOUND);

        rig.station.scanned(first.url()); // the bound label's other form: not a double read, a second item with it
        rig.station.scanned(null);

        assertThat(rejects()).containsExactly("item-2 DUPLICATE");
        assertThat(rig.code(second.index()).reason()).isEqualTo("DUPLICATE");
    }

    @Test
    void aReadTheVaultDoesNotKnowRejectsTheHeadAsForeign() {
        triggered();
        CodeRecord head = rig.print("item-1");

        rig.station.scanned("P.URL.CN/NOT/IN/THE/VAULT00");
        rig.station.scanned(null);

        assertThat(rejects()).containsExactly("item-1 FOREIGN");
        assertThat(rig.code(head.index()).reason()).isEqualTo("FOREIGN");
    }

    @Test
    void theScannerReadingOneLabelTwiceIsCountedAsADuplicateReadNotAnItem() {
        triggered();
        CodeRecord first = rig.print("item-1");
        rig.print("item-2");
        rig.station.scanned(first.url());

        rig.station.scanned(first.url());
        rig.station.scanned(first.url());

        assertThat(rig.stats.duplicateReads).isEqualTo(2);
        assertThat(rejects()).isEmpty();
        assertThat(rig.station.awaitingRead()).isEqualTo(1);
    }

    @Test
    void aReadOfALaterLabelBindsItAndRejectsTheSkippedOnesInOneTransaction() {
        triggered();
        CodeRecord first = rig.print("item-1");
        CodeRecord second = rig.print("item-2");
        CodeRecord third = rig.print("item-3");
        List<CodeState> thirdWhenFirstHeard = new ArrayList<>();
        rig.lineEvents.subscribe(e -> {
            if (e instanceof LineEvent.ItemRejected r && r.itemId().equals("item-1")) {
                thirdWhenFirstHeard.add(rig.state(third.index()));
            }
        });

        rig.station.scanned(third.url());

        assertThat(thirdWhenFirstHeard).as("the bind was committed with the rejects").containsExactly(CodeState.BOUND);
        assertThat(List.of(rig.state(first.index()), rig.state(second.index()), rig.state(third.index())))
                .containsExactly(CodeState.REJECTED, CodeState.REJECTED, CodeState.BOUND);
        assertThat(rejects()).containsExactly("item-1 NO_READ", "item-2 NO_READ");
        List<Long> numbers = rig.events.stream().filter(e -> e instanceof LineEvent.ItemRejected
                || e instanceof LineEvent.ItemBound).map(LineEvent::number).toList();
        assertThat(numbers).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(rig.stats.tally.account().bound()).isEqualTo(1);
        assertThat(rig.stats.tally.account().rejected()).isEqualTo(2);
    }

    @Test
    void aLabelWhoseWindowPassedWithoutAReadIsRejectedAsTimeout() {
        line(LineMode.TRIGGERED, Duration.ofNanos(1), 10);
        CodeRecord code = rig.print("item-1");
        long sent = System.nanoTime();
        while (System.nanoTime() - sent <= 1) {
            Thread.onSpinWait(); // a nanosecond window: passed by the time the loop tests it again
        }

        rig.station.expire();

        assertThat(rejects()).containsExactly("item-1 TIMEOUT");
        assertThat(rig.code(code.index()).state()).isEqualTo(CodeState.REJECTED);
        assertThat(rig.code(code.index()).reason()).isEqualTo("TIMEOUT");
        assertThat(rig.station.awaitingRead()).isZero();
    }

    @Test
    void aLabelInsideItsWindowIsNotExpired() {
        triggered();
        CodeRecord code = rig.print("item-1");

        rig.station.expire();

        assertThat(rig.events).noneMatch(e -> e instanceof LineEvent.ItemRejected);
        assertThat(rig.state(code.index())).isEqualTo(CodeState.SENT);
        assertThat(rig.station.awaitingRead()).isEqualTo(1);
    }

    @Test
    void theAwaitedLabelsAreTheUnconfirmedOnesUntilTheStationIsCleared() {
        triggered();
        CodeRecord first = rig.print("item-1");
        CodeRecord second = rig.print("item-2");

        assertThat(rig.station.unconfirmed()).containsExactly(new CodeRef(first.applicationId(), first.index()),
                new CodeRef(second.applicationId(), second.index()));
        assertThat(rig.station.awaiting()).isEqualTo(2);

        rig.station.clear();
        assertThat(rig.station.unconfirmed()).isEmpty();
        assertThat(rig.station.awaiting()).isZero();
        assertThat(rig.station.awaitingRead()).isZero();
    }

    @Test
    void aWithdrawnLabelIsNoLongerAwaitedAndCannotBeWithdrawnTwice() {
        triggered();
        CodeRecord code = rig.print("item-1");
        InFlightLabel label = new InFlightLabel(code, "item-x", 0);
        assertThat(rig.station.withdraw(label)).as("a label never expected").isFalse();

        InFlightLabel expected = new InFlightLabel(rig.code(LineRig.CODES - 2), "item-y", 0);
        rig.station.expect(expected);
        assertThat(rig.station.awaitingRead()).isEqualTo(2);
        assertThat(rig.station.withdraw(expected)).isTrue();
        assertThat(rig.station.withdraw(expected)).isFalse();
        assertThat(rig.station.awaitingRead()).isEqualTo(1);
    }

    // ---- PREPRINT: labels printed ahead, bound at the packing scan ------------------------------------------

    private LineRig preprinted(int quantity) {
        line(LineMode.PREPRINT, Duration.ofHours(1), quantity);
        assertThat(rig.printer.count()).isEqualTo(quantity);
        return rig;
    }

    @Test
    void aPackingScanOfAPrePrintedCodeBindsItToTheGoodsInHand() {
        preprinted(3);
        assertThat(rig.station.awaiting()).as("pre-printed labels count as in flight").isEqualTo(3);
        assertThat(rig.station.awaitingRead()).as("but hold no room on a conveyor").isZero();

        assertThat(rig.station.scanned(rig.code(1).code())).as("no conveyor to fill").isFalse();
        rig.station.scanned(rig.code(0).url());

        assertThat(rig.code(1).state()).isEqualTo(CodeState.BOUND);
        assertThat(rig.code(1).itemId()).isEqualTo("pack-1");
        assertThat(rig.code(0).itemId()).isEqualTo("pack-2");
        assertThat(rig.heard(LineEvent.ItemBound.class)).extracting(LineEvent.ItemBound::itemId)
                .containsExactly("pack-1", "pack-2");
        assertThat(rig.station.awaiting()).isEqualTo(1);
        assertThat(rig.station.unconfirmed()).containsExactly(new CodeRef(rig.code(2).applicationId(), 2));
    }

    @Test
    void aPackingScanThatBindsNothingRejectsTheGoodsWithTheReasonAndChangesNoCode() {
        preprinted(2);
        rig.station.scanned(rig.code(0).code());

        rig.station.scanned(null);
        rig.station.scanned(rig.code(0).url());
        rig.station.scanned(rig.code(LineRig.CODES - 1).code());
        rig.station.scanned("P.URL.CN/NOT/IN/THE/VAULT00");

        assertThat(rejects()).containsExactly("pack-2 NO_READ", "pack-3 DUPLICATE", "pack-4 MISMATCH",
                "pack-5 FOREIGN");
        assertThat(rig.state(1)).as("the pre-printed label still awaits its goods").isEqualTo(CodeState.SENT);
        assertThat(rig.state(LineRig.CODES - 1)).isEqualTo(CodeState.AVAILABLE);
        assertThat(rig.stats.tally.account().rejectedWithoutCode()).as("no code changed").isEqualTo(4);
        assertThat(rig.stats.tally.account().rejected()).isZero();
        assertThat(rig.station.awaiting()).isEqualTo(1);
    }

    @Test
    void packingScansAreNumberedAfreshForEachJob() {
        preprinted(1);
        rig.station.scanned(null);
        rig.station.forJob();

        rig.station.scanned(null);

        assertThat(rejects()).containsExactly("pack-1 NO_READ", "pack-1 NO_READ");
    }

    @Test
    void aVerdictWaitingOutAVaultFaultStillHoldsItsLabelsRoomOnTheConveyor() {
        triggered();
        CodeRecord code = rig.print("item-1");
        rig.print("item-2");
        rig.health.vault.update(DeviceState.FAULT, "disk full", rig.lineEvents);

        rig.station.scanned(code.url());

        assertThat(rig.state(code.index())).isEqualTo(CodeState.SENT);
        assertThat(rig.station.awaitingRead()).isEqualTo(2);
        assertThat(rig.station.awaiting()).isEqualTo(2);
        rig.health.vault.update(DeviceState.ONLINE, null, rig.lineEvents);
        rig.results.settle();
        assertThat(rig.state(code.index())).isEqualTo(CodeState.BOUND);
        assertThat(rig.station.awaitingRead()).isEqualTo(1);
    }

    @Test
    void aPrePrintedLabelCanBeWithdrawnOnceAndTheStationClearedOfTheRest() {
        preprinted(3);
        InFlightLabel first = new InFlightLabel(rig.code(0), "pre-1", 0);
        InFlightLabel again = new InFlightLabel(rig.code(0), "pre-1", 0);

        assertThat(rig.station.withdraw(first)).isTrue();
        assertThat(rig.station.withdraw(again)).isFalse();
        assertThat(rig.station.awaiting()).isEqualTo(2);

        rig.station.clear();
        assertThat(rig.station.awaiting()).isZero();
        assertThat(rig.station.unconfirmed()).isEmpty();
    }
}
