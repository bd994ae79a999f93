package io.yima.upstream;

import io.yima.vault.ActivationFields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.sim.wechat.CallRecord;
import io.yima.sim.wechat.Fault;
import io.yima.sim.wechat.WechatEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge's marketcode client against the WeChat emulator over real HTTP on 127.0.0.1. */
class MarketcodeClientIT {
    EmulatedUpstream up;

    @BeforeEach
    void start() throws Exception {
        up = new EmulatedUpstream();
    }

    @AfterEach
    void stop() {
        up.close();
    }

    long codeactiveCalls() {
        return up.emulator.calls("codeactive").size();
    }

    @Test
    void manyConcurrentCallersShareOneTokenFetch() throws Exception {
        long app = up.client().applyCode(10_000, "isv-concurrent");
        assertThat(up.emulator.tokensIssued()).isEqualTo(1);
        MarketcodeClient cold = up.client();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApplicationStatus>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return cold.queryApplication(app);
            }));
        }
        go.countDown();
        for (Future<ApplicationStatus> r : results) {
            assertThat(r.get(10, TimeUnit.SECONDS).finished()).isTrue();
        }
        pool.shutdown();
        assertThat(up.emulator.tokensIssued()).as("one more fetch, shared by the 32 callers of a cold client").isEqualTo(2);
    }

    @Test
    void cachedTokenIsRefreshedShortlyBeforeItExpires() {
        EmulatedUpstream.MovableClock clock = new EmulatedUpstream.MovableClock(Instant.now());
        MarketcodeClient client = up.client(clock);
        long app = client.applyCode(10_000, "isv-expiry");
        client.queryApplication(app);
        assertThat(up.emulator.tokensIssued()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(7200 - 301));
        client.queryApplication(app);
        assertThat(up.emulator.tokensIssued()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        client.queryApplication(app);
        assertThat(up.emulator.tokensIssued()).as("refreshed within the last five minutes").isEqualTo(2);
    }

    @Test
    void tokenErrorsRefreshOnceForAllCallersAndTheCallSucceeds() throws Exception {
        MarketcodeClient client = up.client();
        long app = client.applyCode(10_000, "isv-42001");
        up.emulator.faults().next(Fault.TOKEN_EXPIRED, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ApplicationStatus>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> client.queryApplication(app)));
        }
        for (Future<ApplicationStatus> r : results) {
            assertThat(r.get(10, TimeUnit.SECONDS).applicationId()).isEqualTo(app);
        }
        pool.shutdown();
        assertThat(up.emulator.tokensIssued()).isBetween(2, 9);
        assertThat(up.emulator.calls("applycodequery").stream().filter(CallRecord::succeeded)).hasSize(8);
    }

    @Test
    void aRetiredTokenIsReplacedAfterTheServerRejectsIt() {
        MarketcodeClient client = up.client();
        long app = client.applyCode(10_000, "isv-40001");
        up.emulator.tokenTiming(Duration.ofHours(2), Duration.ZERO);
        // Someone else (another tool with the same appid) fetches a token: ours is retired at once.
        up.tokens(java.time.Clock.systemUTC()).token();
        assertThat(client.queryApplication(app).applicationId()).isEqualTo(app);
        assertThat(up.emulator.tokensIssued()).isEqualTo(3);
        assertThat(up.emulator.calls("applycodequery").get(0).errcode()).isEqualTo(40001);
    }

    @Test
    void everyEndpointAnswersThroughTheClient() {
        MarketcodeClient client = up.client();
        long app = client.applyCode(20_000, "isv-all");
        assertThat(client.applyCode(20_000, "isv-all")).as("isv id is an idempotency key").isEqualTo(app);
        ApplicationStatus status = client.queryApplicationByIsvId("isv-all");
        assertThat(status.finished()).isTrue();
        assertThat(status.codeGenerateList()).containsExactly(new CodeRange(0, 9_999), new CodeRange(10_000, 19_999));
        assertThat(status.codeCount()).isEqualTo(20_000);

        String buffer = client.downloadPackage(app, new CodeRange(0, 9));
        assertThat(buffer).matches("[A-Za-z0-9+/=]+");
        client.activate(app, new CodeRange(0, 5), EmulatedUpstream.fields("launch"));
        assertThat(up.emulator.activations()).singleElement().satisfies(a -> {
            assertThat(a.codeStart()).isZero();
            assertThat(a.codeEnd()).isEqualTo(5);
            assertThat(a.fields()).containsEntry("activity_name", "launch").containsEntry("wxa_type", 0);
        });

        CodeInfo byIndex = client.activationOfIndex(app, 3);
        assertThat(byIndex.activated()).isTrue();
        assertThat(byIndex.fields()).isEqualTo(EmulatedUpstream.fields("launch"));
        CodeInfo byCode = client.activationOfCode(byIndex.code());
        assertThat(byCode.codeIndex()).isEqualTo(3);
        assertThat(client.activationOfUrl(byIndex.codeUrl()).codeStart()).isZero();
        assertThat(client.activationOfIndex(app, 8).activated()).isFalse();

        up.emulator.scan("o-1", "tkt", app, 4);
        assertThat(client.ticketToCode("o-1", "tkt").codeEnd()).isEqualTo(5);
    }

    @Test
    void documentedAlarmErrorsAreNeverRetried() {
        MarketcodeClient client = up.client();
        long app = client.applyCode(10_000, "isv-alarm");
        assertThatThrownBy(() -> client.activate(app + 99, new CodeRange(0, 1), EmulatedUpstream.fields("x")))
                .isInstanceOfSatisfying(UpstreamException.Alarm.class, e -> assertThat(e.errcode()).isEqualTo(80301))
                .hasMessageContaining("does not belong to this account");
        assertThatThrownBy(() -> client.activate(app, new CodeRange(9_000, 10_000), EmulatedUpstream.fields("x")))
                .isInstanceOfSatisfying(UpstreamException.Alarm.class, e -> assertThat(e.errcode()).isEqualTo(47001));
        up.emulator.faults().next(Fault.NOT_AUTHORISED, 1).next(Fault.THIRD_PARTY_NOT_AUTHORISED, 1);
        assertThatThrownBy(() -> client.queryApplication(app))
                .isInstanceOfSatisfying(UpstreamException.Alarm.class, e -> assertThat(e.errcode()).isEqualTo(48001))
                .hasMessageContaining("not authorised");
        assertThatThrownBy(() -> client.queryApplication(app))
                .isInstanceOfSatisfying(UpstreamException.Alarm.class, e -> assertThat(e.errcode()).isEqualTo(61007));
        assertThat(codeactiveCalls()).as("one call each, no retries").isEqualTo(2);
        assertThat(up.emulator.calls("applycodequery")).hasSize(2);
        assertThatThrownBy(() -> client.activate(app, new CodeRange(0, 1),
                new ActivationFields("a", null, "t", "6901234567892", "wx", "p", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("product_brand")
                .hasMessageContaining("wxa_type");
    }

    @Test
    void transientErrorsAreRetriedWithBackoff() {
        MarketcodeClient client = up.client();
        long app = client.applyCode(10_000, "isv-transient");
        up.emulator.faults().next(Fault.BUSY, 1).next(Fault.HTTP_500, 1);
        client.activate(app, new CodeRange(0, 9), EmulatedUpstream.fields("a"));
        assertThat(codeactiveCalls()).isEqualTo(3);
        up.emulator.faults().next(Fault.TIMEOUT, 1).next(Fault.SLOW, 1);
        client.activate(app, new CodeRange(10, 19), EmulatedUpstream.fields("a"));
        assertThat(up.emulator.activations()).hasSize(2);
        assertThat(up.sleeper.waits).as("backoff between attempts, within the configured bounds")
                .isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(8)));
    }

    @Test
    void persistentFailuresGiveAClearErrorAfterMaxAttempts() {
        MarketcodeClient client = up.client();
        long app = client.applyCode(10_000, "isv-persistent");
        up.emulator.faults().probability(Fault.HTTP_500, 1);
        assertThatThrownBy(() -> client.queryApplication(app)).isInstanceOf(UpstreamException.Unavailable.class)
                .hasMessage("applycodequery: gave up after 3 attempts: HTTP 500");
        up.emulator.faults().clear().probability(Fault.HTML_PAGE, 1);
        assertThatThrownBy(() -> client.queryApplication(app)).isInstanceOf(UpstreamException.Unavailable.class)
                .hasMessageContaining("HTTP 502 with an HTML page titled '502 Bad Gateway'");
        up.emulator.faults().clear().probability(Fault.MALFORMED_JSON, 1);
        assertThatThrownBy(() -> client.queryApplication(app)).isInstanceOf(UpstreamException.Unavailable.class)
                .hasMessageContaining("malformed JSON answer: '{\"errcode\":0,\"errmsg\":\"ok\",\"application_id\":'");
        up.emulator.faults().clear().probability(Fault.TIMEOUT, 1);
        assertThatThrownBy(() -> client.queryApplication(app)).isInstanceOf(UpstreamException.Unavailable.class)
                .hasMessageContaining("request timeout");
        up.emulator.faults().clear();
        assertThat(client.queryApplication(app).finished()).isTrue();
    }

    @Test
    void aWrongBaseUrlPathIsReportedNotRetried() {
        up.config = up.config.withBaseUrl(up.emulator.baseUrl() + "/wrong");
        MarketcodeClient client = up.client(EmulatedUpstream.fixedToken("t"), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> client.queryApplication(1)).isInstanceOf(UpstreamException.Alarm.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("check upstream.base_url");
    }

    @Test
    void quotaErrorsWaitForTheResetAndShowTheWait() {
        EmulatedUpstream.MovableClock clock = new EmulatedUpstream.MovableClock(Instant.parse("2026-11-26T14:30:20Z"));
        MarketcodeClient client = up.client(clock);
        long app = client.applyCode(10_000, "isv-quota");
        up.emulator.faults().next(Fault.QUOTA_MINUTE, 1);
        assertThat(client.queryApplication(app).finished()).isTrue();
        assertThat(up.sleeper.waits).contains(Duration.ofSeconds(40));
        assertThat(client.quotaWaitUntil()).contains(Instant.parse("2026-11-26T14:31:00Z"));
        clock.advance(Duration.ofSeconds(41));
        assertThat(client.quotaWaitUntil()).isEmpty();

        up.emulator.faults().next(Fault.QUOTA_DAY, 1);
        Instant beijingMidnight = Instant.parse("2026-11-26T16:00:00Z");
        assertThatThrownBy(() -> client.queryApplication(app)).isInstanceOfSatisfying(UpstreamException.Quota.class,
                e -> assertThat(e.until()).isEqualTo(beijingMidnight));
        assertThat(client.quotaWaitUntil()).contains(beijingMidnight);
        int callsBefore = up.emulator.calls("applycodequery").size();
        assertThatThrownBy(() -> client.queryApplication(app)).isInstanceOf(UpstreamException.Quota.class);
        assertThat(up.emulator.calls("applycodequery")).as("no call while the daily quota is out").hasSize(callsBefore);
        assertThat(beijingMidnight.atZone(ZoneId.of("Asia/Shanghai")).toLocalTime().truncatedTo(ChronoUnit.MINUTES))
                .hasToString("00:00");
    }

    @Test
    void eventsRecordEveryCallWithoutSecrets() {
        MarketcodeClient client = up.client();
        long app = client.applyCode(10_000, "isv-events");
        up.emulator.faults().next(Fault.BUSY, 1);
        client.queryApplication(app);
        assertThat(up.events).anySatisfy(e -> assertThat(e).contains("endpoint=token").contains("outcome=ok"));
        assertThat(up.events).anySatisfy(e -> assertThat(e).contains("endpoint=applycode").contains("isv-events"));
        assertThat(up.events).anySatisfy(e -> assertThat(e).contains("endpoint=applycodequery").contains("errcode=-1"));
        assertThat(up.events).hasSize(4);
        assertThat(up.events).noneSatisfy(e -> assertThat(e).containsAnyOf("EMU_", EmulatedUpstream.SECRET, "access_token"));
    }

    @Test
    void badCredentialsRaiseAnAlarmWithoutTheSecret() {
        MarketcodeClient client = up.client(new AppSecretTokens(up.config, () -> "wrong-secret",
                MarketcodeClient.httpClient(up.config), java.time.Clock.systemUTC(), up.sleeper, up.eventSink()),
                java.time.Clock.systemUTC());
        assertThatThrownBy(() -> client.queryApplication(1)).isInstanceOf(UpstreamException.Alarm.class)
                .hasMessageContaining("40125").hasMessageNotContaining("wrong-secret");
    }

    @Test
    void thirdPartyTokensComeFromAFileOrACommand(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("authorizer-token");
        Files.writeString(tokenFile, up.tokens(java.time.Clock.systemUTC()).token() + "\n");
        MarketcodeClient fromFile = up.client(ExternalTokens.fromFile(tokenFile), java.time.Clock.systemUTC());
        long app = fromFile.applyCode(10_000, "isv-3p");
        assertThat(fromFile.queryApplication(app).finished()).isTrue();

        MarketcodeClient fromCommand = up.client(ExternalTokens.fromCommand("cat '" + tokenFile + "'"),
                java.time.Clock.systemUTC());
        assertThat(fromCommand.queryApplication(app).applicationId()).isEqualTo(app);
        assertThat(up.emulator.tokensIssued()).isEqualTo(1);

        Files.writeString(tokenFile, "");
        Files.setLastModifiedTime(tokenFile, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThatThrownBy(() -> fromFile.queryApplication(app)).isInstanceOf(UpstreamException.Alarm.class)
                .hasMessageContaining("empty token");
    }
}
