package io.yima.status;

import io.yima.guard.FailedAttempts;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Wrong-token attempts per source address: after {@code max} wrong tokens within {@link #WINDOW} a source is
 * locked out until the oldest of them is a window old; while locked out even the right token is refused from it
 * (else a guesser would simply keep going), other sources are not affected. The table is bounded
 * ({@link #MAX_SOURCES}, the least recently seen source forgotten first), so a flood of sources cannot grow the
 * heap. The counting is {@link FailedAttempts}, shared with the OPC UA login limit; this adds the HTTP seconds.
 */
final class WrongTokenLimit {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_SOURCES = 4096;

    private final FailedAttempts attempts;

    WrongTokenLimit(int max) {
        this(max, System::nanoTime);
    }

    WrongTokenLimit(int max, LongSupplier nanos) {
        this.attempts = new FailedAttempts(max, WINDOW, MAX_SOURCES, nanos);
    }

    /** Seconds until {@code source} may try again (at least 1), or 0 when it is not locked out. */
    long retryAfterSeconds(InetAddress source) {
        long left = attempts.lockedForNanos(source);
        return left <= 0 ? 0 : Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** One wrong token from {@code source}; true when this one locked the source out. */
    boolean failed(InetAddress source) {
        return attempts.failed(source);
    }

    int sources() {
        return attempts.sources();
    }
}
