package io.yima.line;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.config.LineConfig;
import io.yima.printing.LabelPress;
import io.yima.printing.LastLabel;
import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import io.yima.vault.VaultException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One production line as adapters, devices and the status port see it. It owns the line's single thread and
 * wires the parts that do the work: {@link JobLifecycle} (start / stop / close), {@link Dispatcher} (the pump:
 * codes → label bytes → printer, through {@link Admission} and {@link LabelIssuer}), {@link VerifyStation}
 * (scanner reads → bind / reject), {@link LineHealth} (device links, pause), {@link VaultFault} (the vault as a
 * device) and {@link LineEvents} (numbered, persisted, typed events for subscribers). Every command and device
 * event is queued onto that one thread, so the order of commits, replies and events is the order things
 * happened, and the parts need no locks. Nothing here speaks a wire protocol. Three kinds of caller see it
 * through their own interface: adapters (PLC, Modbus, OPC UA) call {@link LineCommands} and subscribe to
 * {@link LineEvent}s, device links report through {@link DeviceEvents}, the status port uses
 * {@link TechnicianControls}.
 */
public final class ProductionLine implements LineCommands, DeviceEvents, TechnicianControls {
    private static final Logger log = LoggerFactory.getLogger(ProductionLine.class);
    /** The longest a caller off the line's thread waits for it (start-up, technician controls, shutdown). */
    static final Duration WAIT = Duration.ofSeconds(15);

    private final LineConfig config;
    private final CodeVault vault;
    private final EventLoop loop = new DefaultEventLoop();
    private final LineStats stats = new LineStats();
    private final LineEvents events;
    private final OpenJob job;
    private final LineHealth health;
    private final VerifyStation station;
    private final Dispatcher dispatcher;
    private final JobLifecycle lifecycle;
    private final VaultFault vaultFault;
    private final LabelPress press;
    private volatile LineSnapshot snapshot;
    private LineState lastState;
    private boolean dirty;
    private ScheduledFuture<?> ticker;
    private volatile boolean stopping;
    private volatile Supplier<CompletionStage<Integer>> caseCloser;
    private volatile Supplier<CompletionStage<Integer>> palletCloser;
    private volatile Supplier<PackingCounts> packingCounts;
    private volatile LineRework rework = LineRework.NONE;

    public ProductionLine(LineConfig config, CodeVault vault, int reserveBlock) {
        this.config = config;
        this.vault = vault;
        this.events = new LineEvents(config.id(), vault);
        this.job = new OpenJob(config.mode());
        this.health = new LineHealth(config.id());
        // While the vault is faulted, results wait in memory instead of retrying (and busy-waiting) per scan.
        ItemResults results = new ItemResults(vault, stats, events, job, () -> health.vault.fault() != null);
        this.press = new LabelPress(config);
        Double rate = config.printer() == null ? null : config.printer().printRate();
        PrintTracker printing = new PrintTracker(rate == null ? 0 : rate);
        this.station = new VerifyStation(vault, job, results, config.verify().window(), printing);
        CodeDispenser dispenser = new CodeDispenser(vault, reserveBlock,
                n -> events.note(last -> new LineEvent.CodesReserved(last, n)), AheadReserver.SHARED, loop,
                new SplittableRandom());
        this.dispatcher = new Dispatcher(config, vault, dispenser, press, job, health, station, results, printing,
                loop);
        this.lifecycle = new JobLifecycle(config, vault, press, job, dispatcher, station, results, this::stateChanged);
        this.vaultFault = new VaultFault(config.id(), health.vault, events, loop);
        vaultFault.reactions(new VaultFault.Reactions() {
            @Override
            public void faulted(Refusal reason, String detail) {
                dispatcher.failPending(new LineRefusal(reason, detail));
                stateChanged();
            }

            @Override
            public void cleared() {
                onLine(() -> {
                    results.settle();
                    dispatcher.resume();
                });
                stateChanged();
            }
        });
        dispatcher.onVaultFailure(vaultFault::failed);
        events.load(); // numbering continues above the last run's before any device reports in
        events.subscribe(e -> dirty = true);
        lastState = LineState.IDLE;
        publishSnapshot();
    }

