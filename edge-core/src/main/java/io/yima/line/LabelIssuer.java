package io.yima.line;

import io.yima.printing.LabelPress;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the print invariant lives: reserve a code → press its label → commit it SENT (one transaction, one fsync,
 * for the whole batch) → hand the bytes to the printer link. Nothing leaves before the commit has returned, so a
 * crash can never leave a printed code that the vault thinks is unused; a commit that fails hands nothing over
 * and puts everything back as it was (codes in the prefetch, labels in their queue). A label that cannot be
 * rendered spoils its code: it is voided and the item refused. Runs on the line's thread.
 */
final class LabelIssuer {
    private static final Logger log = LoggerFactory.getLogger(LabelIssuer.class);

    /** Where the labels to issue wait (the line's {@link Admission}): taken from the front, put back in front. */
    interface Queue {
        /** The next label to issue, taken off the queue, or null when none waits; stale triggers are refused. */
        PendingLabel take(long nowNanos);

        /** Labels taken but not issued (the commit failed, or no code for them), back in front in this order. */
        void putBack(List<PendingLabel> labels);
    }

    /** The line's side of the hand-over. */
    interface Handover {
        /** Committed SENT, bytes about to leave: the line starts awaiting the label's print and read. */
        void handing(InFlightLabel label, PendingLabel request);

        /** The printer link's answer for the label's bytes ({@code error} null: flushed), on the line's thread. */
        void sent(InFlightLabel label, Throwable error);
    }

    /** A label rendered and about to be committed SENT. */
    private record Prepared(PendingLabel request, CodeRecord code, byte[] bytes) {
    }

    private final String lineId;
    private final CodeVault vault;
    private final CodeDispenser dispenser;
    private final LabelPress press;
    private final OpenJob job;
    private final ItemResults results;
    private final Executor loop;
    private LabelOutput printer;
    private Handover handover;
    /** Labels issued for the open job: the next label's sequence number is this plus one. */
    private long issued;
    /** The job's running out of codes was logged; cleared when a code is issued again. */
    private boolean outOfCodesLogged;

    LabelIssuer(String lineId, CodeVault vault, CodeDispenser dispenser, LabelPress press, OpenJob job,
                ItemResults results, Executor loop) {
        this.lineId = lineId;
        this.vault = vault;
        this.dispenser = dispenser;
        this.press = press;
        this.job = job;
        this.results = results;
        this.loop = loop;
    }

    void connect(LabelOutput printer, Handover handover) {
        this.printer = printer;
        this.handover = handover;
    }

    /** A job opened (or resumed with {@code alreadyIssued} labels out): codes now come from its application. */
    void forJob(long applicationId, String jobId, long alreadyIssued) {
        issued = alreadyIssued;
        dispenser.forJob(applicationId, jobId);
    }

    /** Labels issued for the open job so far. */
    long issued() {
        return issued;
    }

    /** Hands the unused prefetch back to AVAILABLE (inside the caller's transaction); the number released. */
    int release() {
        return dispenser.release();
    }

    /**
     * Issues up to {@code room} labels from {@code queue}: reserve → press → commit SENT → hand over. False when
     * the application ran out of codes (the labels left wait in the queue). A vault failure puts everything back
     * as it was and propagates; nothing of the batch has then left.
     */
    boolean issue(int room, Queue queue) {
        List<Prepared> batch = new ArrayList<>();
        PendingLabel taken = null;
        boolean outOfCodes = false;
        long now = System.nanoTime();
        try {
            while (batch.size() < room && (taken = queue.take(now)) != null) {
                CodeRecord code = dispenser.next(); // reserve (a block at a time, committed RESERVED)
                if (code == null) {
                    queue.putBack(List.of(taken));
                    taken = null;
                    outOfCodes = true;
                    break;
                }
                byte[] bytes;
                try {
                    bytes = press.press(code, job.symbol(), job.spec(), taken.itemId(), issued + batch.size() + 1);
                } catch (RuntimeException e) {
                    spoiled(code, taken, e);
                    taken = null;
                    continue;
                }
                batch.add(new Prepared(taken, code, bytes));
                taken = null;
                outOfCodesLogged = false;
            }
            commitSent(batch);
        } catch (RuntimeException e) {
            // Nothing of the batch was committed: its codes go back to the prefetch, its labels back in the queue.
            List<PendingLabel> back = new ArrayList<>(batch.size() + 1);
            batch.forEach(b -> back.add(b.request()));
            if (taken != null) {
                back.add(taken);
            }
            queue.putBack(back);
            dispenser.putBack(batch.stream().map(Prepared::code).toList());
            press.unsent(); // a format download in this batch never left either
            throw e;
        }
        handOver(batch);
        if (outOfCodes && !outOfCodesLogged) { // once per running out, not once per refused trigger or refill
            outOfCodesLogged = true;
            log.error("line {}: application {} has no codes left; the job resumes when codes of it are imported",
                    lineId, job.spec().applicationId());
        }
        return !outOfCodes;
    }

    /** Nothing left the process, but the code is spoiled for this label: void it, refuse the item. */
    private void spoiled(CodeRecord code, PendingLabel request, RuntimeException cause) {
        log.error("line {}: label for code {} could not be rendered", lineId, code.index(), cause);
        results.events().transaction((c, em) -> {
            vault.voidCodes(List.of(new CodeRef(code.applicationId(), code.index())), VoidReason.RENDER_FAILED.name());
            em.note(n -> new LineEvent.CodesVoided(n, 1, VoidReason.RENDER_FAILED));
            return null;
        });
        results.stats().tally.voidedUnsent(VoidReason.RENDER_FAILED);
        request.refuse(new LineRefusal(Refusal.INTERNAL, "render failed"));
    }

    /** The batch's codes SENT in one transaction; returns once it is committed (fsync), or throws. */
    private void commitSent(List<Prepared> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Issue> issues = new ArrayList<>(batch.size());
        for (Prepared b : batch) {
            issues.add(new Issue(b.code().applicationId(), b.code().index(), job.id(), b.request().itemId()));
        }
        results.events().transaction((c, em) -> {
            vault.markSent(issues);
            return null;
        });
        results.stats().tally.sent(issues.size()); // printed from the commit on, as job report counts
    }

    /** Only after the commit: each label's bytes to the printer link, in order. */
    private void handOver(List<Prepared> batch) {
        for (Prepared b : batch) {
            InFlightLabel label = new InFlightLabel(b.code(), b.request().itemId(), b.request().triggeredNanos());
            issued++;
            handover.handing(label, b.request());
            printer.send(b.bytes()).whenComplete((ok, error) -> loop.execute(() -> handover.sent(label, error)));
        }
        if (!batch.isEmpty()) {
            press.sent(); // the status page's last-label preview
        }
    }
}
