package io.yima.plc;

/** A refused request: becomes {@code NAK,seq,reason[,detail]}. */
public final class PlcNak extends RuntimeException {
    private final String reason;
    private final String detail;

    public PlcNak(String reason, String detail) {
        super(detail == null ? reason : reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public PlcNak(String reason) {
        this(reason, null);
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
