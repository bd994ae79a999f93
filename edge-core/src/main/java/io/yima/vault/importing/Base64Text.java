package io.yima.vault.importing;

import java.util.Arrays;

/**
 * Streaming decoder for base64 package text (RFC 4648 basic alphabet), fused with the skipping of line breaks,
 * spaces and tabs. Why not {@link java.util.Base64}: the JDK decoder wants whitespace-free input in whole groups,
 * so every 64 KB chunk had to be scanned, compacted and copied first; on JDK 17 the decode, the scan and the
 * copy were the largest share of the import's Java time. This decoder does all three in one pass with a
 * four-characters-at-a-time fast path. The JDK decoder stays the reference: {@code Base64TextProperties} checks
 * both agree on random text, whitespace and chunking.
 *
 * <p>Padding is optional at the end (as with the JDK decoder); after padding only whitespace may follow.
 * Offsets in messages count base64 characters, not whitespace.
 */
final class Base64Text {
    private static final int WHITESPACE = -2;
    private static final int PAD = -3;
    private static final int[] VALUE = new int[256];

    static {
        Arrays.fill(VALUE, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = i;
        }
        for (char c : new char[] {'\n', '\r', ' ', '\t'}) {
            VALUE[c] = WHITESPACE;
        }
        VALUE['='] = PAD;
    }

    /** What went wrong, without the file name (the caller adds it). */
    static final class Malformed extends RuntimeException {
        final boolean truncated;

        Malformed(String message) {
            this(message, false);
        }

        Malformed(String message, boolean truncated) {
            super(message, null, false, false);
            this.truncated = truncated;
        }
    }

    private int group;
    private int inGroup;
    private int padding;
    private boolean ended;
    private long characters;

    /** The most bytes {@link #decode} writes for {@code length} input characters. */
    static int maxDecoded(int length) {
        return length / 4 * 3 + 3;
    }

    /**
     * Decodes {@code src[from, to)} into {@code dst} from index 0 and returns the number of bytes written; a
     * group cut by the end of the chunk is carried over to the next call.
     *
     * @throws Malformed on a character outside the alphabet or misplaced padding
     */
    int decode(byte[] src, int from, int to, byte[] dst) {
        int sp = from;
        int dp = 0;
        while (true) {
            if (inGroup == 0 && !ended) {
                int begin = sp;
                int last = to - 4;
                while (sp <= last) {
                    int bits = VALUE[src[sp] & 0xFF] << 18 | VALUE[src[sp + 1] & 0xFF] << 12
                            | VALUE[src[sp + 2] & 0xFF] << 6 | VALUE[src[sp + 3] & 0xFF];
                    if (bits < 0) {
                        break; // whitespace, padding or garbage among these four: take them one by one
                    }
                    dst[dp] = (byte) (bits >> 16);
                    dst[dp + 1] = (byte) (bits >> 8);
                    dst[dp + 2] = (byte) bits;
                    sp += 4;
                    dp += 3;
                }
                characters += sp - begin;
            }
            if (sp >= to) {
                return dp;
            }
            byte c = src[sp++];
            int v = VALUE[c & 0xFF];
            if (v >= 0) {
                if (ended || padding > 0) {
                    throw new Malformed("misplaced padding");
                }
                characters++;
                group = group << 6 | v;
                if (++inGroup == 4) {
                    dst[dp] = (byte) (group >> 16);
                    dst[dp + 1] = (byte) (group >> 8);
                    dst[dp + 2] = (byte) group;
                    dp += 3;
                    group = 0;
                    inGroup = 0;
                }
            } else if (v == PAD) {
                characters++;
                if (ended || inGroup < 2 || inGroup + padding == 4) {
                    throw new Malformed("misplaced padding");
                }
                if (inGroup + ++padding == 4) {
                    dp += flushPartial(dst, dp);
                    ended = true;
                }
            } else if (v != WHITESPACE) {
                throw new Malformed(String.format("byte 0x%02x at offset %d", c & 0xFF, characters));
            }
        }
    }

    /**
     * Ends the input: writes the bytes of an unpadded last group into {@code dst} at {@code at} and returns their
     * number.
     *
     * @throws Malformed if the characters do not form whole bytes or padding is incomplete
     */
    int finish(byte[] dst, int at) {
        if (padding > 0 && !ended) {
            throw new Malformed("misplaced padding");
        }
        if (inGroup == 1) {
            throw new Malformed(characters + " characters do not form whole bytes", true);
        }
        int n = ended ? 0 : flushPartial(dst, at);
        ended = true;
        return n;
    }

    private int flushPartial(byte[] dst, int at) {
        if (inGroup < 2) {
            return 0;
        }
        int bits = group << 6 * (4 - inGroup);
        dst[at] = (byte) (bits >> 16);
        if (inGroup == 3) {
            dst[at + 1] = (byte) (bits >> 8);
        }
        int n = inGroup - 1;
        group = 0;
        inGroup = 0;
        return n;
    }
}
