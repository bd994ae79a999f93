package io.yima.line;

import io.yima.vault.CodeRecord;

/** A label whose code is SENT and whose scanner read is still awaited. */
final class InFlightLabel {
    final CodeRecord code;
    final String itemId;
    final long triggeredNanos;
    long sentNanos;
    /** Why this label is suspect: a read that was none of the in-flight codes arrived while it was the head. */
    RejectReason suspicion;
    private String matrixBits;

    InFlightLabel(CodeRecord code, String itemId, long triggeredNanos) {
        this.code = code;
        this.itemId = itemId;
        this.triggeredNanos = triggeredNanos;
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
