package io.yima.status;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Building and sending the status port's responses: JSON, text and errors, with keep-alive honoured. */
final class HttpReply {

    static final String JSON = "application/json; charset=utf-8";

    private HttpReply() {
    }

    static FullHttpResponse of(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    static FullHttpResponse json(HttpResponseStatus status, Object body) {
        return of(status, JSON, StatusJson.bytes(body));
    }

    static FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(status, Map.of("error", message));
    }

    /** A refusal: the English text as ever, and its code and parameters for a translation (none when code is null). */
    static FullHttpResponse refusal(HttpResponseStatus status, RefusalCode code, Map<String, String> params,
            String message) {
        if (code == null) {
            return error(status, message);
        }
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> shown.put(k, PeerText.escape(v, 80)));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", message);
        body.put("code", code.key());
        body.put("params", shown);
        return json(status, body);
    }

    static FullHttpResponse methodNotAllowed(String allowed) {
        FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + allowed);
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    static FullHttpResponse text(HttpResponseStatus status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
