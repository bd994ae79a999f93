package io.yima.vault;

/**
 * Compact stored form of a code's URL. Every URL seen is {@code P.URL.CN/} followed by 19 characters of the QR
 * alphanumeric set; that form is stored as 14 bytes (two base-44 numbers of 10 and 9 characters), which halves
 * both the row and the unique index. Any other 28-character URL is stored as its text. A BLOB never equals a
 * TEXT in SQLite, so the mapping stays one-to-one and the unique index keeps meaning "unique URL".
 */
public final class UrlKey {
    static final String PREFIX = "P.URL.CN/";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
    private static final int BASE = ALPHABET.length();
    private static final byte[] DIGIT = new byte[128];
    private static final int TAIL = 19;
    private static final int FIRST = 10;

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < BASE; i++) {
            DIGIT[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private UrlKey() {
    }

    /** The value to bind for {@code code.url}: a 14-byte array or the URL itself. */
    public static Object encode(String url) {
        if (url.length() != PREFIX.length() + TAIL || !url.startsWith(PREFIX)) {
            return url;
        }
        long a = 0;
        long b = 0;
        for (int i = 0; i < TAIL; i++) {
            char c = url.charAt(PREFIX.length() + i);
            int d = c < 128 ? DIGIT[c] : -1;
            if (d < 0) {
                return url;
            }
            if (i < FIRST) {
                a = a * BASE + d;
            } else {
                b = b * BASE + d;
            }
        }
        byte[] out = new byte[14];
        for (int i = 6; i >= 0; i--) {
            out[i] = (byte) a;
            a >>>= 8;
            out[7 + i] = (byte) b;
            b >>>= 8;
        }
        return out;
    }

    /** Reverses {@link #encode} for a value read from {@code code.url}. */
    public static String decode(Object stored) {
        if (stored instanceof String s) {
            return s;
        }
        byte[] in = (byte[]) stored;
        long a = 0;
        long b = 0;
        for (int i = 0; i < 7; i++) {
            a = (a << 8) | (in[i] & 0xFF);
            b = (b << 8) | (in[7 + i] & 0xFF);
        }
        char[] tail = new char[TAIL];
        for (int i = TAIL - 1; i >= FIRST; i--) {
            tail[i] = ALPHABET.charAt((int) (b % BASE));
            b /= BASE;
        }
        for (int i = FIRST - 1; i >= 0; i--) {
            tail[i] = ALPHABET.charAt((int) (a % BASE));
            a /= BASE;
        }
        return PREFIX + new String(tail);
    }

}
