package io.yima.line;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Matches scanner reads to the labels in flight, in product order (DESIGN.md "Matching scanner reads"): a read
 * of the head binds it; a read of a later label means the ones before it were missed (NO_READ); the no-read
 * token rejects the head; a code BOUND already is a DUPLICATE, one the vault does not know is FOREIGN, another
 * of the vault's codes is a MISMATCH — those three reject the head, whose label the item evidently does not
 * carry. A repeat of the read that bound the previous label is the scanner reading twice, not an item: it is
 * counted and ignored. Pure logic on the line's thread; the caller commits the verdicts.
 */
final class Verifier {
    private final ArrayDeque<InFlightLabel> fifo = new ArrayDeque<>();
    private final Function<String, Optional<CodeRecord>> vaultLookup;
    private String lastBoundRead;
    private long duplicateReads;

    Verifier(Function<String, Optional<CodeRecord>> vaultLookup) {
        this.vaultLookup = vaultLookup;
    }

    void add(InFlightLabel label) {
        fifo.addLast(label);
    }

    int inFlight() {
        return fifo.size();
    }

    long duplicateReads() {
        return duplicateReads;
    }

    /** Removes a label whose send failed (its code is voided by the caller). */
    boolean remove(InFlightLabel label) {
        return fifo.remove(label);
    }

    List<InFlightLabel> drain() {
        List<InFlightLabel> all = new ArrayList<>(fifo);
        fifo.clear();
        return all;
    }

    List<Verdict> onNoRead() {
        InFlightLabel head = fifo.pollFirst();
        return head == null ? List.of() : List.of(Verdict.reject(head, RejectReason.NO_READ));
    }

    List<Verdict> onRead(String read) {
        List<Verdict> verdicts = new ArrayList<>();
        int position = indexOf(read);
        if (position >= 0) {
            for (int i = 0; i < position; i++) {
                verdicts.add(Verdict.reject(fifo.pollFirst(), RejectReason.NO_READ));
            }
            verdicts.add(Verdict.bind(fifo.pollFirst()));
            lastBoundRead = read;
            return verdicts;
        }
        if (read.equals(lastBoundRead)) {
            duplicateReads++;
            return verdicts;
        }
        InFlightLabel head = fifo.pollFirst();
        if (head == null) {
            return verdicts;
        }
        Optional<CodeRecord> known = vaultLookup.apply(read);
        RejectReason reason = known.isEmpty() ? RejectReason.FOREIGN
                : known.get().state() == CodeState.BOUND ? RejectReason.DUPLICATE : RejectReason.MISMATCH;
        verdicts.add(Verdict.reject(head, reason));
        return verdicts;
    }

    private int indexOf(String read) {
        int i = 0;
        for (InFlightLabel l : fifo) {
            if (l.matches(read)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Labels older than the window are rejected: their read is not coming. */
    List<Verdict> expire(long nowNanos, long windowNanos) {
        List<Verdict> verdicts = new ArrayList<>();
        while (!fifo.isEmpty() && nowNanos - fifo.peekFirst().sentNanos > windowNanos) {
            verdicts.add(Verdict.reject(fifo.pollFirst(), RejectReason.TIMEOUT));
        }
        return verdicts;
    }
}
