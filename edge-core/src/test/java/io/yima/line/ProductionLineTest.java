package io.yima.line;

import static io.yima.line.Stages.done;
import static io.yima.line.Stages.refusal;
import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole line on its own thread against a real vault: commands, device events, listeners, the snapshot. */
class ProductionLineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    CodeVault vault;
    ProductionLine line;
    final LineRig.RecordingOutput printer = new LineRig.RecordingOutput();
    final List<LineEvent> heard = new CopyOnWriteArrayList<>();

    /** A started line (printer connected, ONLINE) with a listener; {@code window} is the verify window. */
    private ProductionLine started(Duration window) {
        return started(LineMode.TRIGGERED, window);
    }

    private ProductionLine started(LineMode mode, Duration window) {
        vault = LineRig.vault(dir);
        line = new ProductionLine(LineRig.config(mode, window), vault, 8);
        line.subscribe(heard::add);
        line.start(printer);
        line.printerState(DeviceState.ONLINE, null);
        return line;
    }

    private ProductionLine running() {
        started(Duration.ofHours(1));
        assertThat(done(line.start(LineRig.order("J1", 10)))).isEqualTo("J1");
        return line;
    }

    @AfterEach
    void close() {
        if (line != null) {
            line.shutdown();
        }
        if (vault != null) {
            vault.close();
        }
    }

    private CodeRecord code(long index) {
        return vault.byIndex(APP, index).orElseThrow();
    }

    /** Waits until every event published so far has reached the listeners. */
    private void published() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        line.afterPublished(latch::countDown);
        assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    /**
     * Waits until {@code n} labels were taken by the printer link and their LabelPrinted published: the reply to a
     * print comes as the label is handed over, its LabelPrinted only after the link took the bytes.
     */
    private void labelsPrinted(int n) {
        await().atMost(WAIT).until(() -> heard.stream().filter(e -> e instanceof LineEvent.LabelPrinted).count() == n);
        assertThat(printer.count()).isEqualTo(n);
    }

    private List<String> heardAsText() {
        return heard.stream().map(e -> e.getClass().getSimpleName() + " " + e.number()).toList();
    }

    @Test
    void aStartCompletesOnlyOnceTheJobIsOpenInTheVault() {
        started(Duration.ofHours(1));

        JobState stateWhenAnswered = done(line.start(LineRig.order("J1", 10)).thenApply(vault::jobState));

        assertThat(stateWhenAnswered).isEqualTo(JobState.OPEN);
        assertThat(line.currentJobId()).isEqualTo("J1");
        assertThat(line.lineId()).isEqualTo(LineRig.LINE);
    }

    @Test
    void aPrintCompletesWithItsCodeAlreadyCommittedSent() {
        running();

        ItemIssued issued = done(line.print("item-1"));
        CodeState stateWhenAnswered = done(line.print("item-2").thenApply(i -> code(i.codeIndex()).state()));

        assertThat(issued).isEqualTo(new ItemIssued("item-1", 0, false));
        assertThat(stateWhenAnswered).isEqualTo(CodeState.SENT);
        assertThat(done(line.print("item-1"))).as("a repeat gets its code again")
                .isEqualTo(new ItemIssued("item-1", 0, true));
    }

    @Test
    void listenersHearEveryEventInOrderJournaledOnesNumberedWithoutGaps() throws Exception {
        running();
        ItemIssued issued = done(line.print("item-1"));
        labelsPrinted(1);
        line.scanned(code(issued.codeIndex()).url());
        assertThat(done(line.close())).isEqualTo("J1");
        published();

        // the job's first block of codes is reserved as it opens, before the line reports RUNNING
        assertThat(heardAsText()).containsExactly("JobOpened 0", "CodesReserved 0",
                "LineStateChanged 0", "LabelPrinted 1",
                "ItemBound 2", "JobClosed 3", "LineStateChanged 3");
        assertThat(heard.get(2)).isEqualTo(new LineEvent.LineStateChanged(0, LineState.RUNNING));
        assertThat(heard.get(6)).isEqualTo(new LineEvent.LineStateChanged(3, LineState.IDLE));
        assertThat(line.lastEventNumber()).isEqualTo(3);
        assertThat(line.currentJobId()).isNull();
    }

    @Test
    void aPrinterFaultPausesTheLineUntilItClears() throws Exception {
        running();

        line.printerState(DeviceState.FAULT, "paper out");
        assertThat(refusal(line.print("item-1"))).isEqualTo(Refusal.PAUSED);
        LineSnapshot paused = line.snapshot();
        line.printerState(DeviceState.ONLINE, null);
        published();

        assertThat(paused.state()).isEqualTo(LineState.PAUSED);
        assertThat(paused.printerLink()).isEqualTo(DeviceState.FAULT);
        assertThat(paused.printerFault()).isEqualTo("paper out");
        assertThat(heard).contains(new LineEvent.DeviceFault(1, Device.PRINTER, "paper out"),
                new LineEvent.DeviceCleared(2, Device.PRINTER), new LineEvent.LineStateChanged(2, LineState.RUNNING));
        assertThat(line.snapshot().state()).isEqualTo(LineState.RUNNING);
        assertThat(line.snapshot().printerFault()).isNull();
        assertThat(done(line.print("item-1")).codeIndex()).isZero();
    }

    @Test
    void aScannerThatGoesOfflinePausesTheLineWithItsLinkAsTheReason() throws Exception {
        running();

        line.scannerState(DeviceState.OFFLINE, null);
        published();
        LineSnapshot paused = line.snapshot();
        line.scannerState(DeviceState.ONLINE, null);
        published();

        assertThat(paused.state()).isEqualTo(LineState.PAUSED);
        assertThat(paused.scannerFault()).isEqualTo("OFFLINE");
        assertThat(heard).contains(new LineEvent.DeviceFault(1, Device.SCANNER, "OFFLINE"),
                new LineEvent.DeviceCleared(2, Device.SCANNER));
        assertThat(line.snapshot().state()).isEqualTo(LineState.RUNNING);
        assertThat(line.snapshot().scannerLink()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void theTechniciansPauseHoldsTheLineAndReleasingItResumes() throws Exception {
        running();

        done(line.pause(true));
        LineSnapshot paused = line.snapshot();
        Refusal whilePaused = refusal(line.print("item-1"));
        done(line.pause(false));

        assertThat(paused.state()).isEqualTo(LineState.PAUSED);
        assertThat(whilePaused).isEqualTo(Refusal.PAUSED);
        assertThat(line.snapshot().state()).isEqualTo(LineState.RUNNING);
        assertThat(done(line.print("item-1")).codeIndex()).isZero();
    }

    @Test
    void theSnapshotAndStatusReportTheOpenJobAndItsCounters() throws Exception {
        running();
        ItemIssued first = done(line.print("item-1"));
        done(line.print("item-2"));
        labelsPrinted(2);
        line.scanned(code(first.codeIndex()).code());
        line.scanned(null);
        published();

        assertThat(done(line.status())).isEqualTo(new LineStatus(LineState.RUNNING, "J1", 2, 1, 1, 0, 10));
        await().atMost(WAIT).until(() -> line.snapshot().rejected() == 1);
        LineSnapshot s = line.snapshot();
        assertThat(List.of(s.lineId(), s.jobId(), s.sku(), s.batch())).containsExactly(LineRig.LINE, "J1", "SKU-1", "B7");
        assertThat(s.mode()).isEqualTo(LineMode.TRIGGERED);
        assertThat(s.quantity()).isEqualTo(10);
        assertThat(List.of(s.printed(), s.bound(), s.rejected(), s.voided())).containsExactly(2L, 1L, 1L, 0L);
        assertThat(s.rejectsByReason()).containsExactly(java.util.Map.entry(RejectReason.NO_READ, 1L));
        assertThat(s.awaitingRead()).isZero();
        assertThat(s.printerLink()).isEqualTo(DeviceState.ONLINE);
        assertThat(s.vaultFault()).isNull();
        assertThat(s.itemsPerMinute()).isPositive();
        assertThat(s.triggerToPrintP50Ms()).isPositive().isLessThan(WAIT.toMillis());
        assertThat(s.triggerToPrintP99Ms()).isGreaterThanOrEqualTo(s.triggerToPrintP50Ms());
    }

    @Test
    void betweenJobsTheLineIsIdleWithNoCounters() {
        started(Duration.ofHours(1));

        assertThat(done(line.status())).isEqualTo(new LineStatus(LineState.IDLE, null, 0, 0, 0, 0, 0));
        LineSnapshot s = line.snapshot();
        assertThat(s.state()).isEqualTo(LineState.IDLE);
        assertThat(s.jobId()).isNull();
        assertThat(s.quantity()).isZero();
        assertThat(refusal(line.print("item-1"))).isEqualTo(Refusal.NO_JOB);
        assertThat(done(line.closeCurrentJob())).isNull();
    }

    @Test
    void aStoppedLineRefusesLabelsAndSaysSo() throws Exception {
        running();

        assertThat(done(line.stop())).isEqualTo("J1");
        published();

        assertThat(refusal(line.print("item-1"))).isEqualTo(Refusal.JOB_STOPPED);
        assertThat(line.snapshot().state()).isEqualTo(LineState.STOPPED);
        assertThat(heard).contains(new LineEvent.LineStateChanged(0, LineState.STOPPED));
        assertThat(vault.jobState("J1")).isEqualTo(JobState.STOPPED);
    }

    @Test
    void theTickerRejectsALabelWhoseWindowPassedWithoutARead() {
        started(Duration.ofMillis(50));
        done(line.start(LineRig.order("J1", 10)));
        ItemIssued issued = done(line.print("item-1"));

        await().atMost(WAIT).until(() -> heard.stream().anyMatch(e -> e instanceof LineEvent.ItemRejected));

        assertThat(heard).filteredOn(e -> e instanceof LineEvent.ItemRejected).singleElement()
                .satisfies(e -> assertThat(((LineEvent.ItemRejected) e).reason()).isEqualTo(RejectReason.TIMEOUT));
        assertThat(code(issued.codeIndex()).state()).isEqualTo(CodeState.REJECTED);
        await().atMost(WAIT).until(() -> line.snapshot().rejected() == 1);
    }

    @Test
    void aScannerReadWithNoJobOpenIsIgnored() throws Exception {
        started(Duration.ofHours(1));

        line.scanned(code(0).url());
        line.scanned(null);
        published();

        assertThat(heard).isEmpty();
        assertThat(code(0).state()).isEqualTo(CodeState.AVAILABLE);
    }

    @Test
    void aLineStartedOnAVaultWithItsJobStillOpenResumesIt() throws Exception {
        running();
        done(line.print("item-1"));
        labelsPrinted(1);
        published();
        long last = line.lastEventNumber();
        line.shutdown();
        line = new ProductionLine(LineRig.config(LineMode.TRIGGERED, Duration.ofHours(1)), vault, 8);

        line.start(printer);

        assertThat(line.currentJobId()).isEqualTo("J1");
        assertThat(line.lastEventNumber()).as("numbering continues without a jump").isEqualTo(last);
        assertThat(done(line.status()).printed()).isEqualTo(1);
        assertThat(done(line.print("item-1"))).isEqualTo(new ItemIssued("item-1", 0, true));
    }

    @Test
    void aReplayHandsOverTheOpenJobsEventsAfterTheGivenNumberAndThenRunsTheFollowUp() throws Exception {
        running();
        done(line.print("item-1"));
        done(line.print("item-2"));
        labelsPrinted(2);
        published();
        List<LineEvent> replayed = new CopyOnWriteArrayList<>();
        CountDownLatch then = new CountDownLatch(1);

        line.replay(1, replayed::add, then::countDown);

        assertThat(then.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(replayed).extracting(LineEvent::number).containsExactly(2L);
    }

    @Test
    void aCommandTheVaultFailsIsRefusedVaultAndPausesTheLineUntilTheVaultTakesWritesAgain() throws Exception {
        running();
        LineRig.failWrites(vault, true);

        assertThat(refusal(line.stop())).isEqualTo(Refusal.VAULT);
        LineSnapshot faulted = line.snapshot();
        LineRig.failWrites(vault, false);
        await().atMost(WAIT).until(() -> line.snapshot().vaultFault() == null);

        assertThat(faulted.vaultFault()).contains("disk full");
        assertThat(faulted.state()).isEqualTo(LineState.PAUSED);
        assertThat(line.snapshot().state()).isEqualTo(LineState.RUNNING);
        assertThat(done(line.print("item-1")).codeIndex()).isZero();
    }

    @Test
    void afterShutdownCommandsAreRefusedShuttingDown() {
        running();
        line.shutdown();

        assertThat(refusal(line.start(LineRig.order("J2", 1)))).isEqualTo(Refusal.SHUTTING_DOWN);
        assertThat(refusal(line.print("item-1"))).isEqualTo(Refusal.SHUTTING_DOWN);
        line.scanned(null); // a device event after shutdown: nobody to tell, no failure
        line = null;
    }

    @Test
    void aShutdownRefusesThePrintsStillWaitingAndReleasesTheReservedCodes() throws Exception {
        running();
        done(line.print("item-1"));
        printer.writable = false;
        CompletionStage<ItemIssued> waiting = line.print("item-2");
        published();

        line.shutdown();

        assertThat(refusal(waiting)).isEqualTo(Refusal.SHUTTING_DOWN);
        assertThat(code(0).state()).isEqualTo(CodeState.SENT);
        for (long i = 1; i < 8; i++) {
            assertThat(code(i).state()).as("code %d", i).isEqualTo(CodeState.AVAILABLE);
        }
    }

    @Test
    void aPrintWaitingForThePrinterGoesOutWhenThePrinterTakesBytesAgain() throws Exception {
        running();
        printer.writable = false;
        CompletionStage<ItemIssued> waiting = line.print("item-1");
        published();
        assertThat(waiting.toCompletableFuture()).isNotDone();

        printer.writable = true;
        line.printerWritable();

        assertThat(done(waiting)).isEqualTo(new ItemIssued("item-1", 0, false));
        labelsPrinted(1);
    }

    @Test
    void devicesGoingAwayAfterTheShutdownBeganAreNotFaults() throws Exception {
        running();
        line.beginShutdown();

        line.printerState(DeviceState.OFFLINE, "closed");
        line.scannerState(DeviceState.OFFLINE, "closed");

        assertThat(done(line.status()).state()).isEqualTo(LineState.RUNNING);
        assertThat(heard).noneMatch(e -> e instanceof LineEvent.DeviceFault);
    }

    @Test
    void inStreamModeEachSettledLabelMakesRoomForTheNext() throws Exception {
        started(LineMode.STREAM, Duration.ofHours(1));
        done(line.start(LineRig.order("J1", 5)));
        await().atMost(WAIT).until(() -> printer.count() == 3); // the stream's depth

        line.scanned(code(0).url());
        await().atMost(WAIT).until(() -> printer.count() == 4);
        line.scanned(null);
        await().atMost(WAIT).until(() -> printer.count() == 5);

        assertThat(code(0).state()).isEqualTo(CodeState.BOUND);
        assertThat(code(1).state()).isEqualTo(CodeState.REJECTED);
    }

    @Test
    void inStreamModeALabelThatTimedOutMakesRoomForTheNext() {
        started(LineMode.STREAM, Duration.ofMillis(50));
        done(line.start(LineRig.order("J1", 4)));

        await().atMost(WAIT).until(() -> printer.count() == 4);

        await().atMost(WAIT).until(() -> heard.stream().filter(e -> e instanceof LineEvent.ItemRejected).count() == 4);
    }

    /** A STREAM line with a job of 5 open while something holds it: nothing printed yet. */
    private void heldStream(Runnable hold) throws Exception {
        started(LineMode.STREAM, Duration.ofHours(1));
        hold.run();
        done(line.start(LineRig.order("J1", 5)));
        published();
        assertThat(printer.count()).isZero();
    }

    @Test
    void aStreamLineHeldByTheTechnicianFillsWhenReleased() throws Exception {
        heldStream(() -> done(line.pause(true)));

        done(line.pause(false));

        await().atMost(WAIT).until(() -> printer.count() == 3);
    }

    @Test
    void aStreamLineHeldByItsPrinterFillsWhenThePrinterIsBack() throws Exception {
        heldStream(() -> line.printerState(DeviceState.FAULT, "head open"));

        line.printerState(DeviceState.ONLINE, null);

        await().atMost(WAIT).until(() -> printer.count() == 3);
    }

    @Test
    void aStreamLineHeldByItsScannerFillsWhenTheScannerIsBack() throws Exception {
        heldStream(() -> line.scannerState(DeviceState.FAULT, "lens dirty"));

        line.scannerState(DeviceState.ONLINE, null);

        await().atMost(WAIT).until(() -> printer.count() == 3);
    }

    @Test
    void aLineNotStartedYetShowsItsPrinterNotConnected() {
        vault = LineRig.vault(dir);
        line = new ProductionLine(LineRig.config(LineMode.PREPRINT, Duration.ofHours(1)), vault, 8);

        LineSnapshot s = line.snapshot();

        assertThat(s.state()).isEqualTo(LineState.IDLE);
        assertThat(s.mode()).isEqualTo(LineMode.PREPRINT);
        assertThat(s.printerLink()).isEqualTo(DeviceState.OFFLINE);
        assertThat(s.printerFault()).isEqualTo("not connected yet");
        assertThat(line.config().id()).isEqualTo(LineRig.LINE);
    }

    @Test
    void aPrintTheVaultCannotCommitIsRefusedVaultAndResultsWaitForTheVaultToComeBack() throws Exception {
        running();
        ItemIssued first = done(line.print("item-1"));
        labelsPrinted(1);
        LineRig.failWrites(vault, true);

        assertThat(refusal(line.print("item-2"))).isEqualTo(Refusal.VAULT);
        line.scanned(code(first.codeIndex()).url());
        published();
        assertThat(code(first.codeIndex()).state()).as("the bind waits in memory").isEqualTo(CodeState.SENT);
        LineRig.failWrites(vault, false);

        await().atMost(WAIT).until(() -> code(first.codeIndex()).state() == CodeState.BOUND);
        await().atMost(WAIT).until(() -> line.snapshot().state() == LineState.RUNNING);
        assertThat(heard).anyMatch(e -> e instanceof LineEvent.DeviceFault f && f.device() == Device.VAULT)
                .anyMatch(e -> e instanceof LineEvent.DeviceCleared c && c.device() == Device.VAULT);
    }

    @Test
    void inStreamModeAReadThatSettlesEveryLabelRefillsTheConveyorAtOnce() throws Exception {
        started(LineMode.STREAM, Duration.ofHours(1));
        done(line.start(LineRig.order("J1", 5)));
        await().atMost(WAIT).until(() -> printer.count() == 3);

        line.scanned(code(2).url()); // the third label: the first two were missed, none awaits a read now

        await().atMost(WAIT).until(() -> printer.count() == 5);
        assertThat(List.of(code(0).state(), code(1).state(), code(2).state()))
                .containsExactly(CodeState.REJECTED, CodeState.REJECTED, CodeState.BOUND);
    }
}
