package io.yima.line;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verification side of a line: the labels whose scan is awaited, scanner reads turned into verdicts, and
 * those verdicts committed (bind / reject) before the PLC hears OK or REJECT — the vault is the record, the event
 * only reports it. TRIGGERED and STREAM labels wait in the {@link Verifier}'s product order and time out after
 * the verify window; PREPRINT labels wait by code index for the packing scan, which has no order and no window.
 * Runs on the line's thread.
 */
final class VerifyStation {
    private final CodeVault vault;
    private final OpenJob job;
    private final ItemResults results;
    private final Duration window;
    private final Verifier verifier;
    /** PREPRINT: labels printed without goods, awaiting their packing scan, by code index. */
    private final Map<Long, InFlightLabel> preprinted = new HashMap<>();
    private long packScans;

    VerifyStation(CodeVault vault, OpenJob job, ItemResults results, Duration window) {
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
        return verifier.remove(label) || preprinted.remove(label.code.index()) != null;
    }

    /** Labels on the conveyor awaiting their read (TRIGGERED, STREAM): what limits the in-flight depth. */
    int awaitingRead() {
        return verifier.inFlight();
    }

    /** Every label awaiting a scan, pre-printed ones included (the status page's "in flight"). */
    int awaiting() {
        return verifier.inFlight() + preprinted.size();
    }

    /** Hands back every label still awaited, for voiding at job close: its result will never come. */
    List<CodeRef> drain() {
        List<CodeRef> unconfirmed = new ArrayList<>();
        for (InFlightLabel l : verifier.drain()) {
            unconfirmed.add(new CodeRef(l.code.applicationId(), l.code.index()));
        }
        for (InFlightLabel l : preprinted.values()) {
            unconfirmed.add(new CodeRef(l.code.applicationId(), l.code.index()));
        }
        preprinted.clear();
        return unconfirmed;
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
        commit(read == null ? verifier.onNoRead() : verifier.onRead(read));
        results.stats().duplicateReads += verifier.duplicateReads() - before;
        return true;
    }

    /** Rejects the labels whose window passed without a read: their read is not coming. */
    void expire() {
        commit(verifier.expire(System.nanoTime(), window.toNanos()));
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
                binds.add(new Binding(c.applicationId(), c.index(), job.id(), v.label().itemId));
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
            results.stats().result(now);
            results.observer().result(results.lineId(), now - v.label().triggeredNanos);
            if (v.isBind()) {
                results.bound(v.label().itemId, v.label().code.code());
            } else {
                results.rejected(v.label().itemId, v.reason());
            }
        }
    }

    /** PREPRINT: a scan at packing binds a pre-printed code of this job to the goods in hand. */
    private void packScan(String read) {
        String item = "pack-" + (++packScans);
        if (read == null) {
            results.rejected(item, RejectReason.NO_READ);
            return;
        }
        Optional<CodeRecord> found = vault.resolveRead(read);
        long applicationId = job.spec().applicationId();
        InFlightLabel label = found.map(c -> c.applicationId() == applicationId ? preprinted.get(c.index()) : null)
                .orElse(null);
        if (label != null) {
            preprinted.remove(label.code.index());
            CodeRecord c = label.code;
            vault.bind(List.of(new Binding(c.applicationId(), c.index(), job.id(), item)));
            results.stats().result(System.nanoTime());
            results.bound(item, c.code());
            return;
        }
        RejectReason reason = found.isEmpty() ? RejectReason.FOREIGN
                : found.get().state() == CodeState.BOUND ? RejectReason.DUPLICATE : RejectReason.MISMATCH;
        results.rejected(item, reason);
    }
}
