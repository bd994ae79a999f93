package io.yima.line;

import static io.yima.vault.TestPackages.APP;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.printing.LabelPress;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.TestPackages;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The parts of one line wired as {@link ProductionLine} wires them, against a real SQLite vault, with the line's
 * thread played by a task queue the test runs by hand (send completions arrive later, in a known order) and a
 * printer that records the bytes it is handed. Tests call the parts directly, on the test's thread.
 */
final class LineRig {
    static final String LINE = "line-1";
    /** Codes the rig's vault holds: indexes 0..CODES-1 of application {@link TestPackages#APP}. */
    static final int CODES = 20;

    final CodeVault vault;
    final LineConfig config;
    final ArrayDeque<Runnable> lineThread = new ArrayDeque<>();
    final List<LineEvent> events = new ArrayList<>();
    final RecordingOutput printer = new RecordingOutput();
    final LineEvents lineEvents;
    final OpenJob job;
    final LineHealth health;
    final LineStats stats = new LineStats();
    final ItemResults results;
    final PrintTracker printing;
    final VerifyStation station;
    final Dispatcher dispatcher;
    final JobLifecycle lifecycle;
    int stateChanges;

    /** A LabelOutput that keeps every label's bytes; sends succeed at once. */
    static final class RecordingOutput implements LabelOutput {
        final List<byte[]> labels = new ArrayList<>();
        volatile boolean writable = true;
        int cancels;

        int progressAsked;

        @Override
        public synchronized void cancelQueued() {
            cancels++;
        }

        @Override
        public synchronized void askProgress() {
            progressAsked++;
        }

        @Override
        public synchronized CompletableFuture<Void> send(byte[] label) {
            labels.add(label);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isWritable() {
            return writable;
        }

        synchronized int count() {
            return labels.size();
        }
    }

    /** A vault file in {@code dir} holding {@link #CODES} codes, or the one already there. */
    static CodeVault vault(Path dir) {
        Path file = dir.resolve("vault.db");
        boolean fresh = !file.toFile().exists();
        CodeVault vault = CodeVault.open(file);
        if (fresh) {
            new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                    TestPackages.base64(TestPackages.text(TestPackages.lines(0, CODES))))));
        }
        return vault;
    }

    static LineConfig config(LineMode mode, Duration window) {
        return config(LINE, mode, window);
    }

    static LineConfig config(String lineId, LineMode mode, Duration window) {
        return new LineConfig(lineId, APP, mode, new LineConfig.Printer(null, null, null, null, null, null), null, null,
                null, new LineConfig.Verify(window, 8), new LineConfig.Stream(3), null);
    }

    static JobOrder order(String jobId, int quantity) {
        return new JobOrder(jobId, "SKU-1", "B7", quantity, null, null, null, null);
    }

    LineRig(CodeVault vault, LineMode mode, Duration window) {
        this(vault, config(mode, window));
    }

    LineRig(CodeVault vault, LineConfig config) {
        this.vault = vault;
        this.config = config;
        LineMode mode = config.mode();
        Duration window = config.verify().window();
        lineEvents = new LineEvents(config.id(), vault);
        lineEvents.load();
        lineEvents.subscribe(events::add);
        job = new OpenJob(mode);
        health = new LineHealth(config.id());
        results = new ItemResults(vault, stats, lineEvents, job, () -> health.vault.fault() != null);
        LabelPress press = new LabelPress(config);
        Double rate = config.printer().printRate();
        printing = new PrintTracker(rate == null ? 0 : rate);
        station = new VerifyStation(vault, job, results, window, printing);
        dispatcher = new Dispatcher(config, vault, new CodeDispenser(vault, 8), press, job, health, station, results,
                printing, lineThread::add);
        dispatcher.connect(printer);
        lifecycle = new JobLifecycle(config, vault, press, job, dispatcher, station, results, () -> stateChanges++);
        health.printer.update(DeviceState.ONLINE, null, lineEvents);
    }

    /** TRIGGERED: prints a label for {@code item} and runs the line's thread until it is handed over; its code. */
    CodeRecord print(String item) {
        CompletableFuture<ItemIssued> reply = new CompletableFuture<>();
        dispatcher.trigger(item, System.nanoTime(), reply);
        runLineThread();
        return code(reply.join().codeIndex());
    }

    void runLineThread() {
        for (Runnable r; (r = lineThread.poll()) != null; ) {
            r.run();
        }
    }

    CodeRecord code(long index) {
        return vault.byIndex(APP, index).orElseThrow();
    }

    CodeState state(long index) {
        return code(index).state();
    }

    /** SQLite refuses every vault change (each appends to `event`) while the trigger exists, as a full disk would. */
    static void failWrites(CodeVault vault, boolean fail) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + vault.file()); var st = c.createStatement()) {
            st.execute(fail ? "CREATE TRIGGER fail_event BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                    : "DROP TRIGGER fail_event");
        }
    }

    <E extends LineEvent> List<E> heard(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
