package io.yima.drivers.transport;

import java.time.Duration;

/** Capped exponential reconnect delays: min, 2·min, 4·min, … up to max. */
public record Backoff(Duration min, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

    public Duration delay(int attempt) {
        long ms = min.toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
