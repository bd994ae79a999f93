package io.yima.modbus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * 16-bit register words as the map lays them out: 32-bit values high word first, text as UTF-8 two bytes per
 * register with the first byte high, zero-padded. Registers are held as ints 0–65535.
 */
final class Registers {
    private Registers() {
    }

    static long u32(int[] r, int at) {
        return ((long) (r[at] & 0xFFFF) << 16) | (r[at + 1] & 0xFFFF);
    }

    static void putU32(int[] r, int at, long value) {
        long v = Math.max(0, Math.min(0xFFFF_FFFFL, value));
        r[at] = (int) (v >>> 16) & 0xFFFF;
        r[at + 1] = (int) v & 0xFFFF;
    }

    /** Text of up to {@code bytes} bytes (cut at a character boundary); the rest of the field is zeroed. */
    static void putText(int[] r, int at, int bytes, String text) {
        byte[] b = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        if (n > bytes) {
            n = bytes;
            while (n > 0 && (b[n] & 0xC0) == 0x80) { // never cut a character in half
                n--;
            }
        }
        for (int i = 0; i < bytes / 2; i++) {
            int hi = 2 * i < n ? b[2 * i] & 0xFF : 0;
            int lo = 2 * i + 1 < n ? b[2 * i + 1] & 0xFF : 0;
            r[at + i] = hi << 8 | lo;
        }
    }

    /**
     * The text in a field: bytes up to the first zero byte, as UTF-8. Null when the bytes are not UTF-8 or hold a
     * control character (such text would reach the vault, the status page and the log).
     */
    static String text(int[] r, int at, int bytes) {
        byte[] b = new byte[bytes];
        int n = 0;
        for (int i = 0; i < bytes; i++) {
            int word = r[at + i / 2];
            int v = i % 2 == 0 ? word >>> 8 & 0xFF : word & 0xFF;
            if (v == 0) {
                break;
            }
            b[n++] = (byte) v;
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n));
            String s = chars.toString();
            return s.chars().anyMatch(Character::isISOControl) ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Serial-number comparison of 32-bit numbers (RFC 1982): true when {@code a} comes after {@code b}. */
    static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }
}
