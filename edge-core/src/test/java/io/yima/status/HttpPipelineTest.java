package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The status pipeline's handlers behind the real HTTP codec, fed raw bytes as a browser or an attacker would. */
class HttpPipelineTest {

    private final FakeLine line = new FakeLine();

    private EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1024),
                new DashboardHandler(), new ReadApiHandler(line, new EdgeMetrics(), 10_000),
                new ControlHandler(line, BearerToken.none()), new NotFoundHandler());
    }

    private static String exchange(EmbeddedChannel ch, String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    @Test
    void statusOverRawHttp() {
        String reply = exchange(pipeline(), "GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 200 OK").contains("\"edge_version\":\"0.1.0-test\"");
    }

    @Test
    void garbageGets400AndCostsOnlyThatConnection() {
        EmbeddedChannel ch = pipeline();
        // writeInbound rethrows anything that escaped a handler, so reaching the assertions means nothing did.
        String reply = exchange(ch, "\u0001\u0002 not http at all\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 400").contains("malformed HTTP request");
        assertThat(exchange(pipeline(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void anOversizedBodyIsRefusedWithoutReachingTheControls() {
        String big = "x".repeat(5000);
        String reply = exchange(pipeline(), "POST /api/codes/void HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + big.length() + "\r\n\r\n" + big);
        assertThat(reply).startsWith("HTTP/1.1 413");
        assertThat(line.calls).isEmpty();
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() {
        EmbeddedChannel ch = pipeline();
        assertThat(exchange(ch, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        assertThat(exchange(ch, "GET /api/jobs/J-1 HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        assertThat(ch.isOpen()).isTrue();
        assertThat(exchange(ch, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(ch.isOpen()).isFalse();
    }
}
