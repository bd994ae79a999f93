package io.yima.line;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.plc.JobRequest;
import io.yima.plc.PlcLine;
import io.yima.plc.PlcLink;
import io.yima.plc.PlcNak;
import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobReport;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import io.yima.vault.Rejection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One production line's state machine: the open job, the dispatcher (codes → label bytes → printer) and the
 * verifier (scanner reads → bind / reject). Everything that touches line state runs on the line's own
 * single thread, so the order of commits, PLC replies and events is the order things happened.
 *
 * <p>The invariant this class exists for: a code is committed SENT before its label's first byte leaves the
 * process, a label whose write fails is voided (never re-sent), and each item gets exactly one result.
 */
public final class ProductionLine implements PlcLine {
    private static final Logger log = LoggerFactory.getLogger(ProductionLine.class);

    public enum LineState { IDLE, RUNNING, STOPPED, PAUSED }

    private final LineConfig config;
    private final CodeVault vault;
    private final EventLoop loop = new DefaultEventLoop();
    private final CodeDispenser dispenser;
    private final LabelPress press;
    private final EventJournal journal = new EventJournal(100_000);
    private final LineStats stats = new LineStats();
    private final Verifier verifier;
    private final ArrayDeque<PendingPrint> pending = new ArrayDeque<>();
    /** PREPRINT: labels printed without goods, awaiting their packing scan, by code index. */
    private final Map<Long, InFlightLabel> preprinted = new HashMap<>();
    /** TRIGGERED: the code index each item of the open job was issued, so a repeated trigger prints nothing. */
    private final Map<String, Long> issuedItems = new HashMap<>();
    private final LineObserver observer;
    private LabelOutput printer;
    private ScheduledFuture<?> ticker;
    private volatile boolean stopping;

    private JobSpec job;
    private JobState jobState;
    private Symbology symbol;
    private long issued;
    private long autoItems;
    private long packScans;
    private String printerFault = "not connected yet";
    private String printerLink = "OFFLINE";
    private String scannerFault;
    private String scannerLink = "OFFLINE";
    /** CLEARED only follows a FAULT the PLC heard, not the first connection at start-up. */
    private boolean printerFaultAnnounced;
    private boolean scannerFaultAnnounced;
    private boolean manualPause;

    private record PendingPrint(String itemId, long triggeredNanos, CompletableFuture<List<String>> reply) {
    }

    public ProductionLine(LineConfig config, CodeVault vault, int reserveBlock, LineObserver observer) {
        this.config = config;
        this.vault = vault;
        this.observer = observer == null ? LineObserver.NONE : observer;
        this.dispenser = new CodeDispenser(vault, reserveBlock);
        this.press = new LabelPress(config);
        this.verifier = new Verifier(vault::resolveRead);
    }

