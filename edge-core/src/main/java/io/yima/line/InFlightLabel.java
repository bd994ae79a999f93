package io.yima.line;

import io.yima.vault.CodeRecord;

/** A label whose code is SENT and whose scanner read is still awaited. */
final class InFlightLabel {
    final CodeRecord code;
    final String itemId;
    final long triggeredNanos;
    /** Its number in the order labels were handed to the printer ({@link PrintTracker}). */
    long printSeq;
    /** Where the printer reports no queue: when it should be printed at the configured print rate. */
    long printEstimate;
    /** True once it is printed (or cancelled): its verify window runs from {@link #printedNanos}. */
    boolean printed;
    long printedNanos;
    /** It was in the printer's buffer when the printer faulted: dropped there, so unread it is voided PRINTER_FAULT. */
    boolean cancelled;
    /** The fault that cancelled it, told of its verdict so that the fault is logged once with its cost. */
    PrinterFaultDrops droppedAt;
    /** Why this label is suspect: a read that was none of the in-flight codes arrived while it was the head. */
    RejectReason suspicion;
    private String matrixBits;

    InFlightLabel(CodeRecord code, String itemId, long triggeredNanos) {
        this.code = code;
        this.itemId = itemId;
        this.triggeredNanos = triggeredNanos;
    }

    void printed(long nanos) {
        printed = true;
        printedNanos = nanos;
    }

    /** The reason to reject it with: what its suspicious read said, else {@code otherwise}. */
    RejectReason rejectReason(RejectReason otherwise) {
        return suspicion == null ? otherwise : suspicion;
    }

    /** True when a scanner read (URL, 9-char code or 361-bit matrix) is this label's code. */
    boolean matches(String read) {
        if (read.length() == 361) {
            if (matrixBits == null) {
                matrixBits = code.matrix().bits();
            }
            return matrixBits.equals(read);
        }
        return read.equals(code.url()) || read.equals(code.code());
    }
}
