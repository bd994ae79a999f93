package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.printing.LabelPress;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pump: issues the labels asked for (PLC triggers in TRIGGERED, its own items in STREAM and PREPRINT) while
 * the printer takes bytes and the line is not held, and follows the printer's progress and faults. Which labels
 * may wait and for how long is {@link Admission}'s; the print invariant (a code is committed SENT before its
 * label's first byte is handed to the printer) is {@link LabelIssuer}'s. A label whose write fails is voided and
 * its item rejected PRINTER_FAULT — the bytes may have reached the printer, so the code is never sent again. Send
 * completions come back through {@code loop}, the line's thread, like everything else.
 *
 * <p>Group commit: triggers queued on the line's thread together are issued together — their codes are
 * committed SENT in one transaction (one fsync) and only then are their labels written.
 *
 * <p>Back-pressure from the print, not only the socket: at most {@code printer.max_ahead} labels are handed to
 * the printer and not yet printed ({@link PrintTracker}); beyond that triggers wait in {@link Admission}.
 */
final class Dispatcher implements LabelIssuer.Handover {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Labels committed SENT per transaction at most: bounds how far a batch may overshoot the printer's buffer. */
    static final int BATCH = 32;

    private final LineConfig config;
    private final LineHealth health;
    private final OpenJob job;
    private final VerifyStation station;
    private final ItemResults results;
    private final PrintTracker printing;
    private final Admission admission;
    private final LabelIssuer issuer;
    private final int maxAhead;
    private final Executor loop;
    private LabelOutput printer;
    private long autoItems;
    private boolean pumpQueued;
    /** Labels were given up on at a printer fault: the printer must drop its queue before the next label. */
    private boolean cancelOwed;
    /** Where a vault failure during a queued pump goes (the line's {@link VaultFault}). */
    private java.util.function.Consumer<RuntimeException> vaultFailed = e -> {
        throw e;
    };

    Dispatcher(LineConfig config, CodeVault vault, CodeDispenser dispenser, LabelPress press, OpenJob job,
               LineHealth health, VerifyStation station, ItemResults results, PrintTracker printing, Executor loop) {
        this.config = config;
        this.job = job;
        this.health = health;
        this.station = station;
        this.results = results;
        this.printing = printing;
        this.admission = new Admission(config, vault, job, health, station, results);
        this.issuer = new LabelIssuer(config.id(), vault, dispenser, press, job, results, loop);
        this.maxAhead = config.printer() == null ? 32 : config.printer().maxAhead();
        this.loop = loop;
    }

    void connect(LabelOutput printer) {
        this.printer = printer;
        issuer.connect(printer, this);
    }

    void onVaultFailure(java.util.function.Consumer<RuntimeException> handler) {
        this.vaultFailed = handler;
    }

    /** A job opened (or resumed with {@code alreadyIssued} labels out): codes now come from its application. */
    void forJob(JobSpec spec, long alreadyIssued) {
        autoItems = alreadyIssued;
        admission.forJob(alreadyIssued);
        issuer.forJob(spec.applicationId(), spec.jobId(), alreadyIssued);
    }

    /**
     * TRIGGERED: the PLC asks for a label for {@code itemId}; {@code reply} completes with the item and its code
     * index once the code is SENT. A refusal is thrown as a {@link LineRefusal}. The label is issued by a pump
     * queued behind the triggers already waiting on the line's thread, so they share one commit.
     */
    void trigger(String itemId, long triggeredNanos, CompletableFuture<ItemIssued> reply) {
        if (admission.admit(itemId, triggeredNanos, reply) && !pumpQueued) {
            pumpQueued = true;
            loop.execute(this::queuedPump);
        }
    }

    private void queuedPump() {
        pumpQueued = false;
        try {
            pump();
        } catch (RuntimeException e) {
            if (!VaultFault.isVault(e)) {
                failPending(new LineRefusal(Refusal.INTERNAL, e.getMessage()));
                log.error("line {}: issuing labels failed", config.id(), e);
                return;
            }
            vaultFailed.accept(e);
        }
    }

    /** Something that held dispatch let go (unpause, device back, printer writable): issue what is waiting. */
    void resume() {
        pump();
        fill();
    }

    /** STREAM and PREPRINT: asks for the line's own labels up to the job's quantity and the mode's depth. */
    void fill() {
        if (!job.isRunning() || !health.clear()) {
            return;
        }
        LineMode mode = job.mode();
        if (mode == LineMode.TRIGGERED) {
            return;
        }
        int depth = mode == LineMode.STREAM ? config.stream().depth() : Integer.MAX_VALUE;
        int quantity = job.spec().quantity();
        while (printer.isWritable()) {
            if (printing.ahead() >= maxAhead) {
                printer.askProgress();
                return;
            }
            int waiting = admission.waiting();
            int room = (int) Math.min(Math.min(quantity - issuer.issued() - waiting,
                    (long) depth - station.awaitingRead() - waiting), BATCH - waiting);
            if (room <= 0) {
                if (admission.isEmpty()) {
                    return;
                }
            }
            for (int i = 0; i < room; i++) {
                admission.queueOwn((mode == LineMode.PREPRINT ? "pre-" : job.id() + "#") + (++autoItems));
            }
            if (!pump()) {
                return;
            }
        }
    }

