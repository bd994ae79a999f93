package io.yima.status;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Serves the dashboard page and its script and style from the jar: the line PC is offline, so nothing may
 * come from a CDN. The files are read once at start.
 */
@Sharable
final class DashboardHandler extends RouteHandler {

    private static final String BASE = "/io/yima/status/dashboard/";

    private final Map<String, FullHttpResponse> assets = Map.of(
            "", asset("index.html", "text/html; charset=utf-8"),
            "dashboard.js", asset("dashboard.js", "text/javascript; charset=utf-8"),
            "i18n.js", asset("i18n.js", "text/javascript; charset=utf-8"),
            "packing.js", asset("packing.js", "text/javascript; charset=utf-8"),
            "dashboard.css", asset("dashboard.css", "text/css; charset=utf-8"));

    @Override
    protected FullHttpResponse route(FullHttpRequest request, List<String> path) {
        String name = path.isEmpty() ? "" : path.size() == 1 ? path.get(0) : null;
        FullHttpResponse asset = name == null ? null : assets.get(name);
        if (asset == null) {
            return null;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return HttpReply.methodNotAllowed("GET");
        }
        return asset.retainedDuplicate();
    }

    private static FullHttpResponse asset(String file, String contentType) {
        try (InputStream in = DashboardHandler.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + file);
            }
            FullHttpResponse response = HttpReply.of(HttpResponseStatus.OK, contentType, in.readAllBytes());
            response.headers().set("Content-Security-Policy",
                    "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
