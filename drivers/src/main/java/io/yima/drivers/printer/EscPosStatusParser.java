package io.yima.drivers.printer;

import java.util.EnumSet;
import java.util.Set;

/**
 * ESC/POS real-time status (docs/device-protocols.md §2.4): {@code DLE EOT 1}, 2, 3, 4 sent together, one byte back for
 * each. A status byte always matches {@code 0xx1xx10} (bit 1 and bit 4 set, bits 0 and 7 clear); bytes that do not
 * are other traffic (e.g. automatic status back) and are skipped.
 */
public final class EscPosStatusParser implements PrinterProtocol {
    static final byte[] QUERY = {0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4};
    /** {@code DLE DC4 fn=8 d1..d7 = 1 3 20 1 6 2 8}: clear the receive and print buffers (the fixed key bytes). */
    static final byte[] CLEAR_BUFFERS = {0x10, 0x14, 0x08, 1, 3, 20, 1, 6, 2, 8};

    EscPosStatusParser() {
    }

    @Override
    public String name() {
        return "escpos (DLE EOT 1-4)";
    }

    @Override
    public byte[] statusQuery() {
        return QUERY.clone();
    }

    @Override
    public StatusReader newStatusReader() {
        return new Reader();
    }

    @Override
    public byte[] cancelQueued() {
        return CLEAR_BUFFERS.clone();
    }

    static boolean isStatusByte(int b) {
        return (b & 0x93) == 0x12;
    }

    /** Status from the four reply bytes, in the order printer, offline cause, error cause, paper sensor. */
    public static PrinterStatus parse(int printer, int offline, int error, int paper) {
        if (!isStatusByte(printer) || !isStatusByte(offline) || !isStatusByte(error) || !isStatusByte(paper)) {
            return PrinterStatus.unknown("not DLE EOT status bytes");
        }
        Set<PrinterCondition> c = EnumSet.noneOf(PrinterCondition.class);
        bit(printer, 3, PrinterCondition.OFFLINE, c);
        bit(printer, 5, PrinterCondition.WAITING_FOR_RECOVERY, c);
        bit(offline, 2, PrinterCondition.COVER_OPEN, c);
        bit(offline, 3, PrinterCondition.FEED_BUTTON, c);
        bit(offline, 5, PrinterCondition.PAPER_OUT, c);
        bit(offline, 6, PrinterCondition.ERROR, c);
        bit(error, 2, PrinterCondition.MECHANICAL_ERROR, c);
        bit(error, 3, PrinterCondition.CUTTER_ERROR, c);
        bit(error, 5, PrinterCondition.UNRECOVERABLE, c);
        bit(error, 6, PrinterCondition.AUTO_RECOVERABLE, c);
        if ((paper & 0x0C) != 0) {
            c.add(PrinterCondition.PAPER_NEAR_END);
        }
        if ((paper & 0x60) != 0) {
            c.add(PrinterCondition.PAPER_OUT);
        }
        return PrinterStatus.of(c, null, c.isEmpty() ? "ready" : PrinterCondition.words(c));
    }

    private static void bit(int value, int bit, PrinterCondition condition, Set<PrinterCondition> into) {
        if ((value & (1 << bit)) != 0) {
            into.add(condition);
        }
    }

    private static final class Reader implements StatusReader {
        private final int[] got = new int[4];
        private int n;

        @Override
        public PrinterStatus offer(byte[] data, int off, int len) {
            for (int i = off; i < off + len && n < 4; i++) {
                int b = data[i] & 0xFF;
                if (isStatusByte(b)) {
                    got[n++] = b;
                }
            }
            return n == 4 ? parse(got[0], got[1], got[2], got[3]) : null;
        }
    }
}
