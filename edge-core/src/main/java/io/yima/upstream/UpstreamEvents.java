package io.yima.upstream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the client reports every call and its outcome (the vault's {@code event} table in production).
 * Callers pass only non-secret fields: never the access token, app secret or package key.
 */
@FunctionalInterface
public interface UpstreamEvents {
    UpstreamEvents NONE = (kind, fields) -> { };

    void record(String kind, Map<String, Object> fields);

    /** The API answered a quota errcode (45009 daily, 45011 per minute): calls wait until {@code until}. */
    default void quotaWait(String endpoint, int errcode, Instant until) {
    }

    /** Records one attempt of an API call as an {@code upstream.call} event; {@code request} holds no secrets. */
    default void call(String endpoint, Map<String, Object> request, int attempt, long startedNanos, Integer errcode,
                      String outcome) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("endpoint", endpoint);
        if (request != null) {
            f.put("request", request);
        }
        f.put("attempt", attempt);
        f.put("errcode", errcode);
        f.put("outcome", outcome);
        f.put("ms", (System.nanoTime() - startedNanos) / 1_000_000);
        record("upstream.call", f);
    }
}
