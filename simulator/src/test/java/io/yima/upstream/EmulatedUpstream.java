package io.yima.upstream;

import io.yima.vault.ActivationFields;

import io.yima.sim.wechat.WechatEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fixture: an emulator on an ephemeral port and clients configured with short timeouts against it. */
final class EmulatedUpstream implements AutoCloseable {
    static final String KEY = "0123456789abcdef";
    static final String SECRET = "s3cr3t-app-secret";

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

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
            return now;
        }
    }

    /** Records every requested wait and actually waits at most a few milliseconds. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) throws InterruptedException {
            waits.add(d);
            Sleeper.REAL.sleep(d.compareTo(Duration.ofMillis(5)) > 0 ? Duration.ofMillis(5) : d);
        }
    }

    final WechatEmulator emulator;
    final List<String> events = new CopyOnWriteArrayList<>();
    final RecordingSleeper sleeper = new RecordingSleeper();
    UpstreamConfig config;

    EmulatedUpstream(WechatEmulator.Settings settings) throws Exception {
        emulator = new WechatEmulator(settings.withCredentials("wxAPP", SECRET)).start();
        config = UpstreamConfig.defaults().withBaseUrl(emulator.baseUrl()).withAppid("wxAPP")
                .withTiming(Duration.ofMillis(400), 3, Duration.ofMillis(1), Duration.ofMillis(8))
                .withOutbox(100_000, 10_000, 5, Duration.ofMillis(200));
        emulator.faults().timeoutHold(Duration.ofSeconds(3));
    }

    EmulatedUpstream() throws Exception {
        this(WechatEmulator.Settings.forTests(KEY));
    }

    UpstreamEvents eventSink() {
        return (kind, fields) -> events.add(kind + " " + fields);
    }

    AppSecretTokens tokens(Clock clock) {
        return new AppSecretTokens(config, () -> SECRET, MarketcodeClient.httpClient(config), clock, sleeper, eventSink());
    }

    MarketcodeClient client() {
        return client(Clock.systemUTC());
    }

    MarketcodeClient client(Clock clock) {
        return client(tokens(clock), clock);
    }

    MarketcodeClient client(TokenSource tokens, Clock clock) {
        return new MarketcodeClient(config, tokens, MarketcodeClient.httpClient(config), eventSink(), clock, sleeper);
    }

    long finishedApplication(MarketcodeClient client, long count, String isvId) {
        return client.applyCode(count, isvId);
    }

    static TokenSource fixedToken(String token) {
        return new TokenSource() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public void invalidate(String stale) {
            }
        };
    }

    static ActivationFields fields(String activity) {
        return new ActivationFields(activity, "Brand", "Title", "6901234567892", "wxMINI", "pages/index", 0);
    }

    @Override
    public void close() {
        emulator.close();
    }
}
