package io.yima.status;

/**
 * A control request the daemon refuses, with a message meant for the technician (it must not contain a key or
 * token). {@link Kind#NOT_FOUND} becomes HTTP 404, {@link Kind#CONFLICT} HTTP 409.
 */
public final class LineControlException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public LineControlException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static LineControlException notFound(String message) {
        return new LineControlException(Kind.NOT_FOUND, message);
    }

    public static LineControlException conflict(String message) {
        return new LineControlException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
