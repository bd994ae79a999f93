package io.yima.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made package lines and encryption for edge-core tests (the simulator's forge is out of reach here: the
 * simulator depends on edge-core). Encrypts with NoPadding and explicit padding so tests can choose the
 * 16-byte or the 32-byte PKCS#7 variant, or break it.
 */
public final class TestPackages {
    public static final String KEY = "0123456789abcdef";
    public static final long APP = 581865877L;
    /** The golden sample line of docs/vault.md (the WeChat guide's example). */
    public static final String GOLDEN = "11111111111111111111000001101011000001101110100000101110110111010111010111011011101001001011101"
            + "10000011011110000011111111110111111111110001100000110001100101110111100010010100000011110100010"
            + "10010111001010101011100011010010001010111111110010100110010000011100111110101011101010111011111"
            + "1011101000110101110101110101011100100110000011011001111111111111100101000101 0436Z31$0 0"
            + " P.URL.CN/0V/IXO*FWWYLZLXUXGR";

    private TestPackages() {
    }

    /** {@code count} valid lines with indexes from {@code start}; codes and URLs derive from the index. */
    public static List<String> lines(long start, int count) {
        List<String> out = new ArrayList<>(count);
        for (long i = start; i < start + count; i++) {
            out.add(line(i));
        }
        return out;
    }

    public static String line(long index) {
        Random r = new Random(index * 31 + 7);
        StringBuilder m = new StringBuilder(361);
        for (int i = 0; i < 361; i++) {
            m.append(r.nextBoolean() ? '1' : '0');
        }
        String code = String.format("T%08d", index).replace('0', '$');
        String tail = String.format("%019d", index * 7919).replace('1', '*').replace('2', '/');
        return m + " " + code + " " + index + " P.URL.CN/" + tail;
    }

    public static String text(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    public static byte[] encrypt(String plaintext, String key, int padBlock) {
        byte[] p = plaintext.getBytes(StandardCharsets.US_ASCII);
        int pad = padBlock - p.length % padBlock;
        byte[] padded = java.util.Arrays.copyOf(p, p.length + pad);
        java.util.Arrays.fill(padded, p.length, padded.length, (byte) pad);
        return aes(padded, key);
    }

    public static byte[] aes(byte[] padded, String key) {
        try {
            byte[] k = key.getBytes(StandardCharsets.US_ASCII);
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(k));
            return c.doFinal(padded);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] base64(String plaintext) {
        return Base64.getEncoder().encode(encrypt(plaintext, KEY, 16));
    }

    public static byte[] keyBytes() {
        return KEY.getBytes(StandardCharsets.US_ASCII);
    }
}
