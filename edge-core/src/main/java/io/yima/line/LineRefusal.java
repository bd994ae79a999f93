package io.yima.line;

/** A command the line refused: a typed reason and, optionally, a detail for people. No stack trace: not a bug. */
public final class LineRefusal extends RuntimeException {
    private final Refusal reason;
    private final String detail;

    public LineRefusal(Refusal reason, String detail) {
        super(detail == null ? reason.name() : reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public LineRefusal(Refusal reason) {
        this(reason, null);
    }

    public Refusal reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
