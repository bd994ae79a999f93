package io.yima.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with "equal jitter": half the step fixed, half random, so retries never synchronise. */
public record Backoff(Duration min, Duration max) {

    /** The wait before retry number {@code attempt} (1 = first retry). */
    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long step = min.toMillis() << Math.min(attempt - 1, 30);
        long base = Math.min(cap, step <= 0 ? cap : step);
        long half = base / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
    }
}
