package io.yima.sim.bench.scale;

import java.util.concurrent.TimeUnit;

/**
 * The open-loop timetable of a line's triggers: trigger {@code i} is due at {@code start + i / rate}, whatever
 * the edge answered before. Latencies are taken from the due time, not from the moment the sender got round to
 * it, so a sender held up by a slow edge does not hide that slowness (coordinated omission).
 */
final class TriggerSchedule {
    private final long startNanos;
    private final double intervalNanos;

    TriggerSchedule(long startNanos, double triggersPerSecond) {
        if (triggersPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0, is " + triggersPerSecond);
        }
        this.startNanos = startNanos;
        this.intervalNanos = 1e9 / triggersPerSecond;
    }

    /** When trigger {@code i} (0-based) is due. Computed from the start each time, so rounding never drifts. */
    long dueNanos(int i) {
        return startNanos + Math.round(i * intervalNanos);
    }

    /** Sleeps until trigger {@code i} is due; returns at once when it is already late. */
    void awaitDue(int i) throws InterruptedException {
        long wait = dueNanos(i) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
