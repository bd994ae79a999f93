package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's own labels (STREAM and PREPRINT) and the printer's pace on its own: how many labels it asks
 * for (the job's quantity, the stream's depth, {@code printer.max_ahead}), what it names their items, and when
 * it holds back and lets go. Real vault file, the line's thread run by hand ({@link LineRig}).
 */
class DispatcherFillTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LineRig rig;

    @AfterEach
    void close() {
        if (vault != null) {
            vault.close();
        }
    }

    /** A line of {@code mode} whose printer prints {@code rate} labels a second (0: unknown), {@code maxAhead}. */
    private LineRig line(LineMode mode, int depth, Double rate, int maxAhead) {
        vault = LineRig.vault(dir);
        LineConfig config = new LineConfig(LineRig.LINE, io.yima.vault.TestPackages.APP, mode,
                new LineConfig.Printer(null, null, null, null, null, null, rate, maxAhead), null, null, null,
                new LineConfig.Verify(Duration.ofHours(1), 8), new LineConfig.Stream(depth), null);
        rig = new LineRig(vault, config);
        return rig;
    }

    private void start(int quantity) {
        rig.lifecycle.start(LineRig.order("J1", quantity));
        rig.runLineThread();
    }

    private List<String> printedItems() {
        return rig.heard(LineEvent.LabelPrinted.class).stream().map(LineEvent.LabelPrinted::itemId).toList();
    }

    private CodeRecord printedCode(int i) {
        return rig.code(rig.heard(LineEvent.LabelPrinted.class).get(i).code().index());
    }

    @Test
    void aStreamLineKeepsItsDepthOfLabelsUnreadAndNamesItsItemsAfterTheJob() {
        line(LineMode.STREAM, 3, null, 8);
        start(10);

        assertThat(printedItems()).containsExactly("J1#1", "J1#2", "J1#3");
        assertThat(rig.station.awaitingRead()).isEqualTo(3);

        rig.dispatcher.fill();
        rig.runLineThread();
        assertThat(printedItems()).as("the depth is full").hasSize(3);

        rig.station.scanned(printedCode(0).url());
        rig.dispatcher.fill();
        rig.runLineThread();
        assertThat(printedItems()).containsExactly("J1#1", "J1#2", "J1#3", "J1#4");
    }

    @Test
    void aPreprintLineAsksForTheJobsQuantityAndNoMore() {
        line(LineMode.PREPRINT, 3, null, 32);
        start(5);

        assertThat(printedItems()).containsExactly("pre-1", "pre-2", "pre-3", "pre-4", "pre-5");

        rig.dispatcher.fill();
        rig.runLineThread();
        assertThat(printedItems()).hasSize(5);
        assertThat(rig.printer.count()).isEqualTo(5);
    }

    @Test
    void aStreamLineWhoseQuantityIsBelowItsDepthStopsAtTheQuantity() {
        line(LineMode.STREAM, 8, null, 32);
        start(2);

        assertThat(printedItems()).containsExactly("J1#1", "J1#2");
        rig.station.scanned(printedCode(0).url());
        rig.dispatcher.fill();
        rig.runLineThread();
        assertThat(printedItems()).as("the quantity is issued").hasSize(2);
    }

    @Test
    void noMoreThanMaxAheadLabelsAreOutAndTheRestFollowOnceThePrinterSaysItPrinted() {
        line(LineMode.STREAM, 3, null, 2);
        rig.printing.reported(0, 0, System.nanoTime()); // a printer that counts its queue, empty
        start(10);

        assertThat(printedItems()).containsExactly("J1#1", "J1#2");
        assertThat(rig.printer.progressAsked).as("asked at once when it will have printed").isPositive();
        assertThat(rig.dispatcher.printerAhead()).isEqualTo(2);

        rig.dispatcher.printerReported(2, 1, System.nanoTime()); // one printed, one still in the printer
        rig.runLineThread();
        assertThat(printedItems()).containsExactly("J1#1", "J1#2", "J1#3");
        assertThat(rig.dispatcher.printerAhead()).isEqualTo(2);
        assertThat(rig.station.awaitingRead()).isEqualTo(3);
    }

    @Test
    void aPrinterThatTakesNoBytesOrALineNotClearGetsNoLabelsUntilItLetsGo() {
        line(LineMode.STREAM, 3, null, 8);
        rig.printer.writable = false;
        start(10);
        assertThat(printedItems()).isEmpty();

        rig.printer.writable = true;
        rig.health.printer.update(DeviceState.OFFLINE, "connection refused", rig.lineEvents);
        rig.dispatcher.resume();
        rig.runLineThread();
        assertThat(printedItems()).isEmpty();

        rig.health.printer.update(DeviceState.ONLINE, null, rig.lineEvents);
        rig.dispatcher.resume();
        rig.runLineThread();
        assertThat(printedItems()).hasSize(3);
    }

    @Test
    void aTriggeredLineNeverAsksForLabelsOfItsOwn() {
        line(LineMode.TRIGGERED, 3, null, 8);
        start(10);

        rig.dispatcher.fill();
        rig.runLineThread();

        assertThat(printedItems()).isEmpty();
        assertThat(rig.printer.count()).isZero();
    }

    @Test
    void withAPrintRateATriggerHeldByThePrinterIsIssuedOnceTheRateSaysTheLabelAheadPrinted() {
        line(LineMode.TRIGGERED, 3, 20.0, 1); // 50 ms a label
        start(10);
        long t0 = System.nanoTime();
        rig.print("item-1");
        CompletableFuture<ItemIssued> second = new CompletableFuture<>();
        rig.dispatcher.trigger("item-2", t0, second);
        rig.runLineThread();
        assertThat(second).as("held: one label ahead of the printer at most").isNotDone();

        rig.dispatcher.tick(t0);
        rig.runLineThread();
        assertThat(second).as("not printed yet by the rate").isNotDone();

        rig.dispatcher.tick(System.nanoTime() + Duration.ofMillis(60).toNanos());
        rig.runLineThread();
        assertThat(second).isCompleted();
        assertThat(second.join().itemId()).isEqualTo("item-2");
        assertThat(printedItems()).containsExactly("item-1", "item-2");
    }

    @Test
    void aPrinterFaultWithNothingHeldAndAQueueCountingPrinterIsNotToldToDropAnything() {
        line(LineMode.TRIGGERED, 3, null, 8);
        rig.printing.reported(0, 0, System.nanoTime());
        start(10);
        rig.print("item-1");
        rig.dispatcher.printerReported(1, 0, System.nanoTime());
        rig.runLineThread();

        rig.dispatcher.printerFaulted(System.nanoTime());
        rig.dispatcher.resume();
        rig.print("item-2");

        assertThat(rig.printer.cancels).isZero();
    }

    @Test
    void labelsGivenUpAtAFaultAreCountedUnderThePrintersOwnWords() {
        line(LineMode.TRIGGERED, 3, null, 8);
        rig.printing.reported(0, 0, System.nanoTime());
        start(10);
        rig.print("item-1");
        rig.print("item-2");
        rig.health.printer.update(DeviceState.FAULT, "ribbon out", rig.lineEvents);

        rig.dispatcher.printerFaulted(System.nanoTime());

        assertThat(rig.printer.cancels).isEqualTo(1);
        assertThat(rig.dispatcher.printerAhead()).isZero();
        assertThat(rig.station.awaitingRead()).as("still awaited for one window: they may have printed").isEqualTo(2);
    }
}