    /** Refuses every label not yet issued (job stopped or closed, vault fault, shutdown). */
    void failPending(LineRefusal refusal) {
        admission.failPending(refusal);
    }

    /** Hands the unused prefetch back to AVAILABLE (inside the caller's transaction); the number released. */
    int release() {
        return issuer.release();
    }

    /** Issues waiting labels in batches while the printer takes bytes; false when it stopped for a reason. */
    private boolean pump() {
        while (!admission.isEmpty()) {
            if (!health.clear() || !printer.isWritable()) {
                return false;
            }
            if (printing.ahead() >= maxAhead) {
                printer.askProgress(); // held by the printer: learn at once when it has printed
                return false;
            }
            if (cancelOwed) {
                printer.cancelQueued(); // before any new label: what the printer kept from before the fault must go
                cancelOwed = false;
            }
            if (!issuer.issue(Math.min(BATCH, maxAhead - printing.ahead()), admission)) {
                failPending(new LineRefusal(Refusal.OUT_OF_CODES));
                return false;
            }
        }
        return true;
    }

    @Override
    public void handing(InFlightLabel label, PendingLabel request) {
        station.expect(label);
        printing.handed(label, System.nanoTime());
        admission.issued(request, label.code.index());
    }

    @Override
    public void sent(InFlightLabel label, Throwable error) {
        if (error == null) {
            printing.flushed(label, System.nanoTime());
            long latency = System.nanoTime() - label.triggeredNanos;
            results.stats().printLatency(latency);
            CodeRef ref = new CodeRef(label.code.applicationId(), label.code.index());
            results.events().emit(n -> new LineEvent.LabelPrinted(n, label.itemId, ref, latency));
            return;
        }
        // The bytes may or may not have reached the printer: void the code, never send it again.
        if (station.withdraw(label)) {
            if (label.droppedAt == null) { // else its fault's one line counts it
                log.warn("line {}: label for item {} (code {}) failed to send: {}; code voided", config.id(), label.itemId,
                        label.code.index(), error.toString());
            }
            try {
                results.record(List.of(Verdict.sendFailed(label)));
                fill();
            } catch (RuntimeException e) {
                if (!VaultFault.isVault(e)) {
                    throw e;
                }
                vaultFailed.accept(e);
            }
        }
    }

    /** A status reply: the printer held {@code queued} of the labels handed before {@code labelsBefore}. */
    void printerReported(long labelsBefore, int queued, long nowNanos) {
        printing.reported(labelsBefore, queued, nowNanos);
        resume(); // fills the room the printed labels left, or (still held) asks again: polls follow the print
    }

    /** The ticker: rate estimates that came due free room ahead of the printer. */
    void tick(long nowNanos) {
        admission.refuseStale(nowNanos);
        admission.writeStale();
        if (printing.tick(nowNanos) > 0) {
            resume();
        }
    }

    /**
     * The printer faulted (or its link dropped): the labels it may still hold are given up on and it is told to
     * drop them now and, in case it is not listening, again before the next label.
     */
    void printerFaulted(long nowNanos) {
        List<InFlightLabel> dropped = printing.cancelAll(nowNanos);
        if (!dropped.isEmpty()) {
            // One line for the fault once its labels are settled (PrinterFaultDrops), not one per rejected item.
            String fault = health.printer.fault() == null ? "fault" : health.printer.fault();
            PrinterFaultDrops drops = new PrinterFaultDrops(config.id(), fault, dropped.size());
            dropped.forEach(l -> l.droppedAt = drops);
            log.debug("line {}: printer {} with {} label(s) not known printed; told to drop them", config.id(), fault,
                    dropped.size());
        }
        // A printer that does not count its queue (ESC/POS, TSPL) may still hold labels that the rate estimate or
        // the flush already counts as printed: it is told to drop whatever it holds in every case, else those
        // labels would print after the fault is cleared, for codes the line has given up on.
        if (!dropped.isEmpty() || !printing.printerCounts()) {
            printer.cancelQueued();
            cancelOwed = true;
        }
    }

    /** Labels handed to the printer and not known printed (the status page's "in the printer"). */
    int printerAhead() {
        return printing.ahead();
    }

    /** Job closed: the codes of labels the printer still holds are voided, so they must never print. */
    void jobClosed() {
        if (printing.cancelAll(System.nanoTime()).size() > 0) {
            printer.cancelQueued();
        }
    }
}
