package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlHandlerTest {

    private static final String TOKEN = "0123456789abcdef0123";

    private final FakeLine line = new FakeLine();

    private EmbeddedChannel channel(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t"), TOKEN);
        return new EmbeddedChannel(new ControlHandler(line, BearerToken.load(file)), new NotFoundHandler());
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String auth, String body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (auth != null) {
            r.headers().set(HttpHeaderNames.AUTHORIZATION, auth);
        }
        return r;
    }

    private static String body(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    @Test
    void pauseWithTheTokenPausesTheLine(@TempDir Path dir) throws Exception {
        EmbeddedChannel ch = channel(dir);
        ch.writeInbound(request(HttpMethod.POST, "/api/lines/L1/pause", "Bearer " + TOKEN, ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(body(r)))
                .isEqualTo(new ObjectMapper().readTree("{\"line\":\"L1\",\"state\":\"PAUSED\"}"));
        assertThat(line.calls).containsExactly("pause L1");
    }

    @Test
    void wrongTokenIs401WithAChallengeAndNoCall(@TempDir Path dir) throws Exception {
        EmbeddedChannel ch = channel(dir);
        ch.writeInbound(request(HttpMethod.POST, "/api/lines/L1/pause", "Bearer " + TOKEN + "x", ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(401);
        assertThat(r.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Bearer");
        r.release();
        assertThat(line.calls).isEmpty();
    }

    @Test
    void percentEncodedIdsAreDecoded(@TempDir Path dir) throws Exception {
        EmbeddedChannel ch = channel(dir);
        ch.writeInbound(request(HttpMethod.POST, "/api/lines/L%201/pause", "Bearer " + TOKEN, ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).contains("no line L 1");
    }

    @Test
    void aRefusalCarriesItsCodeAndParametersNextToTheText(@TempDir Path dir) throws Exception {
        EmbeddedChannel ch = channel(dir);
        ch.writeInbound(request(HttpMethod.POST, "/api/jobs/NOPE/close", "Bearer " + TOKEN, ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(404);
        var json = StatusJson.MAPPER.readTree(body(r));
        assertThat(json.get("error").asText()).as("the text other clients read").isEqualTo("no job NOPE");
        assertThat(json.get("code").asText()).isEqualTo("no_job");
        assertThat(json.get("params").get("job").asText()).isEqualTo("NOPE");

        ch.writeInbound(request(HttpMethod.POST, "/api/codes/void", "Bearer " + TOKEN,
                "{\"application\":7,\"from\":9,\"to\":\"x\"}"));
        json = StatusJson.MAPPER.readTree(body(ch.readOutbound()));
        assertThat(json.get("code").asText()).isEqualTo("field_not_count");
        assertThat(json.get("params").get("field").asText()).isEqualTo("to");

        ch.writeInbound(request(HttpMethod.POST, "/api/lines/L1/pause", "Bearer wrong", ""));
        json = StatusJson.MAPPER.readTree(body(ch.readOutbound()));
        assertThat(json.get("code").asText()).isEqualTo("token_required");
        assertThat(json.get("error").asText()).isEqualTo("valid bearer token required");
    }

    @Test
    void otherPathsPassToTheNextHandler(@TempDir Path dir) throws Exception {
        EmbeddedChannel ch = channel(dir);
        ch.writeInbound(request(HttpMethod.POST, "/api/lines/L1/explode", "Bearer " + TOKEN, ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(body(r)).contains("no such endpoint");
        assertThat(line.calls).isEmpty();
    }

    @Test
    void aFailingDaemonCostsOne500AndTheChannelStaysOpen(@TempDir Path dir) throws Exception {
        EmbeddedChannel ch = channel(dir);
        line.failure = new IllegalStateException("boom");
        ch.writeInbound(request(HttpMethod.POST, "/api/activations/retry", "Bearer " + TOKEN, ""));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(500);
        assertThat(body(r)).doesNotContain("boom");
        line.failure = null;
        ch.writeInbound(request(HttpMethod.POST, "/api/activations/retry", "Bearer " + TOKEN, ""));
        FullHttpResponse ok = ch.readOutbound();
        assertThat(body(ok)).isEqualTo("{\"retried\":1}");
        assertThat(ch.isOpen()).isTrue();
    }
}