    /** Connects the line to its printer and resumes a job the vault still has open for it. */
    public void start(LabelOutput printer) {
        dispatcher.connect(printer);
        await(submit(() -> {
            vault.openJobOnLine(config.id()).ifPresent(lifecycle::resume);
            long deadline = config.triggerDeadlineOrDefault().toMillis();
            long tick = Math.max(20, Math.min(Math.min(200, deadline / 4),
                    config.verify().window().toMillis() / 10));
            ticker = loop.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
            publishSnapshot();
            return null;
        }));
    }

    @Override
    public String lineId() {
        return config.id();
    }

    @Override
    public LineConfig config() {
        return config;
    }

    // ---- commands ------------------------------------------------------------------------------------------

    @Override
    public String currentJobId() {
        return job.id();
    }

    @Override
    public CompletionStage<String> start(JobOrder order) {
        return submit(() -> lifecycle.start(order));
    }

    @Override
    public CompletionStage<String> start(JobOrder order, String by) {
        return submit(() -> lifecycle.start(order, by));
    }

    @Override
    public CompletionStage<String> stop(String by) {
        return submit(() -> lifecycle.stop(by));
    }

    @Override
    public CompletionStage<String> close(String by) {
        return submit(() -> lifecycle.close(by));
    }

    @Override
    public CompletionStage<ItemIssued> print(String itemId) {
        CompletableFuture<ItemIssued> reply = new CompletableFuture<>();
        long now = System.nanoTime();
        execute(reply, () -> {
            try {
                dispatcher.trigger(itemId, now, reply);
            } catch (RuntimeException e) {
                reply.completeExceptionally(refusal(e));
            }
        });
        return reply;
    }

    @Override
    public CompletionStage<String> stop() {
        return submit(lifecycle::stop);
    }

    @Override
    public CompletionStage<String> close() {
        return submit(lifecycle::close);
    }

    @Override
    public CompletionStage<LineStatus> status() {
        return submit(() -> {
            JobSpec j = job.spec();
            JobAccount a = stats.tally.account();
            return new LineStatus(state(), j == null ? null : j.jobId(), a.printed(), a.bound(), a.rejected(),
                    a.voided(), j == null ? 0 : j.quantity());
        });
    }

    @Override
    public Subscription subscribe(LineListener listener) {
        return events.subscribe(listener);
    }

    @Override
    public void replay(long after, LineListener sink, Runnable then) {
        post(() -> {
            try {
                events.since(after).forEach(sink::on);
            } catch (RuntimeException e) {
                log.error("line {}: replay after event {} failed", config.id(), after, e);
            }
            then.run();
        });
    }

    @Override
    public long lastEventNumber() {
        return events.last();
    }

    @Override
    public void afterPublished(Runnable task) {
        post(task);
    }

    // ---- aggregation (io.yima.line.packing) -------------------------------------------------------------------

    /** Runs packing work on the line's thread, where the vault is written and events are numbered. */
    public void onLineThread(Runnable work) {
        post(() -> onLine(work));
    }

    /**
     * A vault change and the event reporting it in one transaction (a case packed and its CASE_PACKED): the event is
     * journaled with the change, so a PLC that was away hears it on HELLO even after a crash, and published after
     * the commit. {@code event} maps the change's result to its event, or to null for none (a refusal changes
     * nothing). Only on the line's thread; the change's own vault calls join the transaction.
     */
    public <T> T changeOnLine(Supplier<T> change, Function<T, LongFunction<LineEvent>> event) {
        return events.transaction((c, em) -> {
            T result = change.get();
            LongFunction<LineEvent> e = event.apply(result);
            if (e != null) {
                em.emit(e);
            }
            return result;
        });
    }

    /** A journaled event with no vault change of its own (a case result); only on the line's thread. */
    public void emitOnLine(LongFunction<LineEvent> event) {
        events.emit(event);
    }

    /** The open job, or null; only on the line's thread (packing takes up a job the start-up resumed). */
    public JobSpec openJobOnLineThread() {
        return job.spec();
    }

    /** Who closes a case on the PLC's CLOSE_CASE (the line's case packing); unset, the command is refused. */
    public void caseCloser(Supplier<CompletionStage<Integer>> closer) {
        this.caseCloser = closer;
    }

    @Override
    public CompletionStage<Integer> closeCase() {
        var closer = caseCloser;
        return closer == null ? LineCommands.super.closeCase() : closer.get();
    }

