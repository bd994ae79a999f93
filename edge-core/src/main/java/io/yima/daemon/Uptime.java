package io.yima.daemon;

import java.util.function.LongSupplier;

/**
 * How long the daemon has run: a duration, so measured on the monotonic clock ({@code System.nanoTime()}); the
 * wall clock set back (NTP, a technician) made it negative. The wall clock is for times shown to people.
 */
final class Uptime {
    private final LongSupplier nanos;
    private final long startedNanos;

    Uptime(LongSupplier nanos) {
        this.nanos = nanos;
        this.startedNanos = nanos.getAsLong();
    }

    static Uptime sinceNow() {
        return new Uptime(System::nanoTime);
    }

    long seconds() {
        return Math.max(0, (nanos.getAsLong() - startedNanos) / 1_000_000_000L);
    }
}
