package io.yima.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.yima.config.DurationText;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code upstream:} section of the edge configuration (snake_case keys). Every field has a default, so an
 * empty section is valid apart from the credentials. Secrets are referenced (file or environment variable),
 * never written inline.
 *
 * @param tokenFile / tokenCommand third-party mode: the authorizer's token is read from this file or printed by
 *     this command, instead of being fetched with appid + secret
 * @param maxRangeLength the longest {@code codeactive} range the outbox sends in one call
 * @param maxRequestsPerSecond the client's request rate bound over all endpoints
 * @param maxAttempts attempts per API call for transient errors (-1, 5xx, timeouts)
 * @param activationMaxAttempts send rounds per activation range before it is FAILED (and alarmed)
 * @param flushMaxDelay how long a range that could still grow waits before it is sent anyway
 * @param maxQuotaWait a call waits in-line for a quota reset up to this long, then gives up
 * @param quotaZone the time zone in which daily quotas reset (WeChat: Beijing time)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record UpstreamConfig(
        String baseUrl,
        String appid,
        Path secretFile,
        String secretEnv,
        Path tokenFile,
        String tokenCommand,
        @JsonDeserialize(using = DurationText.class) Duration connectTimeout,
        @JsonDeserialize(using = DurationText.class) Duration requestTimeout,
        Integer maxRangeLength,
        Double maxRequestsPerSecond,
        Integer maxAttempts,
        Integer activationMaxAttempts,
        @JsonDeserialize(using = DurationText.class) Duration flushMaxDelay,
        @JsonDeserialize(using = DurationText.class) Duration backoffMin,
        @JsonDeserialize(using = DurationText.class) Duration backoffMax,
        @JsonDeserialize(using = DurationText.class) Duration maxQuotaWait,
        String quotaZone) {

    public static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com";
    public static final String DEFAULT_SECRET_ENV = "YIMA_WECHAT_SECRET";

    public UpstreamConfig {
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : stripSlash(baseUrl);
        secretEnv = secretEnv == null ? DEFAULT_SECRET_ENV : secretEnv;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxRangeLength = maxRangeLength == null ? 100_000 : maxRangeLength;
        maxRequestsPerSecond = maxRequestsPerSecond == null ? 20.0 : maxRequestsPerSecond;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        activationMaxAttempts = activationMaxAttempts == null ? 10 : activationMaxAttempts;
        flushMaxDelay = flushMaxDelay == null ? Duration.ofSeconds(60) : flushMaxDelay;
        backoffMin = backoffMin == null ? Duration.ofMillis(500) : backoffMin;
        backoffMax = backoffMax == null ? Duration.ofSeconds(30) : backoffMax;
        maxQuotaWait = maxQuotaWait == null ? Duration.ofSeconds(65) : maxQuotaWait;
        quotaZone = quotaZone == null ? "Asia/Shanghai" : quotaZone;
    }

    /** All defaults; credentials still to be given. */
    public static UpstreamConfig defaults() {
        return new UpstreamConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** Every problem, each naming its field as {@code upstream.<key>: ...}; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        try {
            URI u = URI.create(baseUrl);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                p.add("upstream.base_url: must be an http(s) URL with a host, got '" + baseUrl + "'");
            }
        } catch (IllegalArgumentException e) {
            p.add("upstream.base_url: not a URL: '" + baseUrl + "'");
        }
        if (tokenFile != null && tokenCommand != null) {
            p.add("upstream.token_command: give token_file or token_command, not both");
        }
        if (tokenFile == null && tokenCommand == null && (appid == null || appid.isBlank())) {
            p.add("upstream.appid: required unless token_file or token_command is set");
        }
        positive(p, "connect_timeout", connectTimeout);
        positive(p, "request_timeout", requestTimeout);
        positive(p, "flush_max_delay", flushMaxDelay);
        positive(p, "backoff_min", backoffMin);
        if (backoffMax.compareTo(backoffMin) < 0) {
            p.add("upstream.backoff_max: must be at least backoff_min (" + backoffMin + ")");
        }
        if (maxQuotaWait.isNegative()) {
            p.add("upstream.max_quota_wait: must not be negative");
        }
        if (maxRangeLength < 1) {
            p.add("upstream.max_range_length: must be at least 1, got " + maxRangeLength);
        }
        if (!(maxRequestsPerSecond > 0)) {
            p.add("upstream.max_requests_per_second: must be positive, got " + maxRequestsPerSecond);
        }
        if (maxAttempts < 1) {
            p.add("upstream.max_attempts: must be at least 1, got " + maxAttempts);
        }
        if (activationMaxAttempts < 1) {
            p.add("upstream.activation_max_attempts: must be at least 1, got " + activationMaxAttempts);
        }
        try {
            ZoneId.of(quotaZone);
        } catch (RuntimeException e) {
            p.add("upstream.quota_zone: unknown time zone '" + quotaZone + "'");
        }
        return p;
    }

    /** Throws {@link IllegalArgumentException} listing every problem. */
    public UpstreamConfig validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p));
        }
        return this;
    }

    public boolean thirdPartyMode() {
        return tokenFile != null || tokenCommand != null;
    }

    public UpstreamConfig withBaseUrl(String url) {
        return new UpstreamConfig(url, appid, secretFile, secretEnv, tokenFile, tokenCommand, connectTimeout,
                requestTimeout, maxRangeLength, maxRequestsPerSecond, maxAttempts, activationMaxAttempts,
                flushMaxDelay, backoffMin, backoffMax, maxQuotaWait, quotaZone);
    }

    public UpstreamConfig withSecretFile(Path file) {
        return new UpstreamConfig(baseUrl, appid, file, secretEnv, tokenFile, tokenCommand, connectTimeout,
                requestTimeout, maxRangeLength, maxRequestsPerSecond, maxAttempts, activationMaxAttempts,
                flushMaxDelay, backoffMin, backoffMax, maxQuotaWait, quotaZone);
    }

    /**
     * The secret and token files resolved against {@code base} (the config file's folder), so a relative path means
     * the same under {@code run} and under {@code wechat}.
     */
    public UpstreamConfig resolvedAgainst(Path base) {
        if (base == null) {
            return this;
        }
        return new UpstreamConfig(baseUrl, appid, secretFile == null ? null : base.resolve(secretFile).normalize(),
                secretEnv, tokenFile == null ? null : base.resolve(tokenFile).normalize(), tokenCommand,
                connectTimeout, requestTimeout, maxRangeLength, maxRequestsPerSecond, maxAttempts,
                activationMaxAttempts, flushMaxDelay, backoffMin, backoffMax, maxQuotaWait, quotaZone);
    }

    public UpstreamConfig withAppid(String id) {
        return new UpstreamConfig(baseUrl, id, secretFile, secretEnv, tokenFile, tokenCommand, connectTimeout,
                requestTimeout, maxRangeLength, maxRequestsPerSecond, maxAttempts, activationMaxAttempts,
                flushMaxDelay, backoffMin, backoffMax, maxQuotaWait, quotaZone);
    }

    /** Timeouts, retry and backoff bounds in one go (tests keep them short). */
    public UpstreamConfig withTiming(Duration request, int attempts, Duration backoffLow, Duration backoffHigh) {
        return new UpstreamConfig(baseUrl, appid, secretFile, secretEnv, tokenFile, tokenCommand, connectTimeout,
                request, maxRangeLength, maxRequestsPerSecond, attempts, activationMaxAttempts,
                flushMaxDelay, backoffLow, backoffHigh, maxQuotaWait, quotaZone);
    }

    /** Outbox limits in one go. */
    public UpstreamConfig withOutbox(int rangeLength, double requestsPerSecond, int activationAttempts, Duration flushDelay) {
        return new UpstreamConfig(baseUrl, appid, secretFile, secretEnv, tokenFile, tokenCommand, connectTimeout,
                requestTimeout, rangeLength, requestsPerSecond, maxAttempts, activationAttempts,
                flushDelay, backoffMin, backoffMax, maxQuotaWait, quotaZone);
    }

    private static void positive(List<String> p, String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            p.add("upstream." + key + ": must be positive, got " + d);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
