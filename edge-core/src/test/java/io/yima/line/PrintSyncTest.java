package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line against a buffering printer (docs/plc-protocol.md, "Verify against the print"): labels handed but not
 * printed never time out, at most printer.max_ahead of them are out, a fault gives up on the ones the printer
 * still holds (voided PRINTER_FAULT unless read), and a trigger that waits past the deadline is refused STALE
 * and never printed.
 */
class PrintSyncTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LineRig rig;

    private LineRig line(Duration window, int maxAhead) {
        vault = LineRig.vault(dir);
        LineConfig base = LineRig.config(LineMode.TRIGGERED, window);
        LineConfig config = new LineConfig(base.id(), base.application(), base.mode(),
                new LineConfig.Printer(null, null, null, null, null, null, null, maxAhead), null, null,
                new LineConfig.Plc(null, 0, null, null, null, null, null, Duration.ofMillis(500)), new LineConfig.Verify(window, 8),
                base.stream(), null);
        rig = new LineRig(vault, config);
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.runLineThread();
        rig.printing.reported(0, 0, System.nanoTime()); // a printer that counts its queue, empty
        return rig;
    }

    @AfterEach
    void close() {
        if (vault != null) {
            vault.close();
        }
    }

    private CompletableFuture<ItemIssued> trigger(String item, long triggeredNanos) {
        CompletableFuture<ItemIssued> reply = new CompletableFuture<>();
        rig.dispatcher.trigger(item, triggeredNanos, reply);
        rig.runLineThread();
        return reply;
    }

    private static void spinPast(long nanos) {
        long from = System.nanoTime();
        while (System.nanoTime() - from <= nanos) {
            Thread.onSpinWait(); // a nanosecond window: passed by the time the loop tests it again
        }
    }

    private List<String> rejects() {
        return rig.heard(LineEvent.ItemRejected.class).stream().map(r -> r.itemId() + " " + r.reason()).toList();
    }

    @Test
    void aLabelStillInThePrintersBufferNeverTimesOutHoweverLongItWaits() {
        line(Duration.ofNanos(1), 8);
        CodeRecord code = rig.print("item-1");
        spinPast(1);

        rig.station.expire();

        assertThat(rejects()).isEmpty();
        assertThat(rig.state(code.index())).isEqualTo(CodeState.SENT);

        rig.dispatcher.printerReported(1, 0, System.nanoTime()); // now it is printed: its window starts
        spinPast(1);
        rig.station.expire();
        assertThat(rejects()).containsExactly("item-1 TIMEOUT");
    }

    @Test
    void aReadBeforeThePrinterSaysItPrintedStillBindsTheLabel() {
        line(Duration.ofHours(1), 8);
        CodeRecord code = rig.print("item-1");

        rig.station.scanned(code.url());

        assertThat(rig.state(code.index())).isEqualTo(CodeState.BOUND);
        assertThat(rig.printing.ahead()).as("a read label is printed").isZero();
    }

    @Test
    void noMoreThanMaxAheadLabelsAreHandedBeforeThePrinterPrintsThem() {
        line(Duration.ofHours(1), 2);
        long now = System.nanoTime();
        CompletableFuture<ItemIssued> r1 = trigger("item-1", now);
        CompletableFuture<ItemIssued> r2 = trigger("item-2", now);
        CompletableFuture<ItemIssued> r3 = trigger("item-3", now);

        assertThat(rig.printer.count()).isEqualTo(2);
        assertThat(r1).isCompleted();
        assertThat(r2).isCompleted();
        assertThat(r3).as("waits: back-pressure, not a refusal").isNotDone();
        assertThat(rig.printer.progressAsked).as("the printer is asked how far it got").isPositive();

        rig.dispatcher.printerReported(2, 1, System.nanoTime()); // one of the two printed
        rig.runLineThread();

        assertThat(rig.printer.count()).isEqualTo(3);
        assertThat(r3.join().itemId()).isEqualTo("item-3");
        assertThat(rig.printing.ahead()).isEqualTo(2);
    }

    @Test
    void aTriggerPastTheDeadlineIsRefusedStaleAndNeverPrinted() {
        line(Duration.ofHours(1), 8);

        CompletableFuture<ItemIssued> late = trigger("item-1", System.nanoTime() - Duration.ofSeconds(1).toNanos());

        assertThat(late).isCompletedExceptionally();
        assertThat(refusal(late).reason()).isEqualTo(Refusal.STALE);
        assertThat(refusal(late).detail()).contains("500 ms");
        assertThat(rig.printer.count()).isZero();
        assertThat(rig.stats.tally.account().stale()).isEqualTo(1);
        assertThat(rig.heard(LineEvent.TriggerStale.class)).singleElement()
                .satisfies(s -> assertThat(s.itemId()).isEqualTo("item-1"))
                .satisfies(s -> assertThat(s.waitedNanos()).isGreaterThan(Duration.ofMillis(900).toNanos()));
        assertThat(vault.jobReport("J1").printed()).isZero();
    }

    @Test
    void aTriggerHeldBackByThePrinterIsRefusedStaleByTheTickerAndNotPrintedWhenRoomComes() {
        line(Duration.ofHours(1), 1);
        long now = System.nanoTime();
        trigger("item-1", now);
        CompletableFuture<ItemIssued> held = trigger("item-2", now);
        assertThat(held).isNotDone();

        rig.dispatcher.tick(now + Duration.ofMillis(499).toNanos());
        assertThat(held).as("inside the deadline").isNotDone();
        rig.dispatcher.tick(now + Duration.ofMillis(501).toNanos());
        assertThat(refusal(held).reason()).isEqualTo(Refusal.STALE);

        rig.dispatcher.printerReported(1, 0, System.nanoTime());
        rig.runLineThread();
        assertThat(rig.printer.count()).as("the stale trigger is gone for good").isEqualTo(1);
    }

    @Test
    void aStaleRefusalIsAnsweredWhileTheVaultRefusesItsCountWhichGoesWithTheNextCommit() throws Exception {
        line(Duration.ofHours(1), 1);
        long now = System.nanoTime();
        trigger("item-1", now);
        CompletableFuture<ItemIssued> held = trigger("item-2", now);
        failStaleWrites(true);

        rig.dispatcher.tick(now + Duration.ofMillis(501).toNanos());
        assertThat(refusal(held).reason()).as("answered although the vault refused").isEqualTo(Refusal.STALE);
        assertThat(rig.stats.tally.account().stale()).isEqualTo(1);
        assertThat(vault.jobReport("J1").stale()).isZero();

        failStaleWrites(false);
        rig.dispatcher.printerReported(1, 0, System.nanoTime());
        rig.runLineThread();
        assertThat(trigger("item-3", System.nanoTime())).isCompleted(); // committed SENT: the stale count with it
        assertThat(vault.jobReport("J1").stale()).isEqualTo(1);
        rig.dispatcher.tick(System.nanoTime());
        assertThat(vault.jobReport("J1").stale()).as("written once").isEqualTo(1);
    }

    /** SQLite refuses to add to a job's stale count while the trigger exists, as a full disk would. */
    private void failStaleWrites(boolean fail) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + vault.file()); var st = c.createStatement()) {
            st.execute(fail ? "CREATE TRIGGER fail_stale BEFORE UPDATE OF stale ON job BEGIN SELECT RAISE(ABORT,"
                    + " 'disk full'); END" : "DROP TRIGGER fail_stale");
        }
    }

    @Test
    void aPrinterFaultTellsThePrinterToDropItsQueueNowAndAgainBeforeTheNextLabel() {
        line(Duration.ofHours(1), 8);
        rig.print("item-1");
        rig.print("item-2");

        rig.health.printer.update(DeviceState.FAULT, "paper out", rig.lineEvents);
        rig.dispatcher.printerFaulted(System.nanoTime());
        assertThat(rig.printer.cancels).isEqualTo(1);
        assertThat(rig.printing.ahead()).isZero();

        rig.health.printer.update(DeviceState.ONLINE, null, rig.lineEvents);
        rig.dispatcher.resume();
        rig.print("item-3");
        assertThat(rig.printer.cancels).as("once more, before item-3's label").isEqualTo(2);
        rig.print("item-4");
        assertThat(rig.printer.cancels).isEqualTo(2);
    }

    @Test
    void aPrinterThatDoesNotCountItsQueueIsToldToDropItAtEveryFault() {
        // ESC/POS, TSPL: no queue count, no print_rate: a label counts as printed once its bytes are flushed, but the
        // printer may still hold it when it faults. It must drop it then, or it prints after the fault is cleared.
        vault = LineRig.vault(dir);
        rig = new LineRig(vault, LineMode.TRIGGERED, Duration.ofHours(1));
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.runLineThread();
        rig.print("item-1");
        assertThat(rig.printing.ahead()).as("printed by the flush, as far as the line knows").isZero();

        rig.dispatcher.printerFaulted(System.nanoTime());
        assertThat(rig.printer.cancels).isEqualTo(1);
        rig.dispatcher.resume();
        rig.print("item-2");
        assertThat(rig.printer.cancels).as("once more, before item-2's label").isEqualTo(2);
    }

    @Test
    void aFaultWithNothingInThePrinterCancelsNothing() {
        line(Duration.ofHours(1), 8);
        CodeRecord code = rig.print("item-1");
        rig.station.scanned(code.url());

        rig.dispatcher.printerFaulted(System.nanoTime());

        assertThat(rig.printer.cancels).isZero();
    }

    @Test
    void labelsDroppedAtAFaultAreVoidedPrinterFaultUnlessReadWithinTheWindow() {
        line(Duration.ofNanos(1), 8);
        CodeRecord printedBeforeFault = rig.print("item-1");
        CodeRecord dropped = rig.print("item-2");
        rig.dispatcher.printerFaulted(System.nanoTime());

        rig.station.scanned(printedBeforeFault.url()); // it had printed just before the fault: bound
        spinPast(1);
        rig.station.expire();

        assertThat(rig.state(printedBeforeFault.index())).isEqualTo(CodeState.BOUND);
        assertThat(rejects()).containsExactly("item-2 PRINTER_FAULT");
        CodeRecord voided = rig.code(dropped.index());
        assertThat(voided.state()).isEqualTo(CodeState.VOIDED);
        assertThat(voided.reason()).isEqualTo("PRINTER_FAULT");
        assertThat(rig.heard(LineEvent.CodesVoided.class)).singleElement()
                .satisfies(v -> assertThat(v.reason()).isEqualTo(VoidReason.PRINTER_FAULT));
        // the dropped label's code is voided: counted once, as voided, never also as rejected (issue 20)
        JobAccount account = rig.stats.tally.account();
        assertThat(account.voidedByReason()).containsExactly(java.util.Map.entry("PRINTER_FAULT", 1L));
        assertThat(account.rejected()).isZero();
        assertThat(account.printed()).isEqualTo(account.bound() + account.rejected() + account.voided());
        assertThat(vault.jobReport("J1").voidedAfterSent()).isEqualTo(1);
    }

    @Test
    void closingAJobWithLabelsStillInThePrinterTellsItToDropThem() {
        line(Duration.ofHours(1), 8);
        rig.print("item-1");

        rig.lifecycle.close();

        assertThat(rig.printer.cancels).isEqualTo(1);
        assertThat(vault.jobReport("J1").balanced()).isTrue();
    }

    private static LineRefusal refusal(CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("not refused");
        } catch (CompletionException e) {
            return (LineRefusal) e.getCause();
        }
    }
}