    /** Who packs the open pallet on the PLC's CLOSE_PALLET (a line with per_pallet); unset, it is refused. */
    public void palletCloser(Supplier<CompletionStage<Integer>> closer) {
        this.palletCloser = closer;
    }

    @Override
    public CompletionStage<Integer> closePallet() {
        var closer = palletCloser;
        return closer == null ? LineCommands.super.closePallet() : closer.get();
    }

    /** Who reworks the line's packed cases and pallets for its adapters (a packing line's vault rework). */
    public void rework(LineRework rework) {
        this.rework = rework;
    }

    @Override
    public LineRework rework() {
        return rework;
    }

    /** Where the open job's packing counts come from (the line's case packing). */
    public void packingCounts(Supplier<PackingCounts> counts) {
        this.packingCounts = counts;
    }

    @Override
    public PackingCounts packingCounts() {
        var counts = packingCounts;
        return counts == null ? null : counts.get();
    }

    // ---- technician controls (status port) ------------------------------------------------------------------

    @Override
    public CompletionStage<Void> pause(boolean paused) {
        return submit(() -> {
            health.manualPause(paused);
            if (!paused) {
                dispatcher.resume();
            }
            stateChanged();
            return null;
        });
    }

    /**
     * The daemon saw the vault file or its WAL deleted or replaced: the vault fault, at once, even on an idle line
     * (its probe write keeps failing, so the line stays faulted until a restart on a sound vault).
     */
    @Override
    public void vaultLost(String reason) {
        post(() -> onLine(() -> {
            throw new VaultException(reason);
        }));
    }

    /** Closes the open job from the status port; completes with the job id, or null if none was open. */
    @Override
    public CompletionStage<String> closeCurrentJob() {
        return submit(lifecycle::closeCurrent);
    }

    /** The line as of its last change (at most one tick old for counters); never waits on the line's thread. */
    @Override
    public LineSnapshot snapshot() {
        return snapshot;
    }

    /**
     * The line as of now: the snapshot republished on the line's thread, after everything queued before this
     * call (a test or a tool comparing the account with {@code job report} at a quiet moment).
     */
    @Override
    public CompletionStage<LineSnapshot> currentSnapshot() {
        return submit(() -> {
            publishSnapshot();
            return snapshot;
        });
    }

    /** The last label this line rendered and handed on for printing (status page preview), or null. */
    @Override
    public LastLabel lastLabel() {
        return press.last();
    }

    // ---- device events -------------------------------------------------------------------------------------

    /**
     * The printer link changed ({@code reason} null when ONLINE); anything but ONLINE pauses the line, and the
     * labels the printer may still hold are given up on (it is told to drop them): voided PRINTER_FAULT unless
     * their read comes within the verify window.
     */
    @Override
    public void printerState(DeviceState link, String reason) {
        post(() -> {
            if (link != DeviceState.ONLINE) {
                press.printerLost(); // a printer back from this may have lost its stored label format
            }
            boolean back = health.printer.update(link, reason, events);
            if (health.printer.fault() != null) {
                onLine(() -> dispatcher.printerFaulted(System.nanoTime()));
            }
            if (back) {
                onLine(dispatcher::resume);
            }
            stateChanged();
        });
    }

    /**
     * A printer status reply that counts its queue: of the labels handed to it before the query
     * ({@code labelsBefore}, in {@link LabelOutput#send} order), it still held {@code queued}. The others are
     * printed now, so their verify window starts, and the room they leave ahead of the printer is filled.
     */
    @Override
    public void printerReported(long labelsBefore, int queued) {
        long now = System.nanoTime();
        post(() -> onLine(() -> dispatcher.printerReported(labelsBefore, queued, now)));
    }

    /** The scanner link changed; like the printer, a scanner that is not ONLINE pauses the line. */
    @Override
    public void scannerState(DeviceState link, String reason) {
        post(() -> {
            if (health.scanner.update(link, reason, events)) {
                onLine(dispatcher::resume);
            }
            stateChanged();
        });
    }

    /** The printer can take more bytes again (back-pressure released). */
    @Override
    public void printerWritable() {
        post(() -> onLine(dispatcher::resume));
    }

