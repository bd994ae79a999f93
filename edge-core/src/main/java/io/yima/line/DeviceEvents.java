package io.yima.line;

/**
 * What a line's devices tell it: the printer and scanner links (the daemon's {@code LineDevices}, a packing
 * line's case devices) and the daemon's watch on the vault file. Each call queues the event onto the line's thread
 * and returns at once, so a device's event loop never waits for the line.
 */
public interface DeviceEvents {
    /**
     * The printer link changed ({@code reason} null when ONLINE); anything but ONLINE holds the line and gives up
     * on the labels the printer may still hold.
     */
    void printerState(DeviceState link, String reason);

    /** A printer status reply that counts its queue: of the labels handed before the query, it held {@code queued}. */
    void printerReported(long labelsBefore, int queued);

    /** The printer can take more bytes again (back-pressure released). */
    void printerWritable();

    /** The scanner link changed; like the printer, a scanner that is not ONLINE holds the line. */
    void scannerState(DeviceState link, String reason);

    /** A scanner read: the decoded text, or null for the reader's no-read. */
    void scanned(String read);

    /** The vault file or its WAL was deleted or replaced: the vault fault, at once, even on an idle line. */
    void vaultLost(String reason);
}
