package io.yima.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Counts pings; {@code pings} opens after the given number. */
    private static final class CountingNotifier implements ServiceNotifier {
        final CountDownLatch pings;
        final CountDownLatch statuses = new CountDownLatch(1);
        final AtomicInteger pingCount = new AtomicInteger();
        volatile String lastStatus;

        CountingNotifier(int expected) {
            pings = new CountDownLatch(expected);
        }

        @Override
        public void ready(String status) {
        }

        @Override
        public void watchdog() {
            pingCount.incrementAndGet();
            pings.countDown();
        }

        @Override
        public void stopping() {
        }

        @Override
        public void status(String text) {
            lastStatus = text;
            statuses.countDown();
        }
    }

    @Test
    void pingsWhileTheVaultIsWritableAndStopsWhenItIsNot(@TempDir Path dir) throws Exception {
        CountingNotifier notifier = new CountingNotifier(3);
        AtomicBoolean disk = new AtomicBoolean(true);
        DirectoryWriteProbe probe = new DirectoryWriteProbe(dir);
        try (Watchdog w = Watchdog.start(loop.next(), Duration.ofMillis(20),
                () -> disk.get() && probe.getAsBoolean(), notifier)) {
            assertThat(notifier.pings.await(5, TimeUnit.SECONDS)).isTrue();
            disk.set(false);
            assertThat(notifier.statuses.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(notifier.lastStatus).isEqualTo("vault not writable");
        }
    }

    @Test
    void theHealthCheckRunsOnTheEventLoopSoAStuckLoopCannotPing() throws Exception {
        CountingNotifier notifier = new CountingNotifier(3);
        var eventLoop = loop.next();
        AtomicInteger offLoop = new AtomicInteger();
        try (Watchdog w = Watchdog.start(eventLoop, Duration.ofMillis(10), () -> {
            if (!eventLoop.inEventLoop()) {
                offLoop.incrementAndGet();
            }
            return true;
        }, notifier)) {
            assertThat(notifier.pings.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(offLoop).hasValue(0);
    }

    @Test
    void intervalIsHalfOfWatchdogUsecAndOnlyForThisProcess() {
        assertThat(Watchdog.interval(Map.of("WATCHDOG_USEC", "30000000"), 42)).hasValue(Duration.ofSeconds(15));
        assertThat(Watchdog.interval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42))
                .hasValue(Duration.ofSeconds(15));
        assertThat(Watchdog.interval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42)).isEmpty();
        assertThat(Watchdog.interval(Map.of(), 42)).isEmpty();
        assertThat(Watchdog.interval(Map.of("WATCHDOG_USEC", "soon"), 42)).isEqualTo(Optional.empty());
    }

    @Test
    void theProbeFailsWhereNothingCanBeWritten(@TempDir Path dir) {
        assertThat(new DirectoryWriteProbe(dir).getAsBoolean()).isTrue();
        assertThat(dir.resolve(".yima-write-probe")).doesNotExist();
        assertThat(new DirectoryWriteProbe(dir.resolve("no/such/dir")).getAsBoolean()).isFalse();
    }
}
