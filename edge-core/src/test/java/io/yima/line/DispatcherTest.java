package io.yima.line;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.printing.LabelPress;
import io.yima.vault.ActivationFields;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import io.yima.vault.TestPackages;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher against a real SQLite vault and a recording printer. The line's thread is played by a task
 * queue the test runs by hand, so send completions arrive later, as they do on the line, and in a known order.
 */
class DispatcherTest {
    @TempDir
    Path dir;
    CodeVault vault;
    final ArrayDeque<Runnable> lineThread = new ArrayDeque<>();
    final List<LineEvent> events = new ArrayList<>();
    final RecordingPrinter printer = new RecordingPrinter();
    OpenJob job;
    LineEvents lineEvents;
    LineHealth health;
    VerifyStation station;
    Dispatcher dispatcher;

    /** Reads each label's human-readable code and records that code's vault state at the moment of the hand-over. */
    final class RecordingPrinter implements LabelOutput {
        private final Pattern humanLine = Pattern.compile("\\^FD([^\\^]{9})\\^FS");
        final List<CodeState> stateAtSend = new ArrayList<>();
        final List<Long> sentIndexes = new ArrayList<>();
        final ArrayDeque<Boolean> outcomes = new ArrayDeque<>();

        @Override
        public CompletableFuture<Void> send(byte[] label) {
            Matcher m = humanLine.matcher(new String(label, StandardCharsets.US_ASCII));
            assertThat(m.find()).as("label carries its code").isTrue();
            CodeRecord code = vault.byCode(m.group(1)).orElseThrow();
            sentIndexes.add(code.index());
            stateAtSend.add(code.state());
            return Boolean.FALSE.equals(outcomes.poll())
                    ? CompletableFuture.failedFuture(new IOException("connection reset"))
                    : CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void cancelQueued() {
            throw new AssertionError("no printer fault in these tests");
        }

        @Override
        public void askProgress() {
            throw new AssertionError("the printer is never behind in these tests");
        }
    }

