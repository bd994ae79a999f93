package io.yima.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The status port's control token, read once from the configured file. Comparison is constant-time so the
 * response time does not reveal how much of a guess was right. {@link #toString()} never shows the token.
 */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    /** Null when no token file is configured: every control request is then refused. */
    private final byte[] expected;

    private BearerToken(byte[] expected) {
        this.expected = expected;
    }

    public static BearerToken none() {
        return new BearerToken(null);
    }

    /** Reads the token file (surrounding whitespace trimmed); errors name the file, never its content. */
    public static BearerToken load(Path tokenFile) {
        if (tokenFile == null) {
            return none();
        }
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("status.token_file: cannot read " + tokenFile
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        if (token.length() < 16) {
            throw new IllegalStateException("status.token_file: " + tokenFile
                    + " must hold a token of at least 16 characters");
        }
        return new BearerToken(token.getBytes(StandardCharsets.UTF_8));
    }

    public boolean configured() {
        return expected != null;
    }

    /** Checks an {@code Authorization} header value. */
    public boolean admits(String authorization) {
        if (expected == null || authorization == null || !authorization.startsWith(PREFIX)) {
            return false;
        }
        byte[] offered = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, offered);
    }

    @Override
    public String toString() {
        return expected == null ? "BearerToken[none]" : "BearerToken[****]";
    }
}
