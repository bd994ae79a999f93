package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Wrong tokens are limited per source address on a real status port: 127.0.0.2, .3 and .4 are three sources on
 * this machine's loopback.
 */
class WrongTokenLimitIT {

    private static final InetAddress GUESSER = RawHttp.address("127.0.0.2");
    private static final InetAddress TECHNICIAN = RawHttp.address("127.0.0.3");
    private static final String RIGHT = "Bearer " + StatusPort.TOKEN;

    @TempDir
    Path dir;
    private StatusPort port;

    @BeforeEach
    void open() {
        port = StatusPort.with(dir, StatusPort.TOKEN + "\n", UnaryOperator.identity());
    }

    @AfterEach
    void close() {
        port.close();
    }

    private RawHttp post(InetAddress from, String path, String authorization) {
        return RawHttp.send(from, port.server.port(), "POST", path, "127.0.0.1", authorization);
    }

    @Test
    void afterFiveWrongTokensASourceIsAnswered429EvenWithTheRightOneAndOthersAreNot() {
        for (int i = 0; i < StatusConfig.DEFAULT_MAX_WRONG_TOKENS; i++) {
            assertThat(post(GUESSER, "/api/lines/L1/pause", "Bearer guess-" + i + "-aaaaaaaaaaaaaaaa").status())
                    .as("guess %d", i).isEqualTo(401);
        }

        RawHttp limited = post(GUESSER, "/api/lines/L1/pause", RIGHT);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.body()).contains("too many wrong tokens from this address");
        assertThat(RawHttp.send(GUESSER, port.server.port(), "GET", "/api/session", "127.0.0.1", RIGHT).status())
                .as("the login check is limited too").isEqualTo(429);
        assertThat(port.line.calls).isEmpty();

        RawHttp other = post(TECHNICIAN, "/api/lines/L1/pause", RIGHT);
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(port.line.calls).containsExactly("pause L1");

        String metrics = port.get("/metrics").body();
        assertThat(metrics).contains("yima_requests_refused_total{port=\"status\",reason=\"429\"} 2.0");
        assertThat(metrics).contains("yima_requests_refused_total{port=\"status\",reason=\"401\"} 5.0");
    }

    @Test
    void requestsWithoutATokenAreNotGuessesAndFourWrongOnesStillLeaveTheRightOne() {
        InetAddress source = RawHttp.address("127.0.0.4");
        for (int i = 0; i < 20; i++) {
            assertThat(post(source, "/api/lines/L1/pause", null).status()).isEqualTo(401);
        }
        for (int i = 0; i < StatusConfig.DEFAULT_MAX_WRONG_TOKENS - 1; i++) {
            assertThat(post(source, "/api/lines/L1/pause", "Bearer typo-aaaaaaaaaaaaaaaaaaaa").status()).isEqualTo(401);
        }
        assertThat(post(source, "/api/lines/L1/pause", RIGHT).status()).isEqualTo(200);
    }

    @Test
    void aGuessingFloodCostsTheLogAFewLinesNamingTheLockOutAndNeverAToken() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            for (int i = 0; i < 40; i++) {
                post(GUESSER, "/api/lines/L1/pause", "Bearer guess-" + i + "-" + StatusPort.TOKEN.substring(4));
            }
        } finally {
            root.detachAppender(lines);
        }
        List<String> warnings = lines.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).as("40 refusals: the first of each kind at once, the rest summed up later").hasSizeLessThan(4);
        assertThat(warnings).anyMatch(w -> w.contains("refused token from 127.0.0.2:") && w.contains("locked_out"));
        assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("guess-")
                .doesNotContain(StatusPort.TOKEN.substring(4)));
        assertThat(port.get("/metrics").body())
                .contains("yima_requests_refused_total{port=\"status\",reason=\"429\"} 35.0");
    }

    @Test
    void aWrongTokenOnTheCodeDownloadCountsLikeOneOnTheControls() {
        for (int i = 0; i < StatusConfig.DEFAULT_MAX_WRONG_TOKENS; i++) {
            assertThat(RawHttp.send(GUESSER, port.server.port(), "GET", "/api/jobs/J-1/codes.csv", "127.0.0.1",
                    "Bearer guess-aaaaaaaaaaaaaaaaaaaa").status()).isEqualTo(401);
        }
        assertThat(post(GUESSER, "/api/lines/L1/pause", RIGHT).status()).isEqualTo(429);
    }
}
