package io.yima.drivers.printer;

/**
 * The status conversation with one kind of printer: what to send to ask, and how to read the answer.
 * Transports use it for periodic polling; it knows nothing of sockets or serial ports.
 */
public interface PrinterProtocol {
    String name();

    /** Bytes asking for status, e.g. {@code ~HS} or {@code DLE EOT 1..4}. */
    byte[] statusQuery();

    /** A fresh reader for the reply to one {@link #statusQuery()}. */
    StatusReader newStatusReader();

    /**
     * Bytes that make the printer drop every label it holds and has not printed yet: {@code ~JA} for ZPL,
     * {@code DLE DC4 8} (clear buffers) for ESC/POS, {@code <ESC>!.} (cancel all printing files) for TSPL. All act on receipt, also while the printer is paused or
     * out of paper, so labels the line has given up on are never printed later.
     */
    byte[] cancelQueued();

    /** Zebra and compatibles: {@code ~HS} (three STX..ETX strings). */
    static PrinterProtocol zpl() {
        return new ZplStatusParser(false);
    }

    /** Zebra with {@code ~HS~HQES}: also the error flags, which printers still answer when they ignore {@code ~HS}. */
    static PrinterProtocol zplWithErrors() {
        return new ZplStatusParser(true);
    }

    /** Epson-compatible: {@code DLE EOT 1}, 2, 3, 4. */
    static PrinterProtocol escPos() {
        return new EscPosStatusParser();
    }

    /** TSC TSPL/TSPL2 and compatibles: {@code <ESC>!?}, one status byte (every firmware and clone answers it). */
    static PrinterProtocol tspl() {
        return new TsplStatusParser(false);
    }

    /** TSC firmware V6.29 EZ and later: {@code <ESC>!S}, four status bytes between STX and ETX. */
    static PrinterProtocol tsplExtended() {
        return new TsplStatusParser(true);
    }
}