    /** Connects the line to its printer and resumes a job the vault still has open for it. */
    public void start(LabelOutput printer) {
        this.printer = printer;
        call(() -> {
            vault.openJobOnLine(config.id()).ifPresent(this::resume);
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
        JobSpec j = job;
        return j == null ? null : j.jobId();
    }

    @Override
    public CompletionStage<List<String>> start(JobRequest r) {
        return submit(() -> {
            JobSpec spec = JobSpecs.from(r, config);
            if (job != null) {
                if (!job.jobId().equals(spec.jobId())) {
                    throw new PlcNak("JOB_OPEN", job.jobId());
                }
                if (!job.equals(spec)) {
                    throw new PlcNak("BAD_FIELD", "job " + spec.jobId() + " is open with other fields");
                }
                return List.of(job.jobId()); // the PLC resuming after a reconnect
            }
            Symbology s = Symbology.valueOf(spec.symbol());
            try {
                press.prepare(s);
            } catch (IllegalArgumentException e) {
                throw new PlcNak("BAD_FIELD", "symbol: " + e.getMessage());
            }
            if (vault.job(spec.jobId()).isPresent() && vault.jobState(spec.jobId()) == JobState.CLOSED) {
                throw new PlcNak("BAD_FIELD", "job " + spec.jobId() + " is closed already");
            }
            vault.openJob(spec);
            open(spec, JobState.OPEN, s);
            log.info("line {}: job {} started ({} × {}, {}, {})", config.id(), spec.jobId(), spec.quantity(), spec.sku(),
                    spec.mode(), spec.symbol());
            fill();
            return List.of(spec.jobId());
        });
    }

    @Override
    public CompletionStage<List<String>> print(String itemId) {
        CompletableFuture<List<String>> reply = new CompletableFuture<>();
        long now = System.nanoTime();
        loop.execute(() -> {
            try {
                requireRunning();
                if (mode() != LineMode.TRIGGERED) {
                    throw new PlcNak("WRONG_MODE", mode().name());
                }
                // A PLC whose reply was lost with the link repeats the trigger: it gets the same answer, no label.
                Long index = issuedItems.get(itemId);
                if (index != null) {
                    reply.complete(List.of(itemId, Long.toString(index)));
                    return;
                }
                if (pending.stream().anyMatch(p -> p.itemId().equals(itemId))) {
                    throw new PlcNak("BUSY", "item " + itemId + " is queued already");
                }
                if (pausedReason() != null) {
                    throw new PlcNak("PAUSED", pausedReason());
                }
                // TRIGGERED: quantity is the good items the PLC wants; a rejected item's replacement gets a label.
                if (stats.bound + verifier.inFlight() + pending.size() >= job.quantity()) {
                    throw new PlcNak("QUANTITY_REACHED", Long.toString(job.quantity()));
                }
                if (verifier.inFlight() + pending.size() >= config.verifyOrDefault().maxInFlightOrDefault()) {
                    throw new PlcNak("BUSY");
                }
                pending.addLast(new PendingPrint(itemId, now, reply));
                pump();
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    @Override
    public CompletionStage<List<String>> stop() {
        return submit(() -> {
            requireJob();
            jobState = JobState.STOPPED;
            vault.setJobState(job.jobId(), JobState.STOPPED);
            failPending(new PlcNak("JOB_STOPPED"));
            return List.of(job.jobId());
        });
    }

    @Override
    public CompletionStage<List<String>> close() {
        return submit(() -> {
            requireJob();
            String id = job.jobId();
            closeJob();
            return List.of(id);
        });
    }

    @Override
    public CompletionStage<List<String>> status() {
        return submit(() -> List.of(state().name(), job == null ? "" : job.jobId(), Long.toString(stats.printed),
                Long.toString(stats.bound), Long.toString(stats.rejectedTotal()), Long.toString(stats.voided),
                job == null ? "0" : Integer.toString(job.quantity())));
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
            manualPause = paused;
            if (!paused) {
                pump();
                fill();
            }
            return null;
        });
    }

    /** Closes the open job from the status port or on shutdown; returns the job id, or null if none. */
    public String closeCurrentJob() {
        return call(() -> {
            if (job == null) {
                return null;
            }
            String id = job.jobId();
            closeJob();
            return id;
        });
    }

    public LineSnapshot snapshot() {
        return call(() -> new LineSnapshot(config.id(), mode().name(), state().name(), printerLink, printerFault,
                scannerLink, scannerFault, journal.attached(),
                job == null ? null : job.jobId(), job == null ? null : job.sku(), job == null ? null : job.batch(),
                job == null ? 0 : job.quantity(), stats.printed, stats.bound, stats.rejectedTotal(), stats.voided,
                Map.copyOf(stats.rejected), stats.duplicateReads, stats.ratePerMinute(System.nanoTime()),
                stats.printLatencyPercentile(0.50) / 1e6, stats.printLatencyPercentile(0.99) / 1e6,
                verifier.inFlight() + preprinted.size()));
    }

    // ---- device events -------------------------------------------------------------------------------------

    /**
     * The printer link changed: {@code link} is ONLINE, OFFLINE or FAULT, {@code reason} what to show (null when
     * ONLINE). Anything but ONLINE pauses the line; the PLC hears FAULT and CLEARED.
     */
    public void printerState(String link, String reason) {
        post(() -> {
            boolean was = printerFault != null;
            printerLink = link;
            printerFault = "ONLINE".equals(link) ? null : (reason == null ? link : reason);
            if (printerFault != null && !was) {
                log.warn("line {}: printer {}: {}", config.id(), link, printerFault);
                journal.emit("FAULT", "printer", printerFault);
                printerFaultAnnounced = true;
            } else if (printerFault == null && was) {
                log.info("line {}: printer back online", config.id());
                if (printerFaultAnnounced) {
                    journal.emit("CLEARED", "printer");
                    printerFaultAnnounced = false;
                }
                pump();
                fill();
            }
        });
    }

    /** The scanner link changed; like the printer, a scanner that is not ONLINE pauses the line. */
    public void scannerState(String link, String reason) {
        post(() -> {
            boolean was = scannerFault != null;
            scannerLink = link;
            scannerFault = "ONLINE".equals(link) ? null : (reason == null ? link : reason);
            if (scannerFault != null && !was) {
                log.warn("line {}: scanner {}: {}", config.id(), link, scannerFault);
                journal.emit("FAULT", "scanner", scannerFault);
                scannerFaultAnnounced = true;
            } else if (scannerFault == null && was) {
                log.info("line {}: scanner back online", config.id());
                if (scannerFaultAnnounced) {
                    journal.emit("CLEARED", "scanner");
                    scannerFaultAnnounced = false;
                }
                pump();
                fill();
            }
        });
    }

    /** The printer can take more bytes again (back-pressure released). */
    public void printerWritable() {
        post(() -> {
            pump();
            fill();
        });
    }

    /** A scanner read: the decoded text, or null for the reader's no-read. */
    public void scanned(String read) {
        post(() -> {
            if (job == null) {
                log.warn("line {}: scanner read with no job open, ignored", config.id());
                return;
            }
            try {
                if (mode() == LineMode.PREPRINT) {
                    packScan(read);
                } else {
                    long before = verifier.duplicateReads();
                    commit(read == null ? verifier.onNoRead() : verifier.onRead(read));
                    stats.duplicateReads += verifier.duplicateReads() - before;
                    fill();
                }
            } catch (RuntimeException e) {
                log.error("line {}: scanner read could not be recorded", config.id(), e);
            }
        });
    }

    // ---- dispatch ------------------------------------------------------------------------------------------

    private void fill() {
        if (job == null || jobState != JobState.OPEN || pausedReason() != null) {
            return;
        }
        LineMode mode = mode();
        if (mode == LineMode.TRIGGERED) {
            return;
        }
        int depth = mode == LineMode.STREAM ? config.streamOrDefault().depthOrDefault() : Integer.MAX_VALUE;
        while (issued + pending.size() < job.quantity() && verifier.inFlight() + pending.size() < depth
                && printer.isWritable()) {
            String item = (mode == LineMode.PREPRINT ? "pre-" : job.jobId() + "#") + (++autoItems);
            pending.addLast(new PendingPrint(item, System.nanoTime(), null));
            if (!pump()) {
                break;
            }
        }
    }

    /** Issues pending labels while the printer takes bytes; false when it stopped for a reason. */
    private boolean pump() {
        while (!pending.isEmpty()) {
            if (pausedReason() != null || !printer.isWritable()) {
                return false;
            }
            PendingPrint p = pending.pollFirst();
            if (!issue(p)) {
                return false;
            }
        }
        return true;
    }

    private boolean issue(PendingPrint p) {
        CodeRecord code = dispenser.next();
        if (code == null) {
            log.error("line {}: application {} has no codes left", config.id(), job.applicationId());
            PlcNak nak = new PlcNak("OUT_OF_CODES");
            fail(p, nak);
            failPending(nak);
            return false;
        }
        byte[] bytes;
        try {
            bytes = press.press(code, symbol);
        } catch (RuntimeException e) {
            // Nothing left the process: the code goes back with the reservation's release at job close.
            log.error("line {}: label for code {} could not be rendered", config.id(), code.index(), e);
            vault.voidCodes(List.of(new CodeRef(code.applicationId(), code.index())), "RENDER_FAILED");
            fail(p, new PlcNak("INTERNAL", "render failed"));
            return true;
        }
        vault.markSent(List.of(new Issue(code.applicationId(), code.index(), job.jobId(), p.itemId())));
        InFlightLabel label = new InFlightLabel(code, p.itemId(), p.triggeredNanos());
        label.sentNanos = System.nanoTime();
        issued++;
        if (mode() == LineMode.PREPRINT) {
            preprinted.put(code.index(), label);
        } else {
            verifier.add(label);
        }
        if (p.reply() != null) {
            issuedItems.put(p.itemId(), code.index());
            p.reply().complete(List.of(p.itemId(), Long.toString(code.index())));
        }
        printer.send(bytes).whenComplete((ok, error) -> loop.execute(() -> sent(label, error)));
        return true;
    }

    private void sent(InFlightLabel label, Throwable error) {
        if (error == null) {
            long latency = System.nanoTime() - label.triggeredNanos;
            stats.printed++;
            stats.printLatency(latency);
            observer.printed(config.id(), latency);
            journal.emit("PRINTED", label.itemId, Long.toString(label.code.index()));
            return;
        }
        // The bytes may or may not have reached the printer: void the code, never send it again.
        boolean pendingRead = verifier.remove(label) || preprinted.remove(label.code.index()) != null;
        if (pendingRead) {
            log.warn("line {}: label for item {} (code {}) failed to send: {}; code voided", config.id(), label.itemId,
                    label.code.index(), error.toString());
            vault.voidCodes(List.of(new CodeRef(label.code.applicationId(), label.code.index())), "SEND_FAILED");
            stats.voided++;
            stats.reject(RejectReason.PRINTER_FAULT);
            observer.rejected(config.id(), RejectReason.PRINTER_FAULT);
            journal.emit("REJECT", label.itemId, RejectReason.PRINTER_FAULT.name());
            fill();
        }
    }

    // ---- verification --------------------------------------------------------------------------------------

    private void expire() {
        if (job == null || verifier.inFlight() == 0) {
            return;
        }
        try {
            commit(verifier.expire(System.nanoTime(), config.verifyOrDefault().windowOrDefault().toNanos()));
            fill();
        } catch (RuntimeException e) {
            log.error("line {}: timeout check failed", config.id(), e);
        }
    }

    private void commit(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        List<Binding> binds = new ArrayList<>();
        List<Rejection> rejects = new ArrayList<>();
        for (Verdict v : verdicts) {
            CodeRecord c = v.label().code;
            if (v.isBind()) {
                binds.add(new Binding(c.applicationId(), c.index(), job.jobId(), v.label().itemId));
            } else {
                rejects.add(new Rejection(c.applicationId(), c.index(), v.reason().name()));
            }
        }
        if (!binds.isEmpty()) {
            vault.bind(binds);
        }
        if (!rejects.isEmpty()) {
            vault.reject(rejects);
        }
        long now = System.nanoTime();
        for (Verdict v : verdicts) {
            stats.result(now);
            observer.result(config.id(), now - v.label().triggeredNanos);
            if (v.isBind()) {
                stats.bound++;
                observer.bound(config.id());
                journal.emit("OK", v.label().itemId, v.label().code.code());
            } else {
                stats.reject(v.reason());
                observer.rejected(config.id(), v.reason());
                journal.emit("REJECT", v.label().itemId, v.reason().name());
            }
        }
    }

    /** PREPRINT: a scan at packing binds a pre-printed code of this job to the goods in hand. */
    private void packScan(String read) {
        String item = "pack-" + (++packScans);
        if (read == null) {
            stats.reject(RejectReason.NO_READ);
            journal.emit("REJECT", item, RejectReason.NO_READ.name());
            return;
        }
        Optional<CodeRecord> found = vault.resolveRead(read);
        InFlightLabel label = found.map(c -> c.applicationId() == job.applicationId() ? preprinted.get(c.index()) : null)
                .orElse(null);
        if (label != null) {
            preprinted.remove(label.code.index());
            CodeRecord c = label.code;
            vault.bind(List.of(new Binding(c.applicationId(), c.index(), job.jobId(), item)));
            stats.bound++;
            stats.result(System.nanoTime());
            observer.bound(config.id());
            journal.emit("OK", item, c.code());
            return;
        }
        RejectReason reason = found.isEmpty() ? RejectReason.FOREIGN
                : found.get().state() == CodeState.BOUND ? RejectReason.DUPLICATE : RejectReason.MISMATCH;
        stats.reject(reason);
        observer.rejected(config.id(), reason);
        journal.emit("REJECT", item, reason.name());
    }

    // ---- job lifecycle -------------------------------------------------------------------------------------

    private void open(JobSpec spec, JobState state, Symbology s) {
        job = spec;
        jobState = state;
        symbol = s;
        issued = 0;
        autoItems = 0;
        packScans = 0;
        issuedItems.clear();
        stats.reset();
        journal.newJob();
        dispenser.forJob(spec.applicationId(), spec.jobId());
    }

    /** After a restart: the job is still open in the vault; its unconfirmed codes were voided by recovery. */
    private void resume(JobSpec spec) {
        Symbology s = Symbology.valueOf(spec.symbol());
        open(spec, vault.jobState(spec.jobId()), s);
        JobReport r = vault.jobReport(spec.jobId());
        issued = r.printed();
        stats.printed = r.printed();
        stats.bound = r.bound();
        stats.voided = r.voided();
        autoItems = issued;
        log.info("line {}: resumed job {} ({} of {} printed)", config.id(), spec.jobId(), issued, spec.quantity());
    }

    private void closeJob() {
        failPending(new PlcNak("JOB_CLOSED"));
        List<CodeRef> unconfirmed = new ArrayList<>();
        for (InFlightLabel l : verifier.drain()) {
            unconfirmed.add(new CodeRef(l.code.applicationId(), l.code.index()));
        }
        for (InFlightLabel l : preprinted.values()) {
            unconfirmed.add(new CodeRef(l.code.applicationId(), l.code.index()));
        }
        preprinted.clear();
        if (!unconfirmed.isEmpty()) {
            vault.voidCodes(unconfirmed, "JOB_CLOSED");
            observer.voided(config.id(), unconfirmed.size());
        }
        int released = dispenser.release();
        vault.setJobState(job.jobId(), JobState.CLOSED);
        JobReport r = vault.jobReport(job.jobId());
        log.info("line {}: job {} closed: printed {} = bound {} + rejected {} + voided {}; {} reserved codes released",
                config.id(), job.jobId(), r.printed(), r.bound(), r.rejected(), r.voided(), released);
        journal.emit("CLOSED", job.jobId(), Long.toString(r.printed()), Long.toString(r.bound()),
                Long.toString(r.rejected()), Long.toString(r.voided()));
        observer.jobClosed(config.id(), job.jobId());
        job = null;
        jobState = null;
    }

    private void failPending(PlcNak nak) {
        for (PendingPrint p; (p = pending.pollFirst()) != null; ) {
            fail(p, nak);
        }
    }

    private static void fail(PendingPrint p, PlcNak nak) {
        if (p.reply() != null) {
            p.reply().completeExceptionally(nak);
        }
    }

    private void requireJob() {
        if (job == null) {
            throw new PlcNak("NO_JOB");
        }
    }

    private void requireRunning() {
        requireJob();
        if (jobState != JobState.OPEN) {
            throw new PlcNak("JOB_STOPPED");
        }
    }

    private LineMode mode() {
        return job == null ? config.modeOrDefault() : LineMode.valueOf(job.mode());
    }

    private String pausedReason() {
        if (manualPause) {
            return "paused by technician";
        }
        if (printerFault != null) {
            return "printer: " + printerFault;
        }
        return scannerFault == null ? null : "scanner: " + scannerFault;
    }

    private LineState state() {
        if (job == null) {
            return LineState.IDLE;
        }
        if (jobState == JobState.STOPPED) {
            return LineState.STOPPED;
        }
        return pausedReason() != null ? LineState.PAUSED : LineState.RUNNING;
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
            } catch (java.util.concurrent.RejectedExecutionException e) {
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
            failPending(new PlcNak("SHUTTING_DOWN"));
            dispenser.release();
            return null;
        });
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
