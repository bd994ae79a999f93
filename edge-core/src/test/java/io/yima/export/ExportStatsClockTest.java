package io.yima.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.yima.vault.ExportOutbox;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The oldest waiting event's age is a duration: once the event is seen it grows with the monotonic clock, so a
 * wall clock set back (NTP, a technician) neither freezes nor zeroes it; the backlog alarm follows it.
 */
class ExportStatsClockTest {
    private final AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong mono = new AtomicLong(5_000_000_000L);
    private final ExportStats stats = new ExportStats(new PrometheusRegistry(), "tcp://broker:1883",
            new ExportConfig.BacklogAlarm(1_000L, Duration.ofMinutes(10)), mono::get, wall::get);

    @Test
    void theOldestEventsAgeKeepsGrowingWhenTheWallClockIsSetBack() {
        long committed = wall.get() - 30_000;
        stats.backlog(new ExportOutbox.Backlog(5, 7, committed));
        assertThat(stats.oldestAgeSeconds()).isEqualTo(30.0);

        wall.addAndGet(-TimeUnit.HOURS.toMillis(1)); // the wall clock jumps back an hour
        mono.addAndGet(TimeUnit.SECONDS.toNanos(20));
        stats.backlog(new ExportOutbox.Backlog(5, 7, committed)); // the drain reads the same oldest event again
        assertThat(stats.oldestAgeSeconds()).isEqualTo(50.0);
        assertThat(stats.view().oldestAgeSeconds()).isEqualTo(50.0);

        stats.backlog(new ExportOutbox.Backlog(4, 8, committed + 1_000)); // a newer oldest: wall-clock age, clamped
        assertThat(stats.oldestAgeSeconds()).isZero();
        mono.addAndGet(TimeUnit.SECONDS.toNanos(3));
        assertThat(stats.oldestAgeSeconds()).isEqualTo(3.0);

        stats.backlog(new ExportOutbox.Backlog(0, 0, 0));
        assertThat(stats.oldestAgeSeconds()).isZero();
    }

    @Test
    void theAlarmIsRaisedBySizeOrByAgeWithTheReasonInWords() {
        stats.backlog(new ExportOutbox.Backlog(1_000, 1, wall.get()));
        assertThat(stats.alarm()).isNull();
        assertThat(stats.view().alarm()).isNull();

        stats.backlog(new ExportOutbox.Backlog(1_001, 1, wall.get()));
        assertThat(stats.alarm()).isEqualTo("export backlog: 1001 events wait for the broker (alarm above 1000)");

        stats.backlog(new ExportOutbox.Backlog(3, 1, wall.get()));
        assertThat(stats.alarm()).isNull();
        mono.addAndGet(TimeUnit.MINUTES.toNanos(10) + TimeUnit.SECONDS.toNanos(1));
        wall.addAndGet(-TimeUnit.HOURS.toMillis(2)); // no help from the wall clock: the age is monotonic
        assertThat(stats.view().alarm())
                .isEqualTo("export backlog: the oldest event has waited 601s for the broker (alarm above 600s)");
    }
}
