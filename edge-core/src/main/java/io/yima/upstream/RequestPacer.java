package io.yima.upstream;

import java.time.Duration;

/** Spaces requests at least {@code 1/rate} apart over all threads, so the edge never bursts at the API. */
final class RequestPacer {
    private final long intervalNanos;
    private final Sleeper sleeper;
    private long nextSlot;

    RequestPacer(double perSecond, Sleeper sleeper) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.sleeper = sleeper;
        this.nextSlot = System.nanoTime();
    }

    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
