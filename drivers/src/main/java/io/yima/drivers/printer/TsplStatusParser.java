package io.yima.drivers.printer;

import java.util.EnumSet;
import java.util.Set;

/**
 * TSC TSPL / TSPL2 status (docs/device-protocols.md §6.5, §6.6). Both queries are immediate commands: the printer
 * answers on receipt, also while paused, out of paper or with the head open.
 *
 * <p>{@code <ESC>!?} answers one byte, a bit per condition: 0 head open, 1 paper jam, 2 out of paper, 3 out of ribbon,
 * 4 pause, 5 printing, 6 cover open, 7 temperature out of range (or another error). Every firmware and the clones
 * answer it, so it is what the edge polls. {@code <ESC>!S} (firmware V6.29 EZ and later) answers
 * {@code <STX> b1 b2 b3 b4 <ETX> <CR> <LF>}: b1 a message code ({@code @} normal, {@code `} pause, {@code E} printer
 * error, {@code L} waiting to take label …), b2 warnings (bit 3 receive buffer full), b3 errors (head or motor
 * overheat, head error, cutter jam, memory), b4 media errors (paper empty, paper jam, ribbon empty, ribbon jam, bit 5
 * head open); each byte has bit 6 set.
 *
 * <p>Neither says how many labels the printer still holds, so {@link PrinterStatus#labelsQueued()} is null and the
 * line estimates progress from {@code printer.print_rate}, as for ESC/POS.
 */
public final class TsplStatusParser implements PrinterProtocol {
    static final byte ESC = 0x1B;
    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    /** {@code <ESC>!.}: cancel all printing files (the manual's immediate "cancel print"), acts while paused or faulted. */
    static final byte[] CANCEL = {ESC, '!', '.'};

    private final boolean extended;

    TsplStatusParser(boolean extended) {
        this.extended = extended;
    }

    @Override
    public String name() {
        return extended ? "tspl (<ESC>!S)" : "tspl (<ESC>!?)";
    }

    @Override
    public byte[] statusQuery() {
        return new byte[] {ESC, '!', (byte) (extended ? 'S' : '?')};
    }

    @Override
    public StatusReader newStatusReader() {
        return extended ? new ExtendedReader() : new ByteReader();
    }

    @Override
    public byte[] cancelQueued() {
        return CANCEL.clone();
    }

    /** The {@code <ESC>!?} status byte. */
    public static PrinterStatus parseStatusByte(int b) {
        Set<PrinterCondition> c = EnumSet.noneOf(PrinterCondition.class);
        bit(b, 0, PrinterCondition.HEAD_OPEN, c);
        bit(b, 1, PrinterCondition.PAPER_JAM, c);
        bit(b, 2, PrinterCondition.PAPER_OUT, c);
        bit(b, 3, PrinterCondition.RIBBON_OUT, c);
        bit(b, 4, PrinterCondition.PAUSED, c);
        bit(b, 6, PrinterCondition.COVER_OPEN, c);
        bit(b, 7, PrinterCondition.OTHER_ERROR, c); // temperature out of range on models with the sensor
        boolean printing = (b & 0x20) != 0;
        return PrinterStatus.of(c, null, c.isEmpty() ? (printing ? "printing" : "ready") : PrinterCondition.words(c));
    }

    /** The four {@code <ESC>!S} status bytes; {@link Health#UNKNOWN} when one lacks bit 6 or has bit 7. */
    public static PrinterStatus parseExtended(int message, int warning, int error, int media) {
        for (int b : new int[] {message, warning, error, media}) {
            if ((b & 0xC0) != 0x40) {
                return PrinterStatus.unknown("malformed <ESC>!S reply");
            }
        }
        Set<PrinterCondition> c = EnumSet.noneOf(PrinterCondition.class);
        switch (message) {
            case 0x60 -> c.add(PrinterCondition.PAUSED);        // `
            case 0x45 -> c.add(PrinterCondition.ERROR);         // E printer error
            case 0x4C -> c.add(PrinterCondition.LABEL_WAITING); // L waiting to take label
            default -> { } // @ normal, B backing, C cutting, F form feed, K waiting for the key, P printing, W imaging
        }
        bit(warning, 3, PrinterCondition.BUFFER_FULL, c);
        bit(error, 0, PrinterCondition.OVER_TEMPERATURE, c);  // print head overheat
        bit(error, 1, PrinterCondition.OVER_TEMPERATURE, c);  // stepping motor overheat
        bit(error, 2, PrinterCondition.PRINTHEAD_ERROR, c);
        bit(error, 3, PrinterCondition.CUTTER_ERROR, c);
        bit(error, 4, PrinterCondition.OTHER_ERROR, c);       // insufficient memory
        bit(media, 0, PrinterCondition.PAPER_OUT, c);
        bit(media, 1, PrinterCondition.PAPER_JAM, c);
        bit(media, 2, PrinterCondition.RIBBON_OUT, c);
        bit(media, 3, PrinterCondition.MECHANICAL_ERROR, c);  // ribbon jam
        bit(media, 5, PrinterCondition.HEAD_OPEN, c);
        return PrinterStatus.of(c, null, c.isEmpty() ? "ready" : PrinterCondition.words(c));
    }

    private static void bit(int value, int bit, PrinterCondition condition, Set<PrinterCondition> into) {
        if ((value & (1 << bit)) != 0) {
            into.add(condition);
        }
    }

    /** One byte, whatever it is: every value is a valid {@code <ESC>!?} answer. */
    private static final class ByteReader implements StatusReader {
        @Override
        public PrinterStatus offer(byte[] data, int off, int len) {
            return len > 0 ? parseStatusByte(data[off] & 0xFF) : null;
        }
    }

    /** Skips to STX, takes four bytes, wants ETX; CR LF after it are left to arrive or not. */
    private static final class ExtendedReader implements StatusReader {
        private final int[] got = new int[4];
        private int n = -1; // -1: waiting for STX

        @Override
        public PrinterStatus offer(byte[] data, int off, int len) {
            for (int i = off; i < off + len; i++) {
                int b = data[i] & 0xFF;
                if (n < 0) {
                    if (b == STX) {
                        n = 0;
                    }
                } else if (n < 4) {
                    got[n++] = b;
                } else if (b == ETX) {
                    return parseExtended(got[0], got[1], got[2], got[3]);
                } else {
                    return PrinterStatus.unknown("malformed <ESC>!S reply");
                }
            }
            return null;
        }
    }
}
