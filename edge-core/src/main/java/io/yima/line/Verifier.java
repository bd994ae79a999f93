package io.yima.line;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Matches scanner reads to the labels in flight, in product order (docs/plc-protocol.md, "How a read becomes OK or REJECT"): a read
 * of the head binds it; a read of a later label means the ones before it were missed (NO_READ); the no-read
 * token rejects the head. A read of none of the in-flight codes — a code BOUND already (DUPLICATE), one the vault
 * does not know (FOREIGN), another of the vault's codes (MISMATCH) — makes the head suspect with that reason;
 * the head is rejected with it as soon as the evidence says its own read is not coming (a later label is read,
 * the no-read token, the window passes). Rejecting the head at once would be wrong twice over: noise on the
 * scanner line followed by the head's genuine read would cost a good item, and a late read of a label already
 * settled (timed out, voided after a failed send but printed anyway) would reject the head, whose own read then
 * rejects the next head, and so on down the line. A repeat of the read that bound the previous label is the
 * scanner reading twice, not an item: it is counted and ignored. Pure logic on the line's thread; the caller
 * commits the verdicts.
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

    /** The labels awaiting their read, head first. */
    List<InFlightLabel> inFlightLabels() {
        return List.copyOf(fifo);
    }

    List<InFlightLabel> drain() {
        List<InFlightLabel> all = new ArrayList<>(fifo);
        fifo.clear();
        return all;
    }

    List<Verdict> onNoRead() {
        InFlightLabel head = fifo.pollFirst();
        return head == null ? List.of() : List.of(Verdict.reject(head, head.rejectReason(RejectReason.NO_READ)));
    }

    List<Verdict> onRead(String read) {
        List<Verdict> verdicts = new ArrayList<>();
        int position = indexOf(read);
        if (position >= 0) {
            boolean readAfterCancel = !fifo.stream().skip(position).findFirst().orElseThrow().cancelled;
            for (int i = 0; i < position; i++) {
                InFlightLabel skipped = fifo.pollFirst();
                // A label dropped at a printer fault, passed by one issued after it: the printer dropped it, the
                // belt did not lose it (order holds only among labels the printer kept).
                verdicts.add(skipped.cancelled && readAfterCancel ? Verdict.printerFault(skipped)
                        : Verdict.reject(skipped, skipped.rejectReason(RejectReason.NO_READ)));
            }
            verdicts.add(Verdict.bind(fifo.pollFirst()));
            lastBoundRead = read;
            return verdicts;
        }
        if (read.equals(lastBoundRead)) {
            duplicateReads++;
            return verdicts;
        }
        InFlightLabel head = fifo.peekFirst();
        if (head == null || head.suspicion != null) {
            return verdicts;
        }
        Optional<CodeRecord> known = vaultLookup.apply(read);
        head.suspicion = known.isEmpty() ? RejectReason.FOREIGN
                : known.get().state() == CodeState.BOUND ? RejectReason.DUPLICATE : RejectReason.MISMATCH;
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

    /**
     * Labels printed longer than the window ago are rejected: their read is not coming. The window runs from the
     * print, not the send, so a label still in the printer's buffer never times out (nor does any behind it). A
     * label the printer dropped at a fault is voided PRINTER_FAULT: it was never printed, nothing was wrong with it.
     */
    List<Verdict> expire(long nowNanos, long windowNanos) {
        List<Verdict> verdicts = new ArrayList<>();
        while (!fifo.isEmpty() && fifo.peekFirst().printed && nowNanos - fifo.peekFirst().printedNanos > windowNanos) {
            InFlightLabel old = fifo.pollFirst();
            verdicts.add(old.cancelled ? Verdict.printerFault(old)
                    : Verdict.reject(old, old.rejectReason(RejectReason.TIMEOUT)));
        }
        return verdicts;
    }
}
