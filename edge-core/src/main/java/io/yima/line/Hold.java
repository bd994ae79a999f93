package io.yima.line;

/**
 * Why a line issues no labels: the vault faulted, the technician paused it, or the printer or the scanner is not
 * ONLINE ({@code detail} is the device's reason). {@link #toString()} gives the words the PLC's PAUSED / VAULT
 * reply and the logs carry ("printer: paper out", "paused by technician").
 */
record Hold(Cause cause, String detail) {
    /** In the order {@link LineHealth} looks: the first that applies is the one told. */
    enum Cause { VAULT, TECHNICIAN, PRINTER, SCANNER }

    static final Hold TECHNICIAN = new Hold(Cause.TECHNICIAN, null);

    /** A trigger on a held line is refused VAULT while the vault faulted (the PLC may not retry), else PAUSED. */
    Refusal refusal() {
        return cause == Cause.VAULT ? Refusal.VAULT : Refusal.PAUSED;
    }

    @Override
    public String toString() {
        return switch (cause) {
            case VAULT -> "vault: " + detail;
            case TECHNICIAN -> "paused by technician";
            case PRINTER -> "printer: " + detail;
            case SCANNER -> "scanner: " + detail;
        };
    }
}
