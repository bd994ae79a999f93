package io.yima.status;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wrong-token attempts per source address: after {@code max} wrong tokens within {@link #WINDOW} a source is
 * locked out until the oldest of them is a window old; while locked out even the right token is refused from it
 * (else a guesser would simply keep going), other sources are not affected. The table is bounded
 * ({@link #MAX_SOURCES}, the least recently seen source forgotten first), so a flood of sources cannot grow the
 * heap. Thread-safe.
 */
final class WrongTokenLimit {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_SOURCES = 4096;

    private final int max;
    private final LongSupplier nanos;
    private final Map<InetAddress, ArrayDeque<Long>> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, ArrayDeque<Long>> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    WrongTokenLimit(int max) {
        this(max, System::nanoTime);
    }

    WrongTokenLimit(int max, LongSupplier nanos) {
        this.max = max;
        this.nanos = nanos;
    }

    /** Seconds until {@code source} may try again (at least 1), or 0 when it is not locked out. */
    synchronized long retryAfterSeconds(InetAddress source) {
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
        if (times.size() < max) {
            return 0;
        }
        long left = times.peekFirst() + WINDOW.toNanos() - now;
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** One wrong token from {@code source}; true when this one locked the source out. */
    synchronized boolean failed(InetAddress source) {
        long now = nanos.getAsLong();
        ArrayDeque<Long> times = failures.computeIfAbsent(source, s -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        while (times.size() > max) { // only the last max attempts matter
            times.removeFirst();
        }
        return times.size() == max;
    }

    private static void expire(ArrayDeque<Long> times, long now) {
        for (Iterator<Long> it = times.iterator(); it.hasNext(); ) {
            if (now - it.next() >= WINDOW.toNanos()) {
                it.remove();
            } else {
                break;
            }
        }
    }

    synchronized int sources() {
        return failures.size();
    }
}
