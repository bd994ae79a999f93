package io.yima.vault.importing;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Streams one encrypted package (base64 text or raw bytes) into plaintext chunks: AES-128-CBC with key = IV = the
 * 16 key bytes, then PKCS#7 padding stripped by hand. Packages in the wild pad with values up to 32, which
 * {@code PKCS5Padding} refuses, so the cipher runs with {@code NoPadding} and the last 32 plaintext bytes are held
 * back until the end. Memory stays at a few chunks whatever the package size.
 */
final class PackageDecryptor {
    private static final int CHUNK = 64 * 1024;
    private static final int AES_SLICE = 1024;
    private static final int MAX_PAD = 32;
    private static final String WRONG_KEY = "wrong key or corrupt package";

    private final byte[] key;

    PackageDecryptor(byte[] key16) {
        if (key16.length != 16) {
            throw new ImportException("the key must be 16 characters, found " + key16.length);
        }
        this.key = key16.clone();
    }

    /** Decrypts {@code in} (already positioned at the package) and feeds the plaintext to {@code out}. */
    void decrypt(String name, InputStream in, boolean base64, LineSplitter out) throws IOException {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
        Plain plain = new Plain(name, out);
        byte[] raw = new byte[CHUNK];
        byte[] decoded = base64 ? new byte[Base64Text.maxDecoded(CHUNK) + 3] : null;
        // decrypted into one reused buffer: no garbage per chunk (update() without an output array allocates one)
        byte[] clear = new byte[AES_SLICE + 16];
        Base64Text text = base64 ? new Base64Text() : null;
        long cipherBytes = 0;
        boolean eof = false;
        while (!eof) {
            int n = in.readNBytes(raw, 0, CHUNK);
            eof = n < CHUNK;
            byte[] chunk = raw;
            int len = n;
            if (base64) {
                try {
                    len = text.decode(raw, 0, n, decoded);
                    if (eof) {
                        len += text.finish(decoded, len);
                    }
                } catch (Base64Text.Malformed e) {
                    throw new ImportException(name + (e.truncated ? ": truncated base64 (" : ": not valid base64 (")
                            + e.getMessage() + ")");
                }
                chunk = decoded;
            }
            cipherBytes += len;
            // In slices: the JIT replaces CBC decryption by its AES-NI routine only at call sites it has compiled,
            // and a million codes make too few 64 KB calls for that to happen early.
            for (int at = 0; at < len; at += AES_SLICE) {
                int slice = Math.min(AES_SLICE, len - at);
                try {
                    plain.push(clear, cipher.update(chunk, at, slice, clear, 0));
                } catch (ShortBufferException e) {
                    throw new IllegalStateException("AES output buffer too small", e);
                }
            }
        }
        if (cipherBytes == 0) {
            throw new ImportException(name + ": empty package");
        }
        if (cipherBytes % 16 != 0) {
            throw new ImportException(name + ": truncated package: " + cipherBytes
                    + " encrypted bytes is not a whole number of 16-byte AES blocks");
        }
        plain.finish();
    }

    /** Holds back the last 32 plaintext bytes (possible padding) and checks the first block looks like a package. */
    private static final class Plain {
        private final String name;
        private final LineSplitter out;
        private final byte[] tail = new byte[MAX_PAD];
        private int tailLen;
        private boolean checkedStart;

        Plain(String name, LineSplitter out) {
            this.name = name;
            this.out = out;
        }

        void push(byte[] p, int length) {
            if (length == 0) {
                return;
            }
            if (!checkedStart && length >= 16) {
                // A package starts with a matrix; anything else after decryption means the key is wrong.
                for (int i = 0; i < 16; i++) {
                    if (p[i] != '0' && p[i] != '1') {
                        throw new ImportException(name + ": " + WRONG_KEY);
                    }
                }
                checkedStart = true;
            }
            int total = tailLen + length;
            int release = total - MAX_PAD;
            if (release <= 0) {
                System.arraycopy(p, 0, tail, tailLen, length);
                tailLen += length;
                return;
            }
            int fromTail = Math.min(release, tailLen);
            if (fromTail > 0) {
                out.accept(tail, 0, fromTail);
                System.arraycopy(tail, fromTail, tail, 0, tailLen - fromTail);
                tailLen -= fromTail;
            }
            int fromP = release - fromTail;
            out.accept(p, 0, fromP);
            System.arraycopy(p, fromP, tail, tailLen, length - fromP);
            tailLen += length - fromP;
        }

        void finish() {
            if (tailLen == 0) {
                throw new ImportException(name + ": " + WRONG_KEY);
            }
            int pad = tail[tailLen - 1] & 0xFF;
            if (pad < 1 || pad > MAX_PAD || pad > tailLen) {
                throw new ImportException(name + ": " + WRONG_KEY + " (bad padding)");
            }
            for (int i = tailLen - pad; i < tailLen; i++) {
                if ((tail[i] & 0xFF) != pad) {
                    throw new ImportException(name + ": " + WRONG_KEY + " (bad padding)");
                }
            }
            if (!checkedStart) {
                for (int i = 0; i < Math.min(16, tailLen - pad); i++) {
                    if (tail[i] != '0' && tail[i] != '1') {
                        throw new ImportException(name + ": " + WRONG_KEY);
                    }
                }
            }
            out.accept(tail, 0, tailLen - pad);
        }
    }
}
