package io.yima.status;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses requests whose {@code Host} is a name this port was not told to answer to (421), against DNS rebinding:
 * a web page on {@code evil.example} whose name is then pointed at this PC's address would otherwise read the
 * API and try tokens with the browser's help, because to the browser it is still {@code evil.example}. Such a
 * request always carries the attacker's name in {@code Host}, so a request is answered when its host is an IP
 * address (the browser's origin is then this port itself), {@code localhost}, or a name in
 * {@code status.allowed_hosts}. The port after the name does not matter. {@code /health} and {@code /metrics} are
 * answered whatever the name (they show nothing a page could misuse, and scrapers may be configured with any name).
 */
@ChannelHandler.Sharable
final class HostCheck extends ChannelInboundHandlerAdapter {

    private static final Set<String> ALWAYS = Set.of("health", "metrics");

    private final Set<String> names;

    HostCheck(List<String> allowedHosts) {
        this.names = allowedHosts.stream().map(HostCheck::normalise).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && !request.decoderResult().isFailure()) {
            String host = request.headers().get(HttpHeaderNames.HOST);
            List<String> path = RouteHandler.segments(request.uri());
            if (!(path.size() == 1 && ALWAYS.contains(path.get(0))) && !allowed(host)) {
                try {
                    HttpReply.send(ctx, request, HttpReply.text(HttpResponseStatus.MISDIRECTED_REQUEST,
                            "this status port does not answer to the name '" + PeerText.escape(host, 80)
                                    + "': open it by its IP address or as localhost, or add the name to"
                                    + " status.allowed_hosts\n"));
                } finally {
                    request.release();
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** A missing Host is allowed: browsers always send one, so its absence is no rebinding page. */
    boolean allowed(String host) {
        if (host == null || host.isBlank()) {
            return true;
        }
        String h = host.strip();
        if (h.startsWith("[")) { // [::1]:8080: an IPv6 literal (a DNS name never starts with a bracket)
            return h.indexOf(']') > 1;
        }
        int colon = h.lastIndexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        String n = normalise(name);
        return n.equals("localhost") || names.contains(n);
    }

    /** Names compare without case and without a trailing dot ({@code Edge01.} is {@code edge01}). */
    static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** What is wrong with one {@code status.allowed_hosts} entry, or null: a bare host name, no scheme or path. */
    static String problem(String entry) {
        if (entry == null || entry.isBlank()) {
            return "an empty entry (give a host name like edge01 or edge01.factory.local)";
        }
        if (!entry.strip().matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?")) {
            return "'" + entry + "' is not a host name (give only the name, like edge01.factory.local: no http://,"
                    + " no port, no path; IP addresses need no entry)";
        }
        return null;
    }
}
