package io.yima.line;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.config.LineConfig;
import io.yima.plc.JobRequest;
import io.yima.plc.PlcLine;
import io.yima.plc.PlcLink;
import io.yima.plc.PlcNak;
import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One production line as the PLC, the devices and the status port see it. It owns the line's single thread and
 * wires the parts that do the work: {@link JobLifecycle} (start / stop / close), {@link Dispatcher} (codes →
 * label bytes → printer), {@link VerifyStation} (scanner reads → bind / reject) and {@link LineHealth} (device
 * links, pause). Every request and device event is queued onto that one thread, so the order of commits, PLC
 * replies and events is the order things happened, and the parts need no locks.
 */
public final class ProductionLine implements PlcLine {
    private static final Logger log = LoggerFactory.getLogger(ProductionLine.class);

    public enum LineState { IDLE, RUNNING, STOPPED, PAUSED }

    private final LineConfig config;
    private final CodeVault vault;
    private final EventLoop loop = new DefaultEventLoop();
    private final EventJournal journal = new EventJournal(100_000);
    private final LineStats stats = new LineStats();
    private final OpenJob job;
    private final LineHealth health;
    private final VerifyStation station;
    private final Dispatcher dispatcher;
    private final JobLifecycle lifecycle;
    private ScheduledFuture<?> ticker;
    private volatile boolean stopping;

    public ProductionLine(LineConfig config, CodeVault vault, int reserveBlock, LineObserver observer) {
        this.config = config;
        this.vault = vault;
        ItemResults results = new ItemResults(config.id(), stats, journal, observer == null ? LineObserver.NONE : observer);
        LabelPress press = new LabelPress(config);
        this.job = new OpenJob(config.modeOrDefault());
        this.health = new LineHealth(config.id());
        this.station = new VerifyStation(vault, job, results, config.verifyOrDefault().windowOrDefault());
        this.dispatcher = new Dispatcher(config, vault, new CodeDispenser(vault, reserveBlock), press, job, health,
                station, results, loop);
        this.lifecycle = new JobLifecycle(config, vault, press, job, dispatcher, station, results);
    }

    /** Connects the line to its printer and resumes a job the vault still has open for it. */
    public void start(LabelOutput printer) {
        dispatcher.connect(printer);
        call(() -> {
            vault.openJobOnLine(config.id()).ifPresent(lifecycle::resume);
            long tick = Math.max(20, Math.min(200, config.verifyOrDefault().windowOrDefault().toMillis() / 10));
            ticker = loop.scheduleAtFixedRate(this::expire, tick, tick, TimeUnit.MILLISECONDS);
            return null;
        });
    }

    public String lineId() {
        return config.id();
    }

    public LineConfig config() {
        return config;
    }

    // ---- PLC requests ------------------------------------------------------------------------------------

    @Override
    public String currentJobId() {
        return job.id();
    }

    @Override
    public CompletionStage<List<String>> start(JobRequest r) {
        return submit(() -> lifecycle.start(r));
    }

