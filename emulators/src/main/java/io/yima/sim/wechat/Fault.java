package io.yima.sim.wechat;

/** What the emulator can do to a marketcode call instead of answering it. */
public enum Fault {
    /** HTTP 500 with a JSON-less body. */
    HTTP_500,
    /** HTTP 502 with an HTML error page, as a reverse proxy in front of the API would send. */
    HTML_PAGE,
    /** HTTP 200 whose body is not valid JSON. */
    MALFORMED_JSON,
    /** Hold the response until the hold time passes (the client's request timeout fires first), then drop it. */
    TIMEOUT,
    /** Answer normally but only after the slow delay. */
    SLOW,
    /** errcode -1, system busy. */
    BUSY(-1),
    /** errcode 42001, access token expired. */
    TOKEN_EXPIRED(42001),
    /** errcode 45009, daily quota reached. */
    QUOTA_DAY(45009),
    /** errcode 45011, per-minute quota reached. */
    QUOTA_MINUTE(45011),
    /** errcode 48001, API not authorised (marketcode capability missing). */
    NOT_AUTHORISED(48001),
    /** errcode 61007, the third-party platform lacks the permission. */
    THIRD_PARTY_NOT_AUTHORISED(61007);

    private final int errcode;

    Fault() {
        this(0);
    }

    Fault(int errcode) {
        this.errcode = errcode;
    }

    /** The errcode the emulator answers with, or 0 when the fault is not an errcode. */
    public int errcode() {
        return errcode;
    }
}
