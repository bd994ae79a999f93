package io.yima.status;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalLog;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use the controls and see a job's unaccounted codes: the bearer token decides whose request it is
 * ({@link BearerToken}), and a source address that sent {@code status.max_wrong_tokens} wrong tokens within a minute
 * is answered 429 with {@code Retry-After} until the minute is over ({@link WrongTokenLimit}). A request without an
 * {@code Authorization} header is not a guess and is not counted. Shared by the port's handlers; thread-safe.
 */
final class TokenGate {

    /** What the gate decided for one request. */
    sealed interface Verdict permits Admitted, Refused, Limited {
    }

    /** The token of {@code holder}: the name the audit log records. */
    record Admitted(String holder) implements Verdict {
    }

    /** No token, a wrong one, or no token file at all. */
    record Refused() implements Verdict {
    }

    /** Too many wrong tokens from this source lately: try again in {@code retryAfterSeconds}. */
    record Limited(long retryAfterSeconds) implements Verdict {
    }

    private final BearerToken token;
    private final WrongTokenLimit limit;
    private final int max;
    private final RefusalLog lockouts;

    TokenGate(BearerToken token, WrongTokenLimit limit, int max, RefusalLog lockouts) {
        this.token = token;
        this.limit = limit;
        this.max = max;
        this.lockouts = lockouts;
    }

    /** A gate without a limit (handler tests without a network peer). */
    static TokenGate unlimited(BearerToken token) {
        return new TokenGate(token, null, 0, null);
    }

    boolean configured() {
        return token.configured();
    }

    Verdict check(SocketAddress remote, FullHttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        InetSocketAddress source = limit != null && remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a : null;
        if (source != null) {
            long wait = limit.retryAfterSeconds(source.getAddress());
            if (wait > 0) {
                return new Limited(wait);
            }
        }
        Optional<String> holder = token.holder(authorization);
        if (holder.isPresent()) {
            return new Admitted(holder.get());
        }
        if (source != null && token.configured() && authorization != null && !authorization.isBlank()
                && limit.failed(source.getAddress())) {
            lockouts.refused("token", "locked_out", PortGuard.peer(source), max + " wrong tokens within a minute,"
                    + " this address is answered 429 until the minute is over");
        }
        return new Refused();
    }

    /** The answer for a verdict other than {@link Admitted}: 401 with the reason, or 429 with Retry-After. */
    FullHttpResponse refusal(Verdict verdict) {
        if (verdict instanceof Limited l) {
            FullHttpResponse r = HttpReply.refusal(HttpResponseStatus.TOO_MANY_REQUESTS, RefusalCode.LOCKED_OUT,
                    Map.of("seconds", Long.toString(l.retryAfterSeconds())), "too many wrong tokens from"
                    + " this address: try again in " + l.retryAfterSeconds() + " s");
            r.headers().set(HttpHeaderNames.RETRY_AFTER, l.retryAfterSeconds());
            return r;
        }
        FullHttpResponse refused = HttpReply.refusal(HttpResponseStatus.UNAUTHORIZED,
                token.configured() ? RefusalCode.TOKEN_REQUIRED : RefusalCode.CONTROLS_DISABLED, Map.of(),
                token.configured() ? "valid bearer token required"
                        : "controls are disabled: no status.token_file configured");
        refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"yima-edge\"");
        return refused;
    }
}
