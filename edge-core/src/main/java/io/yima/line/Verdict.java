package io.yima.line;

/** What the verifier decided about one in-flight label. */
record Verdict(InFlightLabel label, RejectReason reason) {
    static Verdict bind(InFlightLabel label) {
        return new Verdict(label, null);
    }

    static Verdict reject(InFlightLabel label, RejectReason reason) {
        return new Verdict(label, reason);
    }

    boolean isBind() {
        return reason == null;
    }
}
