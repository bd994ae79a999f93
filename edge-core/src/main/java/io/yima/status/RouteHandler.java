package io.yima.status;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler for a group of paths: it answers the requests it {@link #route routes} and passes every other
 * request down the pipeline. A failure inside a route costs one 500 with a generic message (the exception
 * may carry internals) and one log line, never the connection.
 */
abstract class RouteHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);

    /** The response for this request, or null when the path is not this handler's. */
    protected abstract FullHttpResponse route(FullHttpRequest request, List<String> path);

    /**
     * A response built elsewhere (see {@link BlockingWork}), or null to use {@link #route}: for requests that may
     * block, so this thread never waits on the vault or the disk.
     */
    protected CompletionStage<FullHttpResponse> routeLater(FullHttpRequest request, List<String> path) {
        return null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpResponse response;
        try {
            if (request.decoderResult().isFailure()) {
                response = HttpReply.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            } else {
                CompletionStage<FullHttpResponse> later = routeLater(request, segments(request.uri()));
                if (later != null) {
                    later.whenComplete((r, e) -> {
                        try {
                            HttpReply.send(ctx, request, e == null ? r : failed(request, e));
                        } finally {
                            request.release();
                        }
                    });
                    return;
                }
                response = route(request, segments(request.uri()));
            }
        } catch (RuntimeException e) {
            response = failed(request, e);
        }
        if (response == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            HttpReply.send(ctx, request, response);
        } finally {
            request.release();
        }
    }

    private static FullHttpResponse failed(FullHttpRequest request, Throwable e) {
        LOG.warn("status port: {} {} failed", request.method(), new QueryStringDecoder(request.uri()).path(), e);
        return HttpReply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error, see the edge log");
    }

    /** Decoded, non-empty path segments: {@code /api/jobs/J%201} → [api, jobs, "J 1"]. */
    static List<String> segments(String uri) {
        String path = new QueryStringDecoder(uri).rawPath();
        return Arrays.stream(path.split("/"))
                .filter(s -> !s.isEmpty())
                .map(QueryStringDecoder::decodeComponent)
                .toList();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("status port connection {} closed after error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
