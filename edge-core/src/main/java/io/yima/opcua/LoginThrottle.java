package io.yima.opcua;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-source limit on failed OPC UA logins: a client address with {@code maxFailures} refused logins within
 * {@code lockout} gets no new session until the oldest of them is {@code lockout} old. Guessing passwords from
 * one machine is slowed to {@code maxFailures} a {@code lockout}; the MES on its own address is not affected.
 * At most {@link #MAX_SOURCES} addresses are remembered (the longest quiet ones are forgotten first). Thread-safe.
 */
final class LoginThrottle {
    static final int MAX_SOURCES = 1024;

    private final int maxFailures;
    private final long lockoutNanos;
    private final Map<InetAddress, ArrayDeque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(int maxFailures, Duration lockout) {
        this.maxFailures = maxFailures;
        this.lockoutNanos = lockout.toNanos();
    }

    /** A login from {@code source} was refused. */
    synchronized void failed(InetAddress source) {
        ArrayDeque<Long> times = failures.computeIfAbsent(source, k -> new ArrayDeque<>());
        prune(times, System.nanoTime());
        times.addLast(System.nanoTime());
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
        if (failures.size() > MAX_SOURCES) {
            Iterator<InetAddress> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** True while {@code source} has {@code maxFailures} refused logins within the lockout. */
    synchronized boolean lockedOut(InetAddress source) {
        ArrayDeque<Long> times = failures.get(source);
        if (times == null) {
            return false;
        }
        prune(times, System.nanoTime());
        if (times.isEmpty()) {
            failures.remove(source);
            return false;
        }
        return times.size() >= maxFailures;
    }

    private void prune(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= lockoutNanos) {
            times.removeFirst();
        }
    }
}
