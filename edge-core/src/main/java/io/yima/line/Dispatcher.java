package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Codes → label bytes → printer. Holds the labels asked for but not yet issued (PLC triggers in TRIGGERED, its
 * own items in STREAM and PREPRINT) and issues them while the printer takes bytes and the line is not held.
 *
 * <p>The invariant this class exists for: a code is committed SENT before its label's first byte is handed to
 * the printer, so a crash can never leave a printed code that the vault thinks is unused; a label whose write
 * fails is voided and its item rejected PRINTER_FAULT — the bytes may have reached the printer, so the code is
 * never sent again. Send completions come back through {@code loop}, the line's thread, like everything else.
 *
 * <p>Group commit: triggers queued on the line's thread together are issued together — their codes are
 * committed SENT in one transaction (one fsync) and only then are their labels written.
 *
 * <p>Back-pressure from the print, not only the socket: at most {@code printer.max_ahead} labels are handed to
 * the printer and not yet printed ({@link PrintTracker}); beyond that triggers wait here. A PLC trigger that
 * cannot be issued within {@code plc.trigger_deadline} is refused STALE and dropped: its product is gone.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Labels committed SENT per transaction at most: bounds how far a batch may overshoot the printer's buffer. */
    static final int BATCH = 32;

    private final LineConfig config;
    private final CodeVault vault;
    private final CodeDispenser dispenser;
    private final LabelPress press;
    private final OpenJob job;
    private final LineHealth health;
    private final VerifyStation station;
    private final ItemResults results;
    private final PrintTracker printing;
    private final int maxAhead;
    private final long deadlineNanos;
    private final Executor loop;
    private final ArrayDeque<PendingPrint> pending = new ArrayDeque<>();
    /** TRIGGERED: the code index each item of the open job was issued (a cache of the vault's item_id column). */
    private final Map<String, Long> issuedItems = new HashMap<>();
    /** False for a job resumed from an earlier run: items missing from the cache may be in the vault. */
    private boolean cacheComplete;
    private LabelOutput printer;
    private long issued;
    private long autoItems;
    private boolean pumpQueued;
    /** Labels were given up on at a printer fault: the printer must drop its queue before the next label. */
    private boolean cancelOwed;
    /** The job's running out of codes was logged; cleared when a code is issued again. */
    private boolean outOfCodesLogged;
    /** Stale refusals since the last tick, to be written to the vault (see {@link #writeStale}). */
    private int staleToWrite;
    /** Where a vault failure during a queued pump goes (the line's {@link VaultFault}). */
    private java.util.function.Consumer<RuntimeException> vaultFailed = e -> {
        throw e;
    };

    /** A label asked for; {@code reply} is the PLC's PRINT awaiting its code index, null for the line's own items. */
    private record PendingPrint(String itemId, long triggeredNanos, CompletableFuture<ItemIssued> reply) {
    }

    /** A label rendered and about to be committed SENT. */
    private record Prepared(PendingPrint print, CodeRecord code, byte[] bytes) {
    }

    Dispatcher(LineConfig config, CodeVault vault, CodeDispenser dispenser, LabelPress press, OpenJob job,
               LineHealth health, VerifyStation station, ItemResults results, PrintTracker printing, Executor loop) {
        this.config = config;
        this.vault = vault;
        this.dispenser = dispenser;
        this.press = press;
        this.job = job;
        this.health = health;
        this.station = station;
        this.results = results;
        this.printing = printing;
        this.maxAhead = config.printer() == null ? 32 : config.printer().maxAhead();
        this.deadlineNanos = config.triggerDeadlineOrDefault().toNanos();
        this.loop = loop;
    }

    void connect(LabelOutput printer) {
        this.printer = printer;
    }

    void onVaultFailure(java.util.function.Consumer<RuntimeException> handler) {
        this.vaultFailed = handler;
    }

    /** A job opened (or resumed with {@code alreadyIssued} labels out): codes now come from its application. */
    void forJob(JobSpec spec, long alreadyIssued) {
        issued = alreadyIssued;
        autoItems = alreadyIssued;
        issuedItems.clear();
        cacheComplete = alreadyIssued == 0;
        dispenser.forJob(spec.applicationId(), spec.jobId());
    }

    /**
     * TRIGGERED: the PLC asks for a label for {@code itemId}; {@code reply} completes with the item and its code
     * index once the code is SENT. A refusal is thrown as a {@link LineRefusal}. The label is issued by a pump
     * queued behind the triggers already waiting on the line's thread, so they share one commit.
     */
    void trigger(String itemId, long triggeredNanos, CompletableFuture<ItemIssued> reply) {
        job.requireRunning();
        if (job.mode() != LineMode.TRIGGERED) {
            throw new LineRefusal(Refusal.WRONG_MODE, job.mode().name());
        }
        // A PLC whose reply was lost with the link (or with an edge restart) repeats the trigger: it gets the
        // same answer, no label. The map is a cache; the vault's item_id is the record.
        Long index = issuedItems.get(itemId);
        if (index == null && !cacheComplete) {
            Optional<Long> stored = vault.issuedTo(job.id(), itemId).map(CodeRecord::index);
            if (stored.isPresent()) {
                index = stored.get();
                issuedItems.put(itemId, index);
            }
        }
        if (index != null) {
            reply.complete(new ItemIssued(itemId, index, true));
            return;
        }
        if (pending.stream().anyMatch(p -> p.itemId().equals(itemId))) {
            throw new LineRefusal(Refusal.BUSY, "item " + itemId + " is queued already");
        }
        if (health.pausedReason() != null) {
            throw new LineRefusal(health.vault.fault() != null ? Refusal.VAULT : Refusal.PAUSED,
                    health.pausedReason());
        }
        // TRIGGERED: quantity is the good items the PLC wants; a rejected item's replacement gets a label.
        if (results.stats().tally.boundCount() + station.awaitingRead() + pending.size() >= job.spec().quantity()) {
            throw new LineRefusal(Refusal.QUANTITY_REACHED, Long.toString(job.spec().quantity()));
        }
        if (station.awaitingRead() + pending.size() >= config.verify().maxInFlight()) {
            throw new LineRefusal(Refusal.BUSY);
        }
        pending.addLast(new PendingPrint(itemId, triggeredNanos, reply));
        if (!pumpQueued) {
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
        if (!job.isRunning() || health.pausedReason() != null) {
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
            int room = (int) Math.min(Math.min(quantity - issued - pending.size(),
                    (long) depth - station.awaitingRead() - pending.size()), BATCH - pending.size());
            if (room <= 0) {
                if (pending.isEmpty()) {
                    return;
                }
            }
            for (int i = 0; i < room; i++) {
                String item = (mode == LineMode.PREPRINT ? "pre-" : job.id() + "#") + (++autoItems);
                pending.addLast(new PendingPrint(item, System.nanoTime(), null));
            }
            if (!pump()) {
                return;
            }
        }
    }

    /** Refuses every label not yet issued (job stopped or closed, vault fault, shutdown). */
    void failPending(LineRefusal refusal) {
        for (PendingPrint p; (p = pending.pollFirst()) != null; ) {
            fail(p, refusal);
        }
    }

    /** Hands the unused prefetch back to AVAILABLE (inside the caller's transaction); the number released. */
    int release() {
        return dispenser.release();
    }

    /** Issues pending labels in batches while the printer takes bytes; false when it stopped for a reason. */
    private boolean pump() {
        while (!pending.isEmpty()) {
            if (health.pausedReason() != null || !printer.isWritable()) {
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
            if (!issueBatch()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reserve → render up to {@link #BATCH} labels → commit them SENT in one transaction → hand the bytes over.
     * False when the application ran out of codes. A vault failure puts everything back as it was (codes in
     * the prefetch, prints pending) and propagates.
     */
    private boolean issueBatch() {
        List<Prepared> batch = new ArrayList<>();
        boolean outOfCodes = false;
        int room = Math.min(BATCH, maxAhead - printing.ahead());
        long now = System.nanoTime();
        try {
            while (batch.size() < room && !pending.isEmpty()) {
                if (stale(pending.peekFirst(), now)) {
                    refuseStale(pending.pollFirst(), now);
                    continue;
                }
                CodeRecord code = dispenser.next();
                if (code == null) {
                    outOfCodes = true;
                    break;
                }
                PendingPrint p = pending.pollFirst();
                byte[] bytes;
                try {
                    bytes = press.press(code, job.symbol(), job.spec(), p.itemId(), issued + batch.size() + 1);
                } catch (RuntimeException e) {
                    // Nothing left the process, but the code is spoiled for this label: void it, refuse the item.
                    log.error("line {}: label for code {} could not be rendered", config.id(), code.index(), e);
                    results.events().transaction((c, em) -> {
                        vault.voidCodes(List.of(new CodeRef(code.applicationId(), code.index())),
                                VoidReason.RENDER_FAILED.name());
                        em.note(n -> new LineEvent.CodesVoided(n, 1, VoidReason.RENDER_FAILED));
                        return null;
                    });
                    results.stats().tally.voidedUnsent(VoidReason.RENDER_FAILED);
                    fail(p, new LineRefusal(Refusal.INTERNAL, "render failed"));
                    continue;
                }
                batch.add(new Prepared(p, code, bytes));
                outOfCodesLogged = false;
            }
            if (!batch.isEmpty()) {
                List<Issue> issues = new ArrayList<>(batch.size());
                for (Prepared b : batch) {
                    issues.add(new Issue(b.code().applicationId(), b.code().index(), job.id(), b.print().itemId()));
                }
                results.events().transaction((c, em) -> {
                    vault.markSent(issues);
                    return null;
                });
                results.stats().tally.sent(issues.size()); // printed from the commit on, as job report counts
            }
        } catch (RuntimeException e) {
            // Nothing of the batch was committed: its codes go back to the prefetch, its prints back in the queue.
            for (int i = batch.size() - 1; i >= 0; i--) {
                pending.addFirst(batch.get(i).print());
            }
            dispenser.putBack(batch.stream().map(Prepared::code).toList());
            press.unsent(); // a format download in this batch never left either
            throw e;
        }
        for (Prepared b : batch) {
            InFlightLabel label = new InFlightLabel(b.code(), b.print().itemId(), b.print().triggeredNanos());
            issued++;
            station.expect(label);
            printing.handed(label, System.nanoTime());
            if (b.print().reply() != null) {
                issuedItems.put(b.print().itemId(), b.code().index());
                b.print().reply().complete(new ItemIssued(b.print().itemId(), b.code().index(), false));
            }
            printer.send(b.bytes()).whenComplete((ok, error) -> loop.execute(() -> sent(label, error)));
        }
        if (!batch.isEmpty()) {
            press.sent(); // the status page's last-label preview
        }
        if (outOfCodes) {
            if (!outOfCodesLogged) { // once per running out, not once per refused trigger or STREAM refill
                outOfCodesLogged = true;
                log.error("line {}: application {} has no codes left; the job resumes when codes of it are imported",
                        config.id(), job.spec().applicationId());
            }
            failPending(new LineRefusal(Refusal.OUT_OF_CODES));
            return false;
        }
        return true;
    }

    private void sent(InFlightLabel label, Throwable error) {
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

    /**
     * Writes the stale refusals made since the last tick (here or while issuing), after the PLC had its answers:
     * a vault fault never delays a STALE reply. When the vault refuses, the count stays with the line's events
     * and is written with its next commit (a crash before then loses only that count, never a code).
     */
    private void writeStale() {
        if (staleToWrite > 0 && !results.events().flush()) {
            log.warn("line {}: {} stale refusal(s) not written to the vault yet (vault unavailable); they are"
                    + " written with the line's next commit", config.id(), staleToWrite);
        }
        staleToWrite = 0;
    }

    /** Refuses the PLC triggers waiting longer than the deadline (the ticker calls this); the number refused. */
    int refuseStale(long nowNanos) {
        int n = 0;
        for (var it = pending.iterator(); it.hasNext(); ) {
            PendingPrint p = it.next();
            if (stale(p, nowNanos)) {
                it.remove();
                refuseStale(p, nowNanos);
                n++;
            }
        }
        return n;
    }

    private boolean stale(PendingPrint p, long nowNanos) {
        return p.reply() != null && nowNanos - p.triggeredNanos() > deadlineNanos;
    }

    private void refuseStale(PendingPrint p, long nowNanos) {
        long waitedMs = (nowNanos - p.triggeredNanos()) / 1_000_000;
        results.stats().tally.stale();
        results.events().stale();
        staleToWrite++;
        results.events().note(n -> new LineEvent.TriggerStale(n, p.itemId(), nowNanos - p.triggeredNanos()));
        fail(p, new LineRefusal(Refusal.STALE, "not issued within " + deadlineNanos / 1_000_000 + " ms (waited "
                + waitedMs + " ms)"));
    }

    /** A status reply: the printer held {@code queued} of the labels handed before {@code labelsBefore}. */
    void printerReported(long labelsBefore, int queued, long nowNanos) {
        printing.reported(labelsBefore, queued, nowNanos);
        resume(); // fills the room the printed labels left, or (still held) asks again: polls follow the print
    }

    /** The ticker: rate estimates that came due free room ahead of the printer. */
    void tick(long nowNanos) {
        refuseStale(nowNanos);
        writeStale();
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

    private static void fail(PendingPrint p, LineRefusal refusal) {
        if (p.reply() != null) {
            p.reply().completeExceptionally(refusal);
        }
    }
}
