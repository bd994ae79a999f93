package io.yima.status;

/**
 * A control request the daemon refuses, with a message meant for the technician (it must not contain a key or
 * token). {@link Kind#NOT_FOUND} becomes HTTP 404, {@link Kind#CONFLICT} HTTP 409.
 */
public final class LineControlException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final RefusalCode code;
    private final java.util.Map<String, String> params;

    public LineControlException(Kind kind, String message) {
        this(kind, null, java.util.Map.of(), message);
    }

    /** A refusal with its {@link RefusalCode} and the values of the code's parameters, in their order. */
    public LineControlException(Kind kind, RefusalCode code, java.util.Map<String, String> params, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.params = params;
    }

    /** {@code values} in the order of {@code code.params()}. */
    public static LineControlException notFound(RefusalCode code, String message, Object... values) {
        return new LineControlException(Kind.NOT_FOUND, code, named(code, values), message);
    }

    public static LineControlException conflict(RefusalCode code, String message, Object... values) {
        return new LineControlException(Kind.CONFLICT, code, named(code, values), message);
    }

    static java.util.Map<String, String> named(RefusalCode code, Object... values) {
        if (values.length != code.params().size()) {
            throw new IllegalArgumentException(code + " takes " + code.params());
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(code.params().get(i), String.valueOf(values[i]));
        }
        return out;
    }

    /** Null for a refusal without a code: the dashboard shows the English text. */
    public RefusalCode code() {
        return code;
    }

    public java.util.Map<String, String> params() {
        return params;
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
