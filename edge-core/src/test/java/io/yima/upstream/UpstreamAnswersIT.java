package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on 127.0.0.1 that answers what a test tells it to. */
class UpstreamAnswersIT {
    private static final String TOKEN = "ACCESS-TOKEN-0123456789-secret";
    private final AtomicReference<String> answer = new AtomicReference<>();
    private HttpServer server;
    private MarketcodeClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            // A misbehaving upstream: it echoes the request URL, access token included, wherever {url} stands.
            byte[] body = answer.get().replace("{url}", exchange.getRequestURI().toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        UpstreamConfig config = UpstreamConfig.defaults()
                .withBaseUrl("http://127.0.0.1:" + server.getAddress().getPort()).withAppid("wxAPP")
                .withTiming(Duration.ofSeconds(30), 2, Duration.ofMillis(1), Duration.ofMillis(2));
        TokenSource tokens = new TokenSource() {
            @Override
            public String token() {
                return TOKEN;
            }

            @Override
            public void invalidate(String stale) {
            }
        };
        client = new MarketcodeClient(config, tokens, MarketcodeClient.httpClient(config), UpstreamEvents.NONE,
                Clock.systemUTC(), Sleeper.REAL);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aDownloadBufferOfAHundredThousandCodesIsRead() {
        // 100,000 codes of 544 base64 characters each: ~54 MB in one JSON string, above Jackson's default limit.
        String buffer = "QUJD".repeat(100_000 * 136);
        answer.set("{\"errcode\":0,\"buffer\":\"" + buffer + "\"}");
        String got = client.downloadPackage(42, new CodeRange(0, 99_999));
        assertThat(got).hasSize(buffer.length()).startsWith("QUJDQUJD");
    }

    @Test
    void anErrmsgEchoingTheUrlDoesNotCarryTheTokenIntoTheError() {
        answer.set("{\"errcode\":40013,\"errmsg\":\"invalid request {url}\"}");
        assertThatThrownBy(() -> client.queryApplication(42))
                .hasMessageContaining("access_token=***")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ACCESS-TOKEN"));
    }

    @Test
    void aGarbledAnswerQuotingTheUrlDoesNotCarryTheTokenIntoTheError() {
        answer.set("no {url}");
        assertThatThrownBy(() -> client.queryApplication(42))
                .hasMessageContaining("malformed JSON answer")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ACCESS-TOKEN"));
    }
}
