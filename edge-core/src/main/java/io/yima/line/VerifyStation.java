package io.yima.line;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verification side of a line: the labels whose scan is awaited, scanner reads turned into verdicts, and
 * those verdicts committed (bind and reject of one read in one transaction, with their events) before anyone
 * hears OK or REJECT — the vault is the record, the event only reports it. TRIGGERED and STREAM labels wait in
 * the {@link Verifier}'s product order and time out one verify window after they are printed (the
 * {@link PrintTracker} says when); PREPRINT labels wait by code index
 * for the packing scan, which has no order and no window. Runs on the line's thread.
 */
final class VerifyStation {
    private final CodeVault vault;
    private final OpenJob job;
    private final ItemResults results;
    private final Duration window;
    private final Verifier verifier;
    private final PrintTracker printing;
    /** PREPRINT: labels printed without goods, awaiting their packing scan, by code index. */
    private final Map<Long, InFlightLabel> preprinted = new HashMap<>();
    private long packScans;

    VerifyStation(CodeVault vault, OpenJob job, ItemResults results, Duration window, PrintTracker printing) {
        this.printing = printing;
        this.vault = vault;
        this.job = job;
        this.results = results;
        this.window = window;
        this.verifier = new Verifier(vault::resolveRead);
    }

    void forJob() {
        packScans = 0;
    }

    /** A label just committed SENT: from now on its scan is awaited. */
    void expect(InFlightLabel label) {
        if (job.mode() == LineMode.PREPRINT) {
            preprinted.put(label.code.index(), label);
        } else {
            verifier.add(label);
        }
    }

    /** A label whose send failed: true when it was still awaited, i.e. it has no result yet. */
    boolean withdraw(InFlightLabel label) {
        printing.forget(label);
        return verifier.remove(label) || preprinted.remove(label.code.index()) != null;
    }

    /** Labels on the conveyor awaiting their read (TRIGGERED, STREAM) or their commit: limits the in-flight depth. */
    int awaitingRead() {
        return verifier.inFlight() + results.waiting();
    }

    /** Every label awaiting a scan, pre-printed ones included (the status page's "in flight"). */
    int awaiting() {
        return verifier.inFlight() + preprinted.size() + results.waiting();
    }

    /** Every label still awaited, for voiding at job close: its result will never come. Does not forget them. */
    List<CodeRef> unconfirmed() {
        List<CodeRef> unconfirmed = new ArrayList<>();
        for (InFlightLabel l : verifier.inFlightLabels()) {
            unconfirmed.add(new CodeRef(l.code.applicationId(), l.code.index()));
        }
        for (InFlightLabel l : preprinted.values()) {
            unconfirmed.add(new CodeRef(l.code.applicationId(), l.code.index()));
        }
        return unconfirmed;
    }

    /** The job closed (its unconfirmed codes are voided): nothing is awaited any more. */
    void clear() {
        verifier.drain();
        preprinted.clear();
    }

    /**
     * A scanner read (null for the reader's no-read) while a job is open. True when it may have settled labels
     * on the conveyor, so the dispatcher can fill the room they left.
     */
    boolean scanned(String read) {
        if (job.mode() == LineMode.PREPRINT) {
            packScan(read);
            return false;
        }
        long before = verifier.duplicateReads();
        List<Verdict> verdicts = read == null ? verifier.onNoRead() : verifier.onRead(read);
        results.stats().duplicateReads += verifier.duplicateReads() - before;
        commit(verdicts);
        return true;
    }

    /** Rejects the labels whose window passed without a read: their read is not coming. */
    void expire() {
        commit(verifier.expire(System.nanoTime(), window.toNanos()));
    }

    private void commit(List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            if (v.label() != null) {
                printing.forget(v.label()); // read or passed by: printed, whatever the printer has said so far
            }
        }
        if (!verdicts.isEmpty()) {
            results.record(verdicts);
        }
    }

    /** PREPRINT: a scan at packing binds a pre-printed code of this job to the goods in hand. */
    private void packScan(String read) {
        String item = "pack-" + (++packScans);
        if (read == null) {
            commit(List.of(Verdict.rejectItem(item, RejectReason.NO_READ)));
            return;
        }
        Optional<CodeRecord> found = vault.resolveRead(read);
        long applicationId = job.spec().applicationId();
        InFlightLabel label = found.map(c -> c.applicationId() == applicationId ? preprinted.get(c.index()) : null)
                .orElse(null);
        if (label != null) {
            preprinted.remove(label.code.index());
            commit(List.of(Verdict.bindAs(label, item)));
            return;
        }
        RejectReason reason = found.isEmpty() ? RejectReason.FOREIGN
                : found.get().state() == CodeState.BOUND ? RejectReason.DUPLICATE : RejectReason.MISMATCH;
        commit(List.of(Verdict.rejectItem(item, reason)));
    }
}