    @Override
    public CompletionStage<List<String>> print(String itemId) {
        CompletableFuture<List<String>> reply = new CompletableFuture<>();
        long now = System.nanoTime();
        loop.execute(() -> {
            try {
                dispatcher.trigger(itemId, now, reply);
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    @Override
    public CompletionStage<List<String>> stop() {
        return submit(lifecycle::stop);
    }

    @Override
    public CompletionStage<List<String>> close() {
        return submit(lifecycle::close);
    }

    @Override
    public CompletionStage<List<String>> status() {
        return submit(() -> {
            JobSpec j = job.spec();
            return List.of(state().name(), j == null ? "" : j.jobId(), Long.toString(stats.printed),
                    Long.toString(stats.bound), Long.toString(stats.rejectedTotal()), Long.toString(stats.voided),
                    j == null ? "0" : Integer.toString(j.quantity()));
        });
    }

    @Override
    public void attach(PlcLink link, long lastEvent) {
        loop.execute(() -> journal.attach(link, lastEvent));
    }

    @Override
    public void detach(PlcLink link) {
        loop.execute(() -> journal.detach(link));
    }

    @Override
    public long lastEventNumber() {
        return journal.last(); // read from the PLC's I/O thread for heartbeats: never wait on the line's thread
    }

    /** On the line's thread, so the heartbeat is queued behind the events it counts (never overtakes them). */
    @Override
    public void heartbeat(PlcLink link) {
        post(() -> journal.heartbeat(link));
    }

    // ---- technician controls (status port) ------------------------------------------------------------------

    public void pause(boolean paused) {
        call(() -> {
            health.manualPause(paused);
            if (!paused) {
                dispatcher.resume();
            }
            return null;
        });
    }

    /** Closes the open job from the status port or on shutdown; returns the job id, or null if none. */
    public String closeCurrentJob() {
        return call(lifecycle::closeCurrent);
    }

    public LineSnapshot snapshot() {
        return call(() -> {
            JobSpec j = job.spec();
            return new LineSnapshot(config.id(), job.mode().name(), state().name(), health.printer.link(),
                    health.printer.fault(), health.scanner.link(), health.scanner.fault(), journal.attached(),
                    j == null ? null : j.jobId(), j == null ? null : j.sku(), j == null ? null : j.batch(),
                    j == null ? 0 : j.quantity(), stats.printed, stats.bound, stats.rejectedTotal(), stats.voided,
                    Map.copyOf(stats.rejected), stats.duplicateReads, stats.ratePerMinute(System.nanoTime()),
                    stats.printLatencyPercentile(0.50) / 1e6, stats.printLatencyPercentile(0.99) / 1e6,
                    station.awaiting());
        });
    }

    // ---- device events -------------------------------------------------------------------------------------

    /**
     * The printer link changed: {@code link} is ONLINE, OFFLINE or FAULT, {@code reason} what to show (null when
     * ONLINE). Anything but ONLINE pauses the line; the PLC hears FAULT and CLEARED.
     */
    public void printerState(String link, String reason) {
        post(() -> {
            if (health.printer.update(link, reason, journal)) {
                dispatcher.resume();
            }
        });
    }

    /** The scanner link changed; like the printer, a scanner that is not ONLINE pauses the line. */
    public void scannerState(String link, String reason) {
        post(() -> {
            if (health.scanner.update(link, reason, journal)) {
                dispatcher.resume();
            }
        });
    }

    /** The printer can take more bytes again (back-pressure released). */
    public void printerWritable() {
        post(dispatcher::resume);
    }

    /** A scanner read: the decoded text, or null for the reader's no-read. */
    public void scanned(String read) {
        post(() -> {
            if (!job.isOpen()) {
                log.warn("line {}: scanner read with no job open, ignored", config.id());
                return;
            }
            try {
                if (station.scanned(read)) {
                    dispatcher.fill();
                }
            } catch (RuntimeException e) {
                log.error("line {}: scanner read could not be recorded", config.id(), e);
            }
        });
    }

    /** The ticker: labels whose verify window passed are rejected, and their room refilled. */
    private void expire() {
        if (!job.isOpen() || station.awaitingRead() == 0) {
            return;
        }
        try {
            station.expire();
            dispatcher.fill();
        } catch (RuntimeException e) {
            log.error("line {}: timeout check failed", config.id(), e);
        }
    }

    private LineState state() {
        if (!job.isOpen()) {
            return LineState.IDLE;
        }
        if (job.state() == JobState.STOPPED) {
            return LineState.STOPPED;
        }
        return health.pausedReason() != null ? LineState.PAUSED : LineState.RUNNING;
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

    private <T> CompletionStage<T> submit(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private <T> T call(Callable<T> work) {
        if (loop.inEventLoop()) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return submit(work).toCompletableFuture().join();
    }

    /** Stops the line's thread; the open job stays open in the vault and resumes at the next start. */
    public void shutdown() {
        call(() -> {
            if (ticker != null) {
                ticker.cancel(false);
            }
            dispatcher.failPending(new PlcNak("SHUTTING_DOWN"));
            dispatcher.release();
            return null;
        });
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
