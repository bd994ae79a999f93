package io.yima.guard;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed attempts (wrong tokens, refused logins) per source address: after {@code max} failures within
 * {@code window} a source is locked out until the oldest of them is a window old; other sources are not affected.
 * Only the last {@code max} failures of a source are kept, and at most {@code maxSources} sources (the least
 * recently seen forgotten first), so a flood of guesses or of sources cannot grow the heap. Monotonic clock, so
 * setting the wall clock neither frees nor extends a lockout. Thread-safe.
 */
public final class FailedAttempts {
    private final int max;
    private final long windowNanos;
    private final LongSupplier nanos;
    private final Map<InetAddress, ArrayDeque<Long>> failures;

    public FailedAttempts(int max, Duration window, int maxSources, LongSupplier nanos) {
        this.max = max;
        this.windowNanos = window.toNanos();
        this.nanos = nanos;
        this.failures = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, ArrayDeque<Long>> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** One failure from {@code source}; true when this one locked the source out. */
    public synchronized boolean failed(InetAddress source) {
        long now = nanos.getAsLong();
        ArrayDeque<Long> times = failures.computeIfAbsent(source, s -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        while (times.size() > max) { // only the last max failures matter
            times.removeFirst();
        }
        return times.size() == max;
    }

    /** Nanoseconds until {@code source} may try again, or 0 when it is not locked out. */
    public synchronized long lockedForNanos(InetAddress source) {
        ArrayDeque<Long> times = failures.get(source);
        if (times == null) {
            return 0;
        }
        long now = nanos.getAsLong();
        expire(times, now);
        if (times.isEmpty()) {
            failures.remove(source);
            return 0;
        }
        return times.size() < max ? 0 : times.peekFirst() + windowNanos - now;
    }

    public boolean lockedOut(InetAddress source) {
        return lockedForNanos(source) > 0;
    }

    /** Sources remembered now. */
    public synchronized int sources() {
        return failures.size();
    }

    private void expire(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.removeFirst();
        }
    }
}
