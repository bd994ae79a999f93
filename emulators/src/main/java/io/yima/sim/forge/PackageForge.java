package io.yima.sim.forge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Forges encrypted code packages that look like WeChat's: one line per code {@code matrix code index url}, AES-128-CBC
 * with key = IV = the 16 key bytes and PKCS#7 padding, base64 text (the download {@code buffer}) or raw bytes, one
 * file per 10,000 codes, optionally zipped.
 *
 * <p>Everything is a pure function of (seed, index): the same seed forges the same codes, so an emulated
 * re-download returns identical packages. Codes and URLs are unique by construction (an invertible map of the
 * index), matrices are random data around the three finder squares real microcodes carry. Deliberately independent of edge-core: it writes the format from the
 * specification, it does not reuse the parser it is meant to test.
 */
public final class PackageForge {
    public static final int CODES_PER_FILE = 10_000;
    static final String CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*$";
    /** QR alphanumeric characters without the space. */
    static final String URL_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
    static final String URL_PREFIX = "P.URL.CN/";
    private static final long CODE_SPACE = pow(CODE_ALPHABET.length(), 9);
    private static final long CODE_MULTIPLIER = 40_503;

    private PackageForge() {
    }

    /** One forged code, as it appears on its package line. */
    public record ForgedCode(String matrix, String code, long index, String url) {
        public String line() {
            return matrix + " " + code + " " + index + " " + url;
        }
    }

    /** The code at {@code index} for {@code seed}. */
    public static ForgedCode code(long seed, long index) {
        SplittableRandom r = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index));
        StringBuilder matrix = new StringBuilder(361);
        for (int i = 0; i < 6; i++) {
            long bits = r.nextLong();
            for (int b = 0; b < 64 && matrix.length() < 361; b++) {
                matrix.append((bits >>> b & 1) == 0 ? '0' : '1');
            }
        }
        stampFinders(matrix);
        // An affine bijection of [0, 38^9): distinct (seed band, index) pairs give distinct codes.
        long band = Math.floorMod(mix(seed), CODE_SPACE >> 25);
        long x = (band << 25) + index;
        long c = Math.floorMod(CODE_MULTIPLIER * x + 0x1F2E3D4CL, CODE_SPACE);
        String code = digits(c, CODE_ALPHABET, 9);
        // The first 12 URL characters encode a bijection of the same 64-bit value, the rest is noise.
        long u = mix(x ^ 0x5851F42D4C957F2DL);
        String head = digits(u, URL_ALPHABET, 12);
        StringBuilder tail = new StringBuilder(head);
        while (tail.length() < 19) {
            tail.append(URL_ALPHABET.charAt(r.nextInt(URL_ALPHABET.length())));
        }
        return new ForgedCode(matrix.toString(), code, index, URL_PREFIX + tail);
    }

    /**
     * Real microcodes carry three 7×7 finder squares (top-left, top-right, bottom-left: a black ring, a white ring,
     * a 3×3 black core — see the golden sample in docs/vault.md), which is how a reader finds the
     * symbol; the other cells carry the data. Forged matrices get the same squares so a label reads like a real one.
     */
    static void stampFinders(StringBuilder matrix) {
        int[][] corners = {{0, 0}, {0, 12}, {12, 0}};
        for (int[] c : corners) {
            for (int r = 0; r < 7; r++) {
                for (int k = 0; k < 7; k++) {
                    boolean ring = r == 0 || r == 6 || k == 0 || k == 6;
                    boolean core = r >= 2 && r <= 4 && k >= 2 && k <= 4;
                    matrix.setCharAt((c[0] + r) * 19 + c[1] + k, ring || core ? '1' : '0');
                }
            }
        }
    }

    /** The plaintext of a package holding indexes [start, end] inclusive, one line per code, LF endings. */
    public static byte[] plaintext(long seed, long start, long end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (end - start + 1) * 410);
        for (long i = start; i <= end; i++) {
            out.writeBytes(code(seed, i).line().getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Encrypts a plaintext the way WeChat does (key = IV, PKCS#7). */
    public static byte[] encrypt(byte[] plaintext, String key) {
        try {
            return cipher(key).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code buffer} of an {@code applycodedownload} response for [codeStart, codeEnd] of an application:
     * deterministic per application, so a re-download yields the same codes.
     */
    public static String base64Package(long applicationId, long codeStart, long codeEnd, String key) {
        return Base64.getEncoder().encodeToString(encrypt(plaintext(applicationId, codeStart, codeEnd), key));
    }

    /**
     * Writes {@code count} codes starting at {@code startIndex} into {@code outDir}: {@code codes_0001.b64}, ...
     * (10,000 codes each), or {@code codes.zip} holding them when {@code zip}. Returns the files written.
     */
    public static List<Path> forge(long count, long startIndex, String key, Path outDir, boolean zip, long seed)
            throws IOException {
        return forge(count, startIndex, key, outDir, zip, seed, true);
    }

    /** As {@link #forge(long, long, String, Path, boolean, long)}; {@code base64 = false} writes raw bytes. */
    public static List<Path> forge(long count, long startIndex, String key, Path outDir, boolean zip, long seed,
                                   boolean base64) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        ZipOutputStream zipOut = zip ? new ZipOutputStream(Files.newOutputStream(outDir.resolve("codes.zip"))) : null;
        try {
            int fileNo = 0;
            for (long first = startIndex; first < startIndex + count; first += CODES_PER_FILE) {
                long last = Math.min(first + CODES_PER_FILE, startIndex + count) - 1;
                String name = String.format("codes_%04d.%s", ++fileNo, base64 ? "b64" : "bin");
                if (zipOut != null) {
                    zipOut.putNextEntry(new ZipEntry(name));
                    writePackage(zipOut, seed, first, last, key, base64);
                    zipOut.closeEntry();
                } else {
                    Path file = outDir.resolve(name);
                    try (OutputStream out = Files.newOutputStream(file)) {
                        writePackage(out, seed, first, last, key, base64);
                    }
                    written.add(file);
                }
            }
        } finally {
            if (zipOut != null) {
                zipOut.close();
                written.add(outDir.resolve("codes.zip"));
            }
        }
        return written;
    }

    private static void writePackage(OutputStream target, long seed, long first, long last, String key,
                                     boolean base64) throws IOException {
        OutputStream shield = new java.io.FilterOutputStream(target) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        OutputStream encoded = base64 ? Base64.getEncoder().wrap(shield) : shield;
        try (OutputStream out = new CipherOutputStream(encoded, cipher(key))) {
            byte[] nl = {'\n'};
            for (long i = first; i <= last; i++) {
                out.write(code(seed, i).line().getBytes(StandardCharsets.US_ASCII));
                out.write(nl);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher cipher(String key) throws GeneralSecurityException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length != 16) {
            throw new IllegalArgumentException("the key must be 16 characters");
        }
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(k));
        return c;
    }

    private static String digits(long value, String alphabet, int width) {
        char[] out = new char[width];
        int base = alphabet.length();
        for (int i = width - 1; i >= 0; i--) {
            out[i] = alphabet.charAt((int) Long.remainderUnsigned(value, base));
            value = Long.divideUnsigned(value, base);
        }
        return new String(out);
    }

    /** A 64-bit bijection (SplitMix64's finaliser). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long pow(long b, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= b;
        }
        return r;
    }
}
