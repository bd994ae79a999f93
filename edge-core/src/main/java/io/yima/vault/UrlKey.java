package io.yima.vault;

import java.math.BigInteger;

/**
 * Compact stored form of a code's URL. Every URL seen is {@code P.URL.CN/} followed by 19 characters of the QR
 * alphanumeric set; that form is stored as 13 bytes (the tail as one base-44 number), which halves
 * both the row and the unique index. Any other 28-character URL is stored as its text. A BLOB never equals a
 * TEXT in SQLite, so the mapping stays one-to-one and the unique index keeps meaning "unique URL".
 */
public final class UrlKey {
    static final String PREFIX = "P.URL.CN/";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
    private static final int BASE = ALPHABET.length();
    private static final byte[] DIGIT = new byte[128];
    private static final int TAIL = 19;
    private static final int BYTES = 13;

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < BASE; i++) {
            DIGIT[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private UrlKey() {
    }

    /** The value to bind for {@code code.url}: a 13-byte array or the URL itself. */
    public static Object encode(String url) {
        if (url.length() != PREFIX.length() + TAIL || !url.startsWith(PREFIX)) {
            return url;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < TAIL; i++) {
            char c = url.charAt(PREFIX.length() + i);
            int d = c < 128 ? DIGIT[c] : -1;
            if (d < 0) {
                return url;
            }
            // (hi, lo) = (hi, lo) * 44 + d in 128 bits; 44^19 < 2^104, so 13 bytes hold any tail
            long carry = Math.multiplyHigh(lo, BASE) + ((lo >> 63) & BASE);
            lo = lo * BASE;
            hi = hi * BASE + carry;
            long sum = lo + d;
            if (Long.compareUnsigned(sum, lo) < 0) {
                hi++;
            }
            lo = sum;
        }
        byte[] out = new byte[BYTES];
        for (int i = BYTES - 1; i >= 0; i--) {
            out[i] = (byte) lo;
            lo = (lo >>> 8) | (hi << 56);
            hi >>>= 8;
        }
        return out;
    }

    /** Reverses {@link #encode} for a value read from {@code code.url}. */
    public static String decode(Object stored) {
        if (stored instanceof String s) {
            return s;
        }
        BigInteger v = new BigInteger(1, (byte[]) stored);
        BigInteger base = BigInteger.valueOf(BASE);
        char[] tail = new char[TAIL];
        for (int i = TAIL - 1; i >= 0; i--) {
            BigInteger[] qr = v.divideAndRemainder(base);
            tail[i] = ALPHABET.charAt(qr[1].intValue());
            v = qr[0];
        }
        return PREFIX + new String(tail);
    }
}
