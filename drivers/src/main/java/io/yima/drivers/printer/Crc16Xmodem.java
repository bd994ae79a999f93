package io.yima.drivers.printer;

/**
 * CRC-16/XMODEM (poly 0x1021, init 0, no reflection, no final xor): the check Zebra printers apply to the base64
 * text of a {@code :Z64:} / {@code :B64:} field (docs/device-protocols.md §1.5, verified on public Z64 strings).
 * The JDK has no CRC-16, so this one is table driven here.
 */
public final class Crc16Xmodem {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private Crc16Xmodem() {
    }

    public static int of(byte[] data, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }
}
