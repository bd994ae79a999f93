package io.yima.sim.wechat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues access tokens the way {@code /cgi-bin/token} does: each has a lifetime, and a newer token retires the
 * previous one after a grace period, which is why exactly one component of a client may refresh.
 */
final class TokenIssuer {
    /** errcode for a token that is valid, or the documented error otherwise. */
    static final int OK = 0;

    private record Issued(Instant expires, Instant retiredAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> tokens = new LinkedHashMap<>();
    private final AtomicInteger issuedCount = new AtomicInteger();
    private volatile Duration lifetime;
    private volatile Duration grace;
    private String latest;

    TokenIssuer(Clock clock, Duration lifetime, Duration grace) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.grace = grace;
    }

    synchronized String issue() {
        Instant now = clock.instant();
        if (latest != null) {
            Issued previous = tokens.get(latest);
            tokens.put(latest, new Issued(previous.expires(), now.plus(grace)));
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        latest = "EMU_" + HexFormat.of().formatHex(raw);
        tokens.put(latest, new Issued(now.plus(lifetime), null));
        tokens.values().removeIf(t -> t.expires().isBefore(now.minus(Duration.ofHours(1))));
        issuedCount.incrementAndGet();
        return latest;
    }

    /** 0 when the token may be used; 41001 missing, 40001 unknown or retired, 42001 expired. */
    synchronized int check(String token) {
        if (token == null || token.isEmpty()) {
            return 41001;
        }
        Issued issued = tokens.get(token);
        if (issued == null) {
            return 40001;
        }
        Instant now = clock.instant();
        if (issued.retiredAt() != null && now.isAfter(issued.retiredAt())) {
            return 40001;
        }
        return now.isAfter(issued.expires()) ? 42001 : OK;
    }

    long lifetimeSeconds() {
        return Math.max(1, lifetime.toSeconds());
    }

    int issuedCount() {
        return issuedCount.get();
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    void grace(Duration grace) {
        this.grace = grace;
    }
}
