package io.yima.line;

/**
 * What the line decided about one item: bind its label's code, reject it (with its code, or without one at a
 * PREPRINT packing scan), or void its code after a failed send (rejected PRINTER_FAULT).
 */
record Verdict(InFlightLabel label, String itemId, RejectReason reason, boolean voidCode) {
    static Verdict bind(InFlightLabel label) {
        return new Verdict(label, label.itemId, null, false);
    }

    /** PREPRINT: the pre-printed label is bound to the goods scanned at packing, item {@code itemId}. */
    static Verdict bindAs(InFlightLabel label, String itemId) {
        return new Verdict(label, itemId, null, false);
    }

    static Verdict reject(InFlightLabel label, RejectReason reason) {
        return new Verdict(label, label.itemId, reason, false);
    }

    /** A rejected item with no code of this job (PREPRINT packing scan): nothing changes in the vault. */
    static Verdict rejectItem(String itemId, RejectReason reason) {
        return new Verdict(null, itemId, reason, false);
    }

    static Verdict sendFailed(InFlightLabel label) {
        return new Verdict(label, label.itemId, RejectReason.PRINTER_FAULT, true);
    }

    boolean isBind() {
        return reason == null;
    }
}
