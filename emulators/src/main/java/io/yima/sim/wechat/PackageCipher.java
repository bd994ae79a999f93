package io.yima.sim.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Reads back the packages the emulator hands out (AES-128-CBC, key = IV = the key string, PKCS#7) to index their codes. */
final class PackageCipher {
    private PackageCipher() {
    }

    static byte[] keyBytes(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length != 16) {
            throw new IllegalArgumentException("package key must be 16 bytes, got " + k.length);
        }
        return k;
    }

    static String decrypt(String base64, String key) {
        return new String(run(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(base64), key), StandardCharsets.UTF_8);
    }

    private static byte[] run(int mode, byte[] input, String key) {
        byte[] k = keyBytes(key);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(k, "AES"), new IvParameterSpec(k));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("package cipher failed", e);
        }
    }
}
