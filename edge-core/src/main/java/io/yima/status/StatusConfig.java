package io.yima.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.yima.config.DurationText;
import io.yima.config.ListenAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code status:} section of the edge config.
 *
 * <pre>
 * status:
 *   bind: 127.0.0.1            # default; anything else is reachable from the network and logged as a warning
 *   port: 8080                 # 0 picks a free port (tests)
 *   token_file: /etc/yima-edge/status.token   # bearer token for the POST controls; none = controls refused
 *   low_stock_warning: 10000   # an application with fewer AVAILABLE codes is flagged amber on the dashboard
 *   low_stock_critical: 2000   # ... and with fewer than this, red (default: a fifth of low_stock_warning)
 *   request_timeout: 10s       # a whole request must arrive within this (slow senders are closed)
 *   max_connections: 64        # connections held at once; more are closed at once and counted
 *   reject_amber_percent: 2    # the open job's rejects / printed at or above this: the tile turns amber
 *   reject_red_percent: 5      # ... and at or above this: red
 *   stale_after: 5s            # the page hides its figures when the edge has not answered for this long
 *                              # (stale_after_seconds: 5, the older key, is still read; not both)
 *   allowed_hosts: [edge01]    # names (besides IP addresses and localhost) the port answers to (DNS rebinding)
 *   max_wrong_tokens: 5        # wrong tokens per source address per minute; then 429 until the minute is over
 * </pre>
 */
