package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Uptime is a duration, counted on the monotonic clock only (it was wall clock now minus wall clock at start, so
 * a wall clock set back an hour made the status page's uptime negative): the wall clock is not an input at all.
 */
class UptimeTest {
    @Test
    void uptimeCountsMonotonicTimeFromAnyOrigin() {
        AtomicLong monoNanos = new AtomicLong(-42_000_000_000L); // nanoTime has an arbitrary origin, even negative
        Uptime uptime = new Uptime(monoNanos::get);
        assertThat(uptime.seconds()).isZero();
        monoNanos.addAndGet(TimeUnit.SECONDS.toNanos(90));
        assertThat(uptime.seconds()).isEqualTo(90);
        monoNanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(30_999));
        assertThat(uptime.seconds()).isEqualTo(120);
    }
}
