package io.yima.line;

/**
 * What the line decided about one item: bind its label's code, reject it (with its code, or without one at a
 * PREPRINT packing scan), or void its code after a failed send or a printer fault (rejected PRINTER_FAULT).
 */
record Verdict(InFlightLabel label, String itemId, RejectReason reason, VoidReason voidReason) {
    static Verdict bind(InFlightLabel label) {
        return new Verdict(label, label.itemId, null, null);
    }

    /** PREPRINT: the pre-printed label is bound to the goods scanned at packing, item {@code itemId}. */
    static Verdict bindAs(InFlightLabel label, String itemId) {
        return new Verdict(label, itemId, null, null);
    }

    static Verdict reject(InFlightLabel label, RejectReason reason) {
        return new Verdict(label, label.itemId, reason, null);
    }

    /** A rejected item with no code of this job (PREPRINT packing scan): nothing changes in the vault. */
    static Verdict rejectItem(String itemId, RejectReason reason) {
        return new Verdict(null, itemId, reason, null);
    }

    static Verdict sendFailed(InFlightLabel label) {
        return new Verdict(label, label.itemId, RejectReason.PRINTER_FAULT, VoidReason.SEND_FAILED);
    }

    /** Its label was dropped from the faulted printer's buffer unprinted (and not read): void, reject PRINTER_FAULT. */
    static Verdict printerFault(InFlightLabel label) {
        return new Verdict(label, label.itemId, RejectReason.PRINTER_FAULT, VoidReason.PRINTER_FAULT);
    }

    boolean voidCode() {
        return voidReason != null;
    }

    boolean isBind() {
        return reason == null;
    }
}
