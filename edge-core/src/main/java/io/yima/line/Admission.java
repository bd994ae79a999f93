package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which labels may wait to be issued, and for how long. A PLC trigger is admitted, answered again (a repeat for an
 * item already issued gets its code, no label) or refused (not running, wrong mode, held, quantity reached, too
 * many in flight); the line's own STREAM / PREPRINT items are queued by the dispatcher. A PLC trigger not issued
 * within {@code plc.trigger_deadline} is refused STALE and dropped: its product is gone. Runs on the line's thread.
 */
final class Admission implements LabelIssuer.Queue {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final LineConfig config;
    private final CodeVault vault;
    private final OpenJob job;
    private final LineHealth health;
    private final VerifyStation station;
    private final ItemResults results;
    private final long deadlineNanos;
    private final ArrayDeque<PendingLabel> pending = new ArrayDeque<>();
    /** TRIGGERED: the code index each item of the open job was issued (a cache of the vault's item_id column). */
    private final Map<String, Long> issuedItems = new HashMap<>();
    /** False for a job resumed from an earlier run: items missing from the cache may be in the vault. */
    private boolean cacheComplete;
    /** Stale refusals since the last tick, to be written to the vault (see {@link #writeStale}). */
    private int staleToWrite;

    Admission(LineConfig config, CodeVault vault, OpenJob job, LineHealth health, VerifyStation station,
              ItemResults results) {
        this.config = config;
        this.vault = vault;
        this.job = job;
        this.health = health;
        this.station = station;
        this.results = results;
        this.deadlineNanos = config.triggerDeadlineOrDefault().toNanos();
    }

    /** A job opened, or resumed with {@code alreadyIssued} labels out (their items are in the vault, not here). */
    void forJob(long alreadyIssued) {
        issuedItems.clear();
        cacheComplete = alreadyIssued == 0;
    }

    /**
     * TRIGGERED: admits the PLC's trigger for {@code itemId} (true: queued), or answers a repeat at once with the
     * item's code (false). A refusal is thrown as a {@link LineRefusal}.
     */
    boolean admit(String itemId, long triggeredNanos, CompletableFuture<ItemIssued> reply) {
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
            return false;
        }
        if (pending.stream().anyMatch(p -> p.itemId().equals(itemId))) {
            throw new LineRefusal(Refusal.BUSY, "item " + itemId + " is queued already");
        }
        Hold hold = health.hold();
        if (hold != null) {
            throw new LineRefusal(hold.refusal(), hold.toString());
        }
        // TRIGGERED: quantity is the good items the PLC wants; a rejected item's replacement gets a label.
        if (results.stats().tally.boundCount() + station.awaitingRead() + pending.size() >= job.spec().quantity()) {
            throw new LineRefusal(Refusal.QUANTITY_REACHED, Long.toString(job.spec().quantity()));
        }
        if (station.awaitingRead() + pending.size() >= config.verify().maxInFlight()) {
            throw new LineRefusal(Refusal.BUSY);
        }
        pending.addLast(new PendingLabel(itemId, triggeredNanos, reply));
        return true;
    }

    /** STREAM and PREPRINT: one of the line's own items, asked for now. */
    void queueOwn(String itemId) {
        pending.addLast(new PendingLabel(itemId, System.nanoTime(), null));
    }

    /** A trigger's label was handed over: a repeat of it gets the same code. */
    void issued(PendingLabel label, long codeIndex) {
        if (label.reply() != null) {
            issuedItems.put(label.itemId(), codeIndex);
            label.reply().complete(new ItemIssued(label.itemId(), codeIndex, false));
        }
    }

    int waiting() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    @Override
    public PendingLabel take(long nowNanos) {
        for (PendingLabel p; (p = pending.pollFirst()) != null; ) {
            if (!stale(p, nowNanos)) {
                return p;
            }
            refuseStale(p, nowNanos);
        }
        return null;
    }

    @Override
    public void putBack(List<PendingLabel> labels) {
        for (int i = labels.size() - 1; i >= 0; i--) {
            pending.addFirst(labels.get(i));
        }
    }

    /** Refuses every label not yet issued (job stopped or closed, vault fault, out of codes, shutdown). */
    void failPending(LineRefusal refusal) {
        for (PendingLabel p; (p = pending.pollFirst()) != null; ) {
            p.refuse(refusal);
        }
    }

    /** Refuses the PLC triggers waiting longer than the deadline (the ticker calls this); the number refused. */
    int refuseStale(long nowNanos) {
        int n = 0;
        for (var it = pending.iterator(); it.hasNext(); ) {
            PendingLabel p = it.next();
            if (stale(p, nowNanos)) {
                it.remove();
                refuseStale(p, nowNanos);
                n++;
            }
        }
        return n;
    }

    /**
     * Writes the stale refusals made since the last tick (here or while issuing), after the PLC had its answers:
     * a vault fault never delays a STALE reply. When the vault refuses, the count stays with the line's events
     * and is written with its next commit (a crash before then loses only that count, never a code).
     */
    void writeStale() {
        if (staleToWrite > 0 && !results.events().flush()) {
            log.warn("line {}: {} stale refusal(s) not written to the vault yet (vault unavailable); they are"
                    + " written with the line's next commit", config.id(), staleToWrite);
        }
        staleToWrite = 0;
    }

    private boolean stale(PendingLabel p, long nowNanos) {
        return p.reply() != null && nowNanos - p.triggeredNanos() > deadlineNanos;
    }

    private void refuseStale(PendingLabel p, long nowNanos) {
        long waitedMs = (nowNanos - p.triggeredNanos()) / 1_000_000;
        results.stats().tally.stale();
        results.events().stale();
        staleToWrite++;
        results.events().note(n -> new LineEvent.TriggerStale(n, p.itemId(), nowNanos - p.triggeredNanos()));
        p.refuse(new LineRefusal(Refusal.STALE, "not issued within " + deadlineNanos / 1_000_000 + " ms (waited "
                + waitedMs + " ms)"));
    }
}
