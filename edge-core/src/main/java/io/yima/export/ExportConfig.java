package io.yima.export;

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

/** The edge-level {@code export:} section; today one exporter, {@code mqtt}. Absent or disabled: nothing exported. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record ExportConfig(Mqtt mqtt, BacklogAlarm backlogAlarm) {

    /** The default retention of events in the vault's outbox (for {@code export --job}) without {@code export.mqtt}. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(168);

    public ExportConfig {
        backlogAlarm = backlogAlarm == null ? BacklogAlarm.DEFAULT : backlogAlarm;
    }

    public ExportConfig(Mqtt mqtt) {
        this(mqtt, null);
    }

    public boolean mqttEnabled() {
        return mqtt != null && Boolean.TRUE.equals(mqtt.enabled());
    }

    /** How long events stay in the outbox for the file export: {@code export.mqtt.retention}, else the default. */
    public Duration retention() {
        return mqtt == null ? DEFAULT_RETENTION : mqtt.retention();
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>(mqttEnabled() ? mqtt.problems() : List.of());
        p.addAll(backlogAlarm.problems());
        return p;
    }

    public ExportConfig resolvedAgainst(Path base) {
        return mqtt == null ? this : new ExportConfig(mqtt.resolvedAgainst(base), backlogAlarm);
    }

    /**
     * {@code export.backlog_alarm}: the MQTT export's backlog (events committed, not yet acknowledged by the
     * broker) raises an alarm on /health, /metrics and the dashboard once it holds more than {@code max_events}
     * or its oldest event is older than {@code max_age}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record BacklogAlarm(Long maxEvents, @JsonDeserialize(using = DurationText.class) Duration maxAge) {
        public static final BacklogAlarm DEFAULT = new BacklogAlarm(null, null);

        public BacklogAlarm {
            maxEvents = maxEvents == null ? 500_000L : maxEvents;
            maxAge = maxAge == null ? Duration.ofMinutes(30) : maxAge;
        }

        List<String> problems() {
            List<String> p = new ArrayList<>();
            if (maxEvents < 1) {
                p.add("export.backlog_alarm.max_events: must be at least 1, got " + maxEvents);
            }
            if (maxAge.isNegative() || maxAge.isZero()) {
                p.add("export.backlog_alarm.max_age: must be positive, e.g. 30m");
            }
            return p;
        }
    }

    /**
     * {@code export.mqtt}: the broker and how to drain the vault's export outbox to it (see docs/export.md).
     *
     * @param broker            {@code tcp://host:1883} or {@code ssl://host:8883} (TLS)
     * @param site / edge       names in the topics and the EPCIS locations (letters, digits, '-', '_')
     * @param passwordFile      the broker password, read from this file at start (never logged)
     * @param caFile            PEM certificates to trust for {@code ssl://} (default: the JVM's trust store)
     * @param siteUri           the EPCIS bizLocation (e.g. an SGLN URN); default {@code urn:yima:site:SITE}
     * @param maxEventsPerSecond the drain rate bound
     * @param maxInFlight       events published before their acknowledgements are awaited
     * @param ackTimeout        a publish not acknowledged in this time is sent again (after a reconnect)
     * @param retention         acknowledged events stay in the vault this long (for {@code export --job})
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Mqtt(
            Boolean enabled,
            String broker,
            String site,
            String edge,
            String topicPrefix,
            String clientId,
            String username,
            Path passwordFile,
            Path caFile,
            String siteUri,
            String timeZone,
            @JsonDeserialize(using = DurationText.class) Duration keepAlive,
            @JsonDeserialize(using = DurationText.class) Duration sessionExpiry,
            @JsonDeserialize(using = DurationText.class) Duration reconnectMin,
            @JsonDeserialize(using = DurationText.class) Duration reconnectMax,
            Double maxEventsPerSecond,
            Integer maxInFlight,
            @JsonDeserialize(using = DurationText.class) Duration ackTimeout,
            @JsonDeserialize(using = DurationText.class) Duration retention) {

        private static final String NAME = "[A-Za-z0-9_-]{1,64}";

        public Mqtt {
            topicPrefix = topicPrefix == null ? "yima" : topicPrefix;
            timeZone = timeZone == null ? ZoneId.systemDefault().getId() : timeZone;
            keepAlive = keepAlive == null ? Duration.ofSeconds(30) : keepAlive;
            sessionExpiry = sessionExpiry == null ? Duration.ofHours(24) : sessionExpiry;
            reconnectMin = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
            reconnectMax = reconnectMax == null ? Duration.ofSeconds(30) : reconnectMax;
            maxEventsPerSecond = maxEventsPerSecond == null ? 1000.0 : maxEventsPerSecond;
            maxInFlight = maxInFlight == null ? 100 : maxInFlight;
            ackTimeout = ackTimeout == null ? Duration.ofSeconds(20) : ackTimeout;
            retention = retention == null ? DEFAULT_RETENTION : retention;
        }

        // built from site and edge, so kept apart: the check must see a client_id as written (a long site and edge
        // would make a default longer than a written id may be)
        public String clientIdOrDefault() {
            return clientId == null ? "yima-" + site + "-" + edge : clientId;
        }

        // built from site, so kept apart: a site the check refuses must not also make a written site_uri look wrong
        public String siteUriOrDefault() {
            return siteUri == null ? "urn:yima:site:" + site : siteUri;
        }

        public boolean tls() {
            return broker != null && broker.startsWith("ssl://");
        }

        public URI brokerUri() {
            return URI.create(broker);
        }

        Mqtt resolvedAgainst(Path base) {
            return new Mqtt(enabled, broker, site, edge, topicPrefix, clientId, username,
                    passwordFile == null ? null : base.resolve(passwordFile).normalize(),
                    caFile == null ? null : base.resolve(caFile).normalize(), siteUri, timeZone, keepAlive,
                    sessionExpiry, reconnectMin, reconnectMax, maxEventsPerSecond, maxInFlight, ackTimeout, retention);
        }

        /** Every problem, each naming its field as {@code export.mqtt.<key>: ...}; empty when valid. */
        List<String> problems() {
            List<String> p = new ArrayList<>();
            String at = "export.mqtt.";
            if (broker == null || broker.isBlank()) {
                p.add(at + "broker: required, e.g. tcp://broker.local:1883 or ssl://broker.local:8883");
            } else {
                try {
                    URI u = URI.create(broker);
                    if (!"tcp".equals(u.getScheme()) && !"ssl".equals(u.getScheme())) {
                        p.add(at + "broker: unsupported scheme in '" + broker + "' (use tcp or ssl)");
                    } else if (u.getUserInfo() != null) {
                        p.add(at + "broker: no user or password in the address; use username and password_file");
                    } else if (u.getHost() == null || u.getPort() < 1) {
                        p.add(at + "broker: needs a host and a port, e.g. tcp://broker.local:1883, got '" + broker + "'");
                    }
                } catch (IllegalArgumentException e) {
                    p.add(at + "broker: not an address: '" + broker + "'");
                }
            }
            if (site == null || !site.matches(NAME)) {
                p.add(at + "site: required: 1-64 letters, digits, '-' or '_' (it is part of every topic)");
            }
            if (edge == null || !edge.matches(NAME)) {
                p.add(at + "edge: required: 1-64 letters, digits, '-' or '_' (it is part of every topic)");
            }
            if (!topicPrefix.matches("[A-Za-z0-9_-]{1,64}(/[A-Za-z0-9_-]{1,64}){0,4}")) {
                p.add(at + "topic_prefix: letters, digits, '-', '_' in up to 5 levels separated by '/',"
                        + " no wildcards (+, #), got '" + topicPrefix + "'");
            }
            if (clientId != null && !clientId.matches("[A-Za-z0-9_-]{1,64}")) {
                p.add(at + "client_id: 1-64 letters, digits, '-' or '_'");
            }
            if (passwordFile != null && username == null) {
                p.add(at + "username: required when password_file is given");
            }
            if (caFile != null && !tls()) {
                p.add(at + "ca_file: only used with an ssl:// broker");
            }
            if (siteUri != null) {
                try {
                    if (URI.create(siteUri).getScheme() == null) {
                        p.add(at + "site_uri: must be an absolute URI (e.g. urn:epc:id:sgln:...), got '" + siteUri + "'");
                    }
                } catch (IllegalArgumentException e) {
                    p.add(at + "site_uri: not a URI: '" + siteUri + "'");
                }
            }
            try {
                ZoneId.of(timeZone);
            } catch (RuntimeException e) {
                p.add(at + "time_zone: unknown time zone '" + timeZone + "'");
            }
            atLeast(p, at + "keep_alive", keepAlive, Duration.ofSeconds(1));
            atLeast(p, at + "reconnect_min", reconnectMin, Duration.ofMillis(100));
            atLeast(p, at + "ack_timeout", ackTimeout, Duration.ofSeconds(1));
            atLeast(p, at + "retention", retention, Duration.ZERO);
            if (sessionExpiry.isNegative() || sessionExpiry.getSeconds() > 0xFFFFFFFFL) {
                p.add(at + "session_expiry: between 0s and about 136 years");
            }
            if (keepAlive.getSeconds() > 65535) {
                p.add(at + "keep_alive: at most 65535s (the MQTT limit)");
            }
            if (reconnectMax.compareTo(reconnectMin) < 0) {
                p.add(at + "reconnect_max: must be at least reconnect_min (" + reconnectMin + ")");
            }
            if (!(maxEventsPerSecond > 0) || maxEventsPerSecond > 100_000) {
                p.add(at + "max_events_per_second: between 0 and 100000, got " + maxEventsPerSecond);
            }
            if (maxInFlight < 1 || maxInFlight > 65_535) {
                p.add(at + "max_in_flight: between 1 and 65535, got " + maxInFlight);
            }
            return p;
        }

        private static void atLeast(List<String> p, String key, Duration d, Duration min) {
            if (d.compareTo(min) < 0) {
                p.add(key + ": must be at least " + min.toMillis() + "ms, got " + d.toMillis() + "ms");
            }
        }
    }
}
