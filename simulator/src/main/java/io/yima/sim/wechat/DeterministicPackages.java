package io.yima.sim.wechat;

import java.util.SplittableRandom;

/**
 * A small stand-in for the package forge: every (application, index) maps to a fixed, unique code and URL
 * and a pseudo-random matrix. Codes and URLs come from bijective 47-bit mixes of (application, index), so
 * two indexes of applications below 2^22 never share a code or a URL.
 */
public final class DeterministicPackages implements CodePackages {
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*$:";
    private static final String URL_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
    private static final long MASK47 = (1L << 47) - 1;

    @Override
    public String base64Package(long applicationId, long codeStart, long codeEnd, String key) {
        StringBuilder text = new StringBuilder((int) Math.min(Integer.MAX_VALUE / 2, (codeEnd - codeStart + 1) * 410));
        for (long index = codeStart; index <= codeEnd; index++) {
            text.append(matrix(applicationId, index)).append(' ')
                    .append(code(applicationId, index)).append(' ')
                    .append(index).append(' ')
                    .append(url(applicationId, index)).append('\n');
        }
        return PackageCipher.encrypt(text.toString(), key);
    }

    static String code(long applicationId, long index) {
        return encode(mix(packed(applicationId, index), 0x5DEECE66DL), CODE_ALPHABET, 9);
    }

    static String url(long applicationId, long index) {
        return "P.URL.CN/0V/" + encode(mix(packed(applicationId, index), 0x2545F4914F6CDD1DL), URL_ALPHABET, 16);
    }

    static String matrix(long applicationId, long index) {
        SplittableRandom random = new SplittableRandom(packed(applicationId, index) * 0x9E3779B97F4A7C15L);
        char[] bits = new char[361];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextBoolean() ? '1' : '0';
        }
        return new String(bits);
    }

    private static long packed(long applicationId, long index) {
        return ((applicationId & ((1L << 22) - 1)) << 25 | (index & ((1L << 25) - 1))) & MASK47;
    }

    /** Multiplication by an odd constant and xor-shifts are both bijections on 47-bit values. */
    private static long mix(long x, long salt) {
        long m = salt | 1;
        x = (x * m) & MASK47;
        x ^= x >>> 23;
        x = (x * 0x1B873593L) & MASK47;
        x ^= x >>> 19;
        return x;
    }

    private static String encode(long value, String alphabet, int width) {
        char[] out = new char[width];
        int base = alphabet.length();
        for (int i = width - 1; i >= 0; i--) {
            out[i] = alphabet.charAt((int) (value % base));
            value /= base;
        }
        return new String(out);
    }
}