    /** A scanner read: the decoded text, or null for the reader's no-read. */
    @Override
    public void scanned(String read) {
        post(() -> {
            if (!job.isOpen()) {
                log.warn("line {}: scanner read with no job open, ignored", config.id());
                return;
            }
            onLine(() -> {
                if (station.scanned(read)) {
                    dispatcher.resume(); // read labels are printed: room ahead of the printer for waiting triggers
                }
            });
        });
    }

    /** The ticker: labels whose verify window passed are rejected, and the snapshot is republished. */
    private void tick() {
        if (job.isOpen()) {
            onLine(() -> {
                dispatcher.tick(System.nanoTime());
                station.expire();
                dispatcher.resume();
            });
        }
        if (dirty) {
            publishSnapshot();
        }
    }

    /** Runs device-driven work; a vault failure becomes the vault fault, anything else is logged. */
    private void onLine(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (VaultFault.isVault(e)) {
                vaultFault.failed(e);
            } else {
                log.error("line {}: {}", config.id(), e.toString(), e);
            }
        }
    }

    private LineState state() {
        if (!job.isOpen()) {
            return LineState.IDLE;
        }
        if (job.state() == JobState.STOPPED) {
            return LineState.STOPPED;
        }
        return !health.clear() ? LineState.PAUSED : LineState.RUNNING;
    }

    /** After anything that may change the line's state: tell listeners if it did, and republish the snapshot. */
    private void stateChanged() {
        LineState now = state();
        if (now != lastState) {
            lastState = now;
            events.note(n -> new LineEvent.LineStateChanged(n, now));
        }
        publishSnapshot();
    }

    private void publishSnapshot() {
        dirty = false;
        JobSpec j = job.spec();
        JobAccount a = stats.tally.account();
        snapshot = new LineSnapshot(config.id(), job.mode(), state(), health.printer.link(), health.printer.fault(),
                health.scanner.link(), health.scanner.fault(), health.vault.fault(),
                j == null ? null : j.jobId(), j == null ? null : j.sku(), j == null ? null : j.batch(),
                j == null ? 0 : j.quantity(), a.printed(), a.bound(), a.rejected(), a.voided(),
                LineSnapshot.byReason(a), stats.duplicateReads, stats.ratePerMinute(System.nanoTime()),
                stats.printLatencyPercentile(0.50) / 1e6, stats.printLatencyPercentile(0.99) / 1e6,
                station.awaiting(), a.stale(), dispatcher.printerAhead(), a);
    }

    /** A command's refusal as adapters see it: a vault failure is the VAULT refusal (and the line's fault). */
    private RuntimeException refusal(RuntimeException e) {
        if (e instanceof LineRefusal) {
            return e;
        }
        if (VaultFault.isVault(e)) {
            vaultFault.failed(e);
            return new LineRefusal(Refusal.VAULT, VaultFault.reason(e));
        }
        log.error("line {}: command failed", config.id(), e);
        return e;
    }

    // ---- threading -----------------------------------------------------------------------------------------

    /** Called before the devices are closed on purpose, so their going offline is not reported as a fault. */
    public void beginShutdown() {
        stopping = true;
    }

    /** Device callbacks: after shutdown there is nobody left to tell, and that is fine. */
    private void post(Runnable task) {
        if (!stopping && !loop.isShuttingDown()) {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                log.debug("line {}: device event after shutdown ignored", config.id());
            }
        }
    }

    private void execute(CompletableFuture<?> reply, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            reply.completeExceptionally(new LineRefusal(Refusal.SHUTTING_DOWN));
        }
    }

    private <T> CompletionStage<T> submit(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(f, () -> {
            try {
                f.complete(work.call());
            } catch (RuntimeException e) {
                f.completeExceptionally(refusal(e));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Waits for the line's thread at most {@link #WAIT}: a stuck line must not hang its caller forever. */
    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the line", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the line's thread did not answer within " + WAIT.toSeconds() + " s");
        }
    }

    /** Stops the line's thread; the open job stays open in the vault and resumes at the next start. */
    public void shutdown() {
        try {
            await(submit(() -> {
                if (ticker != null) {
                    ticker.cancel(false);
                }
                dispatcher.failPending(new LineRefusal(Refusal.SHUTTING_DOWN));
                onLine(dispatcher::release);
                events.close();
                return null;
            }));
        } catch (RuntimeException e) {
            log.warn("line {}: shutdown: {}", config.id(), e.toString());
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(WAIT.toMillis());
    }
}
