package io.yima.sim.printer;

/** CRC-16/XMODEM (poly 0x1021, init 0, no reflection): the check ZPL's :B64:/:Z64: use over the base64 text. */
final class Crc16Xmodem {
    private Crc16Xmodem() {
    }

    static int of(CharSequence text) {
        int crc = 0;
        for (int i = 0; i < text.length(); i++) {
            crc ^= (text.charAt(i) & 0xFF) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }
}
