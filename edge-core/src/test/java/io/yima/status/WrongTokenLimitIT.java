package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aWrongTokenOnTheCodeDownloadCountsLikeOneOnTheControls() {
        for (int i = 0; i < StatusConfig.DEFAULT_MAX_WRONG_TOKENS; i++) {
            assertThat(RawHttp.send(GUESSER, port.server.port(), "GET", "/api/jobs/J-1/codes.csv", "127.0.0.1",
                    "Bearer guess-aaaaaaaaaaaaaaaaaaaa").status()).isEqualTo(401);
        }
        assertThat(post(GUESSER, "/api/lines/L1/pause", RIGHT).status()).isEqualTo(429);
    }
}
