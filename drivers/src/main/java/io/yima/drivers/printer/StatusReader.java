package io.yima.drivers.printer;

/**
 * Assembles one status reply from the bytes a printer sends back, in whatever pieces they arrive.
 * One reader per poll. Never throws: garbage is skipped or ends in {@link PrinterStatus#unknown}.
 */
public interface StatusReader {
    /** Feeds received bytes; returns the status once the reply is complete, {@code null} while more is needed. */
    PrinterStatus offer(byte[] data, int off, int len);

    /** What can be said when the poll timed out: a partial reply's status, or {@code null} if nothing useful came. */
    default PrinterStatus partial() {
        return null;
    }
}
