package io.yima.vault;

import java.util.Arrays;

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
        Arrays.fill(DIGIT, (byte) -1);
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

    /**
     * Reverses {@link #encode} for a value read from {@code code.url}. Runs for every code a line reserves, so it
     * divides the 104-bit number by 44 in four 32-bit limbs (a few long divisions, one string) instead of with
     * {@code BigInteger}, which made a third of a reservation's garbage.
     */
    public static String decode(Object stored) {
        if (stored instanceof String s) {
            return s;
        }
        byte[] b = (byte[]) stored;
        if (b.length != BYTES) {
            throw new IllegalArgumentException("a stored URL is " + BYTES + " bytes, not " + b.length);
        }
        long l0 = b[0] & 0xFF; // 8 bits, then three limbs of 32 bits: 13 bytes big-endian
        long l1 = limb(b, 1);
        long l2 = limb(b, 5);
        long l3 = limb(b, 9);
        char[] url = new char[PREFIX.length() + TAIL];
        PREFIX.getChars(0, PREFIX.length(), url, 0);
        for (int i = url.length - 1; i >= PREFIX.length(); i--) {
            long cur = l0;
            l0 = cur / BASE;
            cur = ((cur % BASE) << 32) | l1; // remainder < 44 < 2^6: fits with 32 more bits
            l1 = cur / BASE;
            cur = ((cur % BASE) << 32) | l2;
            l2 = cur / BASE;
            cur = ((cur % BASE) << 32) | l3;
            l3 = cur / BASE;
            url[i] = ALPHABET.charAt((int) (cur % BASE));
        }
        return new String(url);
    }

    private static long limb(byte[] b, int from) {
        return ((b[from] & 0xFFL) << 24) | ((b[from + 1] & 0xFFL) << 16) | ((b[from + 2] & 0xFFL) << 8)
                | (b[from + 3] & 0xFFL);
    }
}
