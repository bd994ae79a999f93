package io.yima.drivers.printer;

/**
 * One reported printer condition; {@link #fault()} ones stop printing, the others are warnings. A full receive
 * buffer is flow control, not a fault: the printer prints on and stops reading until it has room (the line's
 * {@code printer.max_ahead} keeps it from getting there).
 */
public enum PrinterCondition {
    PAPER_OUT(true),
    PAPER_JAM(true),
    PAUSED(true),
    HEAD_OPEN(true),
    RIBBON_OUT(true),
    OFFLINE(true),
    COVER_OPEN(true),
    CUTTER_ERROR(true),
    UNRECOVERABLE(true),
    AUTO_RECOVERABLE(true),
    MECHANICAL_ERROR(true),
    ERROR(true),
    OVER_TEMPERATURE(true),
    UNDER_TEMPERATURE(true),
    CORRUPT_RAM(true),
    PRINTHEAD_ERROR(true),
    OTHER_ERROR(true),
    PAPER_NEAR_END(false),
    WAITING_FOR_RECOVERY(false),
    FEED_BUTTON(false),
    LABEL_WAITING(false),
    PARTIAL_FORMAT(false),
    BUFFER_FULL(false);

    private final boolean fault;

    PrinterCondition(boolean fault) {
        this.fault = fault;
    }

    public boolean fault() {
        return fault;
    }

    /** How logs, the PLC and the status page name it: {@code PAPER_OUT} is "paper out". */
    public String words() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Several conditions in words, in declaration order: "paper out, head open". */
    public static String words(java.util.Collection<PrinterCondition> conditions) {
        java.util.StringJoiner j = new java.util.StringJoiner(", ");
        java.util.EnumSet.copyOf(conditions).forEach(c -> j.add(c.words()));
        return j.toString();
    }
}
