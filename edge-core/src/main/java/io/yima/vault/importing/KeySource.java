package io.yima.vault.importing;

import io.yima.common.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a package key from a file or the {@code YIMA_KEY} environment variable; messages never echo the key. */
public final class KeySource {
    static final String ENV = "YIMA_KEY";

    private KeySource() {
    }

    public static byte[] load(Path keyFile) {
        String key;
        String from;
        if (keyFile != null) {
            try {
                key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UserFacingException("cannot read key file " + keyFile + ": " + e.getMessage());
            }
            from = "key file " + keyFile;
        } else {
            key = System.getenv(ENV);
            if (key == null || key.isBlank()) {
                throw new UserFacingException("no key: give --key-file FILE or set " + ENV);
            }
            key = key.strip();
            from = "environment variable " + ENV;
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 16) {
            throw new UserFacingException(from + " must hold a 16-character key, found " + bytes.length
                    + " characters");
        }
        return bytes;
    }
}
