package io.yima.upstream;

import java.time.Instant;

/**
 * A marketcode call that did not succeed. The message is safe to show: it names the endpoint and the reason,
 * never a token or secret. {@link #errcode()} is the API's errcode, or null when no JSON answer was received.
 */
public class UpstreamException extends RuntimeException {
    private final String endpoint;
    private final Integer errcode;

    public UpstreamException(String endpoint, Integer errcode, String message, Throwable cause) {
        super(endpoint + ": " + message, cause);
        this.endpoint = endpoint;
        this.errcode = errcode;
    }

    public String endpoint() {
        return endpoint;
    }

    public Integer errcode() {
        return errcode;
    }

    /** Retrying cannot help (malformed request, missing permission, foreign application, bad credentials): raise an alarm. */
    public static final class Alarm extends UpstreamException {
        public Alarm(String endpoint, Integer errcode, String message) {
            super(endpoint, errcode, message, null);
        }
    }

    /** The daily or per-minute quota is used up until {@link #until()}. */
    public static final class Quota extends UpstreamException {
        private final Instant until;

        public Quota(String endpoint, int errcode, Instant until) {
            super(endpoint, errcode, "quota reached (errcode " + errcode + "), calls resume at " + until, null);
            this.until = until;
        }

        public Instant until() {
            return until;
        }
    }

    /** Transient failures (-1, 5xx, timeouts, garbled answers) persisted through every attempt. */
    public static final class Unavailable extends UpstreamException {
        public Unavailable(String endpoint, Integer errcode, String message, Throwable cause) {
            super(endpoint, errcode, message, cause);
        }
    }
}
