package io.yima.common;

/** A failure whose message is written for the person at the terminal (never contains a key or token). */
public class UserFacingException extends RuntimeException {
    private final int exitCode;

    public UserFacingException(String message) {
        this(message, 1, null);
    }

    public UserFacingException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public UserFacingException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
