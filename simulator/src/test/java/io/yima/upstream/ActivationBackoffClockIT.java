package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.wechat.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activation backoff is a duration on the monotonic clock: a range put back after a transient failure goes
 * out when its wait is over, whatever the wall clock did meanwhile (set back an hour, it held the retry back that
 * hour; set forward, it cut the wait short). The machine's two clocks are injected and moved by the test.
 */
class ActivationBackoffClockIT {
    private static final Duration BACKOFF = Duration.ofMinutes(10);
    @TempDir
    java.nio.file.Path dir;

    /** A wall clock the test sets. */
    private static final class WallClock extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-06T08:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void aRetryWaitsItsBackoffOnTheMonotonicClockWhateverTheWallClockDoes() throws Exception {
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 5, Duration.ofSeconds(2))) {
            // one attempt per call in the client; the outbox's own backoff between rounds is 10 minutes exactly
            line.up.config = line.up.config.withTiming(Duration.ofSeconds(2), 1, BACKOFF, BACKOFF);
            WallClock wall = new WallClock();
            AtomicLong mono = new AtomicLong(123_000_000_000L);
            ActivationOutbox outbox = new ActivationOutbox(line.vault, line.up.client(), line.up.config, wall,
                    mono::get, ActivationOutbox.Listener.NONE);
            line.openJob("A", ActivationOutboxProperties.SPRING);
            ActivationOutboxIT.bindRun(line, "A", 5);
            line.closeJobs();
            line.emulator.faults().next(Fault.BUSY, 1);
            outbox.flushNow();
            assertThat(line.emulator.calls("codeactive")).as("the first attempt, refused").hasSize(1);
            assertThat(outbox.backlog().queuedRanges()).isEqualTo(1);

            // the wall clock jumps forward two hours; only a minute of the backoff has passed
            wall.millis.addAndGet(TimeUnit.HOURS.toMillis(2));
            mono.addAndGet(TimeUnit.MINUTES.toNanos(1));
            outbox.flushNow();
            assertThat(line.emulator.calls("codeactive")).as("still waiting out the backoff").hasSize(1);

            // then back three hours (an hour before the failure); the backoff is over on the monotonic clock
            wall.millis.addAndGet(-TimeUnit.HOURS.toMillis(3));
            mono.addAndGet(BACKOFF.toNanos());
            outbox.flushNow();
            assertThat(line.emulator.calls("codeactive")).as("retried once the backoff is over").hasSize(2);
            assertThat(outbox.backlog().activatedRanges()).isEqualTo(1);
        }
    }
}
