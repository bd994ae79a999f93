package io.yima.upstream;

import java.util.Map;

/**
 * Where the client reports every call and its outcome (the vault's {@code event} table in production).
 * Callers pass only non-secret fields: never the access token, app secret or package key.
 */
@FunctionalInterface
public interface UpstreamEvents {
    UpstreamEvents NONE = (kind, fields) -> { };

    void record(String kind, Map<String, Object> fields);
}
