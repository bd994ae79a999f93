package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WrongTokenLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final WrongTokenLimit limit = new WrongTokenLimit(3, now::get);
    private final InetAddress a = RawHttp.address("10.0.0.5");

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void theLockOutEndsAMinuteAfterTheOldestOfTheWrongTokens() {
        assertThat(limit.failed(a)).isFalse();
        later(Duration.ofSeconds(20));
        assertThat(limit.failed(a)).isFalse();
        assertThat(limit.retryAfterSeconds(a)).isZero();
        assertThat(limit.failed(a)).as("the third locks out").isTrue();
        assertThat(limit.retryAfterSeconds(a)).isEqualTo(40);
        later(Duration.ofSeconds(40));
        assertThat(limit.retryAfterSeconds(a)).as("the first is a minute old").isZero();
        assertThat(limit.failed(a)).as("two within the minute again: locked out").isTrue();
    }

    @Test
    void wrongTokensOlderThanAMinuteAreForgotten() {
        limit.failed(a);
        limit.failed(a);
        later(Duration.ofSeconds(61));
        assertThat(limit.failed(a)).isFalse();
        assertThat(limit.retryAfterSeconds(a)).isZero();
    }

    @Test
    void theTableOfSourcesIsBounded() throws Exception {
        for (int i = 0; i < WrongTokenLimit.MAX_SOURCES + 500; i++) {
            limit.failed(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}));
        }
        assertThat(limit.sources()).isEqualTo(WrongTokenLimit.MAX_SOURCES);
    }
}
