package io.yima.sim.printer;

import java.nio.charset.StandardCharsets;

/** Status answers built from the printer's state, in each language's wire format (docs/device-protocols.md §1.6, §1.7, §2.4, §6.5, §6.6). */
final class StatusReplies {
    private static final char STX = 0x02;
    private static final char ETX = 0x03;

    private StatusReplies() {
    }

    /** Reply bytes, or null when the printer stays silent (a Zebra ignores ~HS while head open or paper out). */
    static byte[] answer(StatusQuery q, PrinterFaults f, PrintMechanism m, int labelLengthDots) {
        return switch (q) {
            case ZPL_HOST_STATUS -> f.headOpen() || f.paperOut() ? null : hostStatus(f, m, labelLengthDots);
            case ZPL_HOST_QUERY_ES -> hostQueryEs(f);
            case DLE_EOT_1 -> one(0x12 | (f.canPrint() ? 0 : 0x08));
            case DLE_EOT_2 -> one(0x12 | (f.headOpen() ? 0x04 : 0) | (f.paperOut() ? 0x20 : 0)
                    | (f.headOpen() || f.paperOut() ? 0x40 : 0));
            case DLE_EOT_3 -> one(0x12);
            case DLE_EOT_4 -> one(0x12 | (f.paperOut() ? 0x60 : 0));
            case TSPL_STATUS_BYTE -> one((f.headOpen() ? 0x01 : 0) | (f.paperOut() ? 0x04 : 0)
                    | (f.paused() ? 0x10 : 0) | (m.formatsBuffered() > 0 && f.canPrint() ? 0x20 : 0));
            case TSPL_STATUS_EXTENDED -> tsplExtended(f, m);
        };
    }

    /**
     * {@code <STX> message warning error media <ETX> <CR> <LF>}: message {@code `} paused, {@code P} printing, else
     * {@code @}; warning bit 3 receive buffer full; media bit 0 paper empty, bit 5 head open (§6.6).
     */
    private static byte[] tsplExtended(PrinterFaults f, PrintMechanism m) {
        int message = f.paused() ? 0x60 : m.formatsBuffered() > 0 && f.canPrint() ? 0x50 : 0x40;
        int warning = 0x40 | (m.bufferFull() ? 0x08 : 0);
        int media = 0x40 | (f.paperOut() ? 0x01 : 0) | (f.headOpen() ? 0x20 : 0);
        return new byte[] {STX, (byte) message, (byte) warning, 0x40, (byte) media, ETX, '\r', '\n'};
    }

    private static byte[] one(int b) {
        return new byte[] {(byte) b};
    }

    private static byte[] hostStatus(PrinterFaults f, PrintMechanism m, int labelLengthDots) {
        String s1 = String.format("030,%d,%d,%04d,%03d,%d,0,0,000,0,0,0",
                f.paperOut() ? 1 : 0, f.paused() ? 1 : 0, Math.min(9999, labelLengthDots),
                Math.min(999, m.formatsBuffered()), m.bufferFull() ? 1 : 0);
        String s2 = String.format("000,0,%d,0,0,2,6,0,%08d,1,000",
                f.headOpen() ? 1 : 0, Math.min(99_999_999, m.labelsRemaining()));
        String s3 = "1234,0";
        return (STX + s1 + ETX + "\r\n" + STX + s2 + ETX + "\r\n" + STX + s3 + ETX + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hostQueryEs(PrinterFaults f) {
        int errors = (f.paperOut() ? 0x1 : 0) | (f.headOpen() ? 0x4 : 0);
        String text = STX + "\r\n  PRINTER STATUS\r\n"
                + String.format("   ERRORS:         %d 00000000 %08X\r\n", errors == 0 ? 0 : 1, errors)
                + "   WARNINGS:       0 00000000 00000000\r\n" + ETX + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