    @BeforeEach
    void line() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20))))));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private void open(LineMode mode, int quantity, Integer streamDepth) {
        LineConfig config = new LineConfig("line-1", APP, mode, new LineConfig.Printer(null, null, null, null, null, null),
                null, null, null, new LineConfig.Verify(Duration.ofSeconds(5), 8), new LineConfig.Stream(streamDepth),
                null);
        lineEvents = new LineEvents("line-1", vault);
        lineEvents.load();
        lineEvents.subscribe(events::add);
        job = new OpenJob(mode);
        health = new LineHealth("line-1");
        ItemResults results = new ItemResults(vault, new LineStats(), lineEvents, job, () -> false);
        PrintTracker printing = new PrintTracker(0);
        station = new VerifyStation(vault, job, results, Duration.ofSeconds(5), printing);
        dispatcher = new Dispatcher(config, vault, new CodeDispenser(vault, 4), new LabelPress(config), job, health,
                station, results, printing, lineThread::add);
        dispatcher.connect(printer);
        JobSpec spec = new JobSpec("J1", "line-1", APP, "SKU-1", "B7", quantity, "QR", mode.name(),
                new ActivationFields("spring", "Yima", "Tea", "6901234567892", "wxabc", "pages/index", 0));
        vault.openJob(spec);
        job.open(spec, JobState.OPEN, Symbology.QR);
        dispatcher.forJob(spec, 0);
        health.printer.update(DeviceState.ONLINE, null, lineEvents);
    }

    /**
     * Queues the trigger and runs the line's thread up to the pump it queued, leaving the send completions that
     * pump causes for later.
     */
    private List<String> trigger(String item) {
        CompletableFuture<ItemIssued> reply = queue(item);
        while (!reply.isDone()) {
            lineThread.poll().run();
        }
        ItemIssued issued = reply.join();
        return List.of(issued.itemId(), Long.toString(issued.codeIndex()));
    }

    private CompletableFuture<ItemIssued> queue(String item) {
        CompletableFuture<ItemIssued> reply = new CompletableFuture<>();
        dispatcher.trigger(item, System.nanoTime(), reply);
        if (!reply.isDone()) {
            assertThat(lineThread).as("a pump is queued behind the trigger").isNotEmpty();
        }
        return reply;
    }

    private boolean printed(String item, long index) {
        return events.stream().anyMatch(e -> e instanceof LineEvent.LabelPrinted p && p.itemId().equals(item)
                && p.code().index() == index);
    }

    private void runLineThread() {
        for (Runnable r; (r = lineThread.poll()) != null; ) {
            r.run();
        }
    }

    private CodeState state(long index) {
        return vault.byIndex(APP, index).orElseThrow().state();
    }

    @Test
    void aCodeIsCommittedSentBeforeItsLabelIsHandedToThePrinter() {
        open(LineMode.TRIGGERED, 10, null);
        assertThat(trigger("item-1")).containsExactly("item-1", "0");
        assertThat(trigger("item-2")).containsExactly("item-2", "1");
        runLineThread();

        assertThat(printer.sentIndexes).containsExactly(0L, 1L);
        assertThat(printer.stateAtSend).containsOnly(CodeState.SENT);
        assertThat(printed("item-1", 0)).isTrue();
        assertThat(printed("item-2", 1)).isTrue();
        assertThat(station.awaitingRead()).isEqualTo(2);
    }

    @Test
    void aFailedSendVoidsTheCodeRejectsTheItemAndTheCodeIsNeverSentAgain() {
        open(LineMode.TRIGGERED, 10, null);
        printer.outcomes.add(false);
        assertThat(trigger("item-1")).containsExactly("item-1", "0");
        assertThat(state(0)).isEqualTo(CodeState.SENT); // the failure arrives later, on the line's thread
        runLineThread();

        assertThat(state(0)).isEqualTo(CodeState.VOIDED);
        assertThat(events).anyMatch(e -> e instanceof LineEvent.ItemRejected r && r.itemId().equals("item-1")
                        && r.reason() == RejectReason.PRINTER_FAULT)
                .noneMatch(e -> e instanceof LineEvent.LabelPrinted);
        assertThat(station.awaitingRead()).isZero();

        // The PLC repeating the trigger gets the same answer and no second label with the voided code.
        assertThat(trigger("item-1")).containsExactly("item-1", "0");
        assertThat(trigger("item-2")).containsExactly("item-2", "1");
        runLineThread();
        assertThat(printer.sentIndexes).containsExactly(0L, 1L);
        assertThat(state(0)).isEqualTo(CodeState.VOIDED);
        assertThat(state(1)).isEqualTo(CodeState.SENT);
    }

    @Test
    void aPausedLineRefusesTheTriggerWithoutTouchingACode() {
        open(LineMode.TRIGGERED, 10, null);
        health.printer.update(DeviceState.FAULT, "paper out", lineEvents);

        assertThatThrownBy(() -> dispatcher.trigger("item-1", System.nanoTime(), new CompletableFuture<>()))
                .isInstanceOfSatisfying(LineRefusal.class, n -> assertThat(n.reason()).isEqualTo(Refusal.PAUSED));
        assertThat(events).anyMatch(e -> e instanceof LineEvent.DeviceFault f && f.device() == Device.PRINTER
                && f.reason().equals("paper out"));
        assertThat(printer.sentIndexes).isEmpty();
        assertThat(state(0)).isEqualTo(CodeState.AVAILABLE);
    }

    @Test
    void triggersQueuedTogetherAreCommittedSentInOneTransactionBeforeAnyOfTheirLabelsLeaves() {
        open(LineMode.TRIGGERED, 10, null);
        long sentCommitsBefore = sentCommits();
        List<CompletableFuture<ItemIssued>> replies = List.of(queue("item-1"), queue("item-2"), queue("item-3"));
        assertThat(lineThread).as("one pump for the three triggers").hasSize(1);
        runLineThread();

        assertThat(replies).allMatch(r -> r.isDone() && !r.isCompletedExceptionally());
        assertThat(sentCommits() - sentCommitsBefore).as("one SENT transaction (one fsync)").isEqualTo(1);
        assertThat(printer.sentIndexes).containsExactly(0L, 1L, 2L);
        assertThat(printer.stateAtSend).containsOnly(CodeState.SENT);
    }

    @Test
    void aRepeatedTriggerOfAResumedJobGetsItsCodeFromTheVaultAndPrintsNothing() {
        open(LineMode.TRIGGERED, 10, null);
        assertThat(trigger("item-1")).containsExactly("item-1", "0");
        runLineThread();
        // As after a restart: the job resumes with one label out, the in-memory item map is empty.
        dispatcher.forJob(job.spec(), 1);

        assertThat(trigger("item-1")).containsExactly("item-1", "0");
        assertThat(printer.sentIndexes).containsExactly(0L);
    }

    @Test
    void aVaultThatFailsToReserveOrCommitLeavesEveryCodeAndEveryTriggerAsItWas() throws Exception {
        open(LineMode.TRIGGERED, 10, null);
        List<RuntimeException> vaultFailures = new ArrayList<>();
        dispatcher.onVaultFailure(vaultFailures::add);
        for (int i = 1; i <= 4; i++) { // the prefetch holds 4: the 5th trigger needs a reserve
            trigger("item-" + i);
        }
        runLineThread();

        LineRig.failWrites(vault, true);
        CompletableFuture<ItemIssued> fifth = queue("item-5");
        runLineThread();
        assertThat(vaultFailures).hasSize(1);
        assertThat(fifth).as("still waiting, not answered with another item's code").isNotDone();
        assertThat(state(4)).isEqualTo(CodeState.AVAILABLE);

        LineRig.failWrites(vault, false);
        dispatcher.resume();
        assertThat(fifth.join()).isEqualTo(new ItemIssued("item-5", 4, false));
        runLineThread();
        assertThat(printer.sentIndexes).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(printer.stateAtSend).containsOnly(CodeState.SENT);
    }

    private long sentCommits() {
        return vault.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM event WHERE kind = 'SENT'")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        });
    }

    @Test
    void streamModeFillsToItsDepthAndNoFurther() {
        open(LineMode.STREAM, 10, 3);
        dispatcher.fill();
        runLineThread();

        assertThat(printer.sentIndexes).containsExactly(0L, 1L, 2L);
        assertThat(printer.stateAtSend).containsOnly(CodeState.SENT);
        assertThat(station.awaitingRead()).isEqualTo(3);
        assertThat(state(3)).isNotEqualTo(CodeState.SENT);
    }
}
