package io.yima.upstream;

import java.time.Duration;

/** How the client waits between attempts; tests substitute one that records instead of sleeping long. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration d) throws InterruptedException;
}
