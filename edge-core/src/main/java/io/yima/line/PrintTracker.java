package io.yima.line;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the printer has actually printed, as opposed to what it was handed: a printer buffers labels and prints
 * them later, so a label's verify window starts when it is printed, not when its bytes left. Labels are numbered
 * in the order they are handed to the printer ({@link LabelOutput}'s send order, the number the printer session
 * counts too) and wait here until one of three sources says they are printed:
 * <ul>
 * <li>the printer's queue count (a Zebra's {@code ~HS}): of the labels handed before the status query, all but
 *     the last {@code queued} are printed;</li>
 * <li>where the printer reports no queue, its configured print rate: each label is printed one label-time after
 *     the later of its hand-over and the previous label's estimated print;</li>
 * <li>neither: the label counts as printed when its bytes are flushed (how a printer that prints at once behaves).</li>
 * </ul>
 * When the printer faults, every label it still holds is cancelled: it may have printed just before the fault (so
 * its read is still awaited for one window from now), but it will never print later. Pure logic on the line's
 * thread; the clock is passed in.
 */
final class PrintTracker {
    private final ArrayDeque<InFlightLabel> unprinted = new ArrayDeque<>();
    private final long nanosPerLabel;
    private long handed;
    private long lastEstimate = Long.MIN_VALUE;
    private boolean printerCounts;

    /** @param labelsPerSecond the printer's print speed; 0 or less when unknown */
    PrintTracker(double labelsPerSecond) {
        this.nanosPerLabel = labelsPerSecond > 0 ? Math.round(1e9 / labelsPerSecond) : 0;
    }

    /** A label's bytes are being handed to the printer now: it gets the next number. */
    void handed(InFlightLabel label, long nowNanos) {
        label.printSeq = ++handed;
        if (nanosPerLabel > 0) {
            long start = lastEstimate == Long.MIN_VALUE || nowNanos - lastEstimate > 0 ? nowNanos : lastEstimate;
            label.printEstimate = start + nanosPerLabel;
            lastEstimate = label.printEstimate;
        }
        unprinted.addLast(label);
    }

    /** The label's bytes reached the OS; printed now if nothing better tells when it prints. */
    void flushed(InFlightLabel label, long nowNanos) {
        if (!printerCounts && nanosPerLabel == 0 && unprinted.remove(label)) {
            label.printed(nowNanos);
        }
    }

    /** Whether the printer reports its queue; until it does, "printed" is an estimate or a flush. */
    boolean printerCounts() {
        return printerCounts;
    }

    /** Labels handed and not known to be printed: what the printer still holds, as far as the line knows. */
    int ahead() {
        return unprinted.size();
    }

    /**
     * A status reply: of the labels numbered up to {@code labelsBefore}, the printer holds {@code queued}
     * (the newest ones). The others are printed as of now. Returns how many became printed.
     */
    int reported(long labelsBefore, int queued, long nowNanos) {
        printerCounts = true;
        List<InFlightLabel> covered = new ArrayList<>();
        for (InFlightLabel l : unprinted) {
            if (l.printSeq > labelsBefore) {
                break;
            }
            covered.add(l);
        }
        int printed = Math.max(0, covered.size() - Math.max(0, queued));
        for (int i = 0; i < printed; i++) {
            unprinted.pollFirst().printed(nowNanos);
        }
        return printed;
    }

    /** Rate estimates that have come due (only where the printer reports no queue). Returns how many printed. */
    int tick(long nowNanos) {
        if (printerCounts || nanosPerLabel == 0) {
            return 0;
        }
        int n = 0;
        while (!unprinted.isEmpty() && nowNanos - unprinted.peekFirst().printEstimate >= 0) {
            InFlightLabel l = unprinted.pollFirst();
            l.printed(l.printEstimate);
            n++;
        }
        return n;
    }

    /** A label is settled (read, rejected, or its send failed): it is no longer the printer's business. */
    void forget(InFlightLabel label) {
        unprinted.remove(label);
    }

    /**
     * The printer faulted: every label it may still hold is cancelled (the caller tells the printer to drop
     * them). Their window starts now, so a label that printed just before the fault is still bound by its read.
     */
    List<InFlightLabel> cancelAll(long nowNanos) {
        List<InFlightLabel> cancelled = new ArrayList<>(unprinted);
        for (Iterator<InFlightLabel> it = unprinted.iterator(); it.hasNext(); ) {
            InFlightLabel l = it.next();
            l.cancelled = true;
            l.printed(nowNanos);
            it.remove();
        }
        lastEstimate = Long.MIN_VALUE;
        return cancelled;
    }
}