public record StatusConfig(String bind, int port, Path tokenFile, long lowStockWarning,
                           Duration requestTimeout, int maxConnections, double rejectAmberPercent,
                           double rejectRedPercent, Duration staleAfter, List<String> allowedHosts,
                           int maxWrongTokens, long lowStockCritical) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_LOW_STOCK_WARNING = 10_000;
    /** A whole request must arrive within this (and an idle keep-alive connection is closed after it). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Browsers open about six connections per page; a few technicians and a Prometheus scraper fit well. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final double DEFAULT_REJECT_AMBER_PERCENT = 2;
    public static final double DEFAULT_REJECT_RED_PERCENT = 5;
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(5);
    /** Five tries a minute: enough for a technician's typing errors, hopeless for guessing a 16+ character token. */
    public static final int DEFAULT_MAX_WRONG_TOKENS = 5;

    public StatusConfig {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** Without host names or a wrong-token limit of its own (the shape before they existed). */
    public StatusConfig(String bind, int port, Path tokenFile, long lowStockWarning, Duration requestTimeout,
                        int maxConnections, double rejectAmberPercent, double rejectRedPercent,
                        Duration staleAfter) {
        this(bind, port, tokenFile, lowStockWarning, requestTimeout, maxConnections, rejectAmberPercent,
                rejectRedPercent, staleAfter, List.of(), DEFAULT_MAX_WRONG_TOKENS, criticalFor(lowStockWarning));
    }

    /** Port limits and dashboard thresholds at their defaults. */
    public StatusConfig(String bind, int port, Path tokenFile, long lowStockWarning) {
        this(bind, port, tokenFile, lowStockWarning, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_REJECT_AMBER_PERCENT, DEFAULT_REJECT_RED_PERCENT, DEFAULT_STALE_AFTER);
    }

    /**
     * The section as the file writes it, and the one place its defaults are set: the fields are primitives, so the
     * canonical constructor cannot tell a key left out from one written as 0.
     */
    @JsonCreator
    public static StatusConfig fromYaml(@JsonProperty("bind") String bind,
                                        @JsonProperty("port") Integer port,
                                        @JsonProperty("token_file") String tokenFile,
                                        @JsonProperty("low_stock_warning") Long lowStockWarning,
                                        @JsonProperty("request_timeout") Duration requestTimeout,
                                        @JsonProperty("max_connections") Integer maxConnections,
                                        @JsonProperty("reject_amber_percent") Double rejectAmberPercent,
                                        @JsonProperty("reject_red_percent") Double rejectRedPercent,
                                        @JsonProperty("stale_after") @JsonDeserialize(using = DurationText.class)
                                        Duration staleAfter,
                                        @JsonProperty("stale_after_seconds") Integer staleAfterSeconds,
                                        @JsonProperty("allowed_hosts") List<String> allowedHosts,
                                        @JsonProperty("max_wrong_tokens") Integer maxWrongTokens,
                                        @JsonProperty("low_stock_critical") Long lowStockCritical) {
        if (staleAfter != null && staleAfterSeconds != null) {
            throw new IllegalArgumentException("give stale_after (e.g. 5s), or the older stale_after_seconds, not both");
        }
        return new StatusConfig(bind == null ? DEFAULT_BIND : bind,
                port == null ? DEFAULT_PORT : port,
                tokenFile == null || tokenFile.isBlank() ? null : Path.of(tokenFile),
                lowStockWarning == null ? DEFAULT_LOW_STOCK_WARNING : lowStockWarning,
                requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout,
                maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections,
                rejectAmberPercent == null ? DEFAULT_REJECT_AMBER_PERCENT : rejectAmberPercent,
                rejectRedPercent == null ? DEFAULT_REJECT_RED_PERCENT : rejectRedPercent,
                staleAfter != null ? staleAfter
                        : staleAfterSeconds != null ? Duration.ofSeconds(staleAfterSeconds) : DEFAULT_STALE_AFTER,
                allowedHosts, maxWrongTokens == null ? DEFAULT_MAX_WRONG_TOKENS : maxWrongTokens,
                lowStockCritical != null ? lowStockCritical
                        : criticalFor(lowStockWarning == null ? DEFAULT_LOW_STOCK_WARNING : lowStockWarning));
    }

    /** {@code low_stock_critical} left out: a fifth of {@code low_stock_warning}. */
    private static long criticalFor(long lowStockWarning) {
        return lowStockWarning / 5;
    }

    /** The same port answering to these host names as well ({@code status.allowed_hosts}). */
    public StatusConfig withAllowedHosts(List<String> names) {
        return new StatusConfig(bind, port, tokenFile, lowStockWarning, requestTimeout, maxConnections,
                rejectAmberPercent, rejectRedPercent, staleAfter, names, maxWrongTokens, lowStockCritical);
    }

    /** The same port with another wrong-token limit ({@code status.max_wrong_tokens}). */
    public StatusConfig withMaxWrongTokens(int max) {
        return new StatusConfig(bind, port, tokenFile, lowStockWarning, requestTimeout, maxConnections,
                rejectAmberPercent, rejectRedPercent, staleAfter, allowedHosts, max, lowStockCritical);
    }

    /** This section with its token file resolved; every other field kept as the file set it. */
    public StatusConfig withTokenFile(Path resolved) {
        return new StatusConfig(bind, port, resolved, lowStockWarning, requestTimeout, maxConnections,
                rejectAmberPercent, rejectRedPercent, staleAfter, allowedHosts, maxWrongTokens,
                lowStockCritical);
    }

    /** The section as an empty {@code status: {}} reads (and as the edge runs without one). */
    public static StatusConfig defaults() {
        return fromYaml(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Problems with this section, each naming its field ({@code status.port: ...}); empty when valid. */
    public List<String> validate() {
        List<String> problems = new ArrayList<>(ListenAddress.bindProblems("status", bind, port));
        if (requestTimeout == null || requestTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            problems.add("status.request_timeout: " + (requestTimeout == null ? "required"
                    : DurationText.format(requestTimeout) + " is too short (at least 100ms)"));
        }
        if (maxConnections < 1 || maxConnections > 10_000) {
            problems.add("status.max_connections: must be between 1 and 10000, got " + maxConnections);
        }
        if (lowStockWarning < 0) {
            problems.add("status.low_stock_warning: must be 0 or more, got " + lowStockWarning);
        }
        if (lowStockWarning >= 0 && (lowStockCritical < 0 || lowStockCritical > lowStockWarning)) {
            problems.add("status.low_stock_critical: must be between 0 and low_stock_warning (" + lowStockWarning
                    + "), got " + lowStockCritical);
        }
        if (!(rejectAmberPercent > 0 && rejectAmberPercent <= 100)) {
            problems.add("status.reject_amber_percent: must be above 0 and at most 100, got " + rejectAmberPercent);
        }
        if (!(rejectRedPercent >= rejectAmberPercent && rejectRedPercent <= 100)) {
            problems.add("status.reject_red_percent: must be between reject_amber_percent (" + rejectAmberPercent
                    + ") and 100, got " + rejectRedPercent);
        }
        if (staleAfter == null || staleAfter.compareTo(Duration.ofSeconds(2)) < 0
                || staleAfter.compareTo(Duration.ofSeconds(300)) > 0) {
            problems.add("status.stale_after: must be between 2s and 300s, got "
                    + (staleAfter == null ? "nothing" : DurationText.format(staleAfter)));
        }
        for (int i = 0; i < allowedHosts.size(); i++) {
            String problem = HostCheck.problem(allowedHosts.get(i));
            if (problem != null) {
                problems.add("status.allowed_hosts[" + i + "]: " + problem);
            }
        }
        if (maxWrongTokens < 1 || maxWrongTokens > 1000) {
            problems.add("status.max_wrong_tokens: must be between 1 and 1000, got " + maxWrongTokens);
        }
        return problems;
    }

    /** True when the port is reachable from other machines, which must be a deliberate choice. */
    @JsonIgnore
    public boolean exposedBeyondLoopback() {
        try {
            return !InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
