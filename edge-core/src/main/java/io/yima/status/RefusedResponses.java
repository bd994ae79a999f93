package io.yima.status;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.yima.guard.PortGuard;

/**
 * Counts every 4xx answer of the status port (malformed, too large, unknown path, missing token …) in the metrics
 * and logs them at a bounded rate, naming the request. Sits right after the HTTP codec, so it also sees the
 * aggregator's own "413 too large" answers.
 */
final class RefusedResponses extends ChannelDuplexHandler {
    private final PortGuard guard;
    private String lastRequest = "";

    RefusedResponses(PortGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest r) {
            lastRequest = r.method() + " " + new QueryStringDecoder(r.uri()).path();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse r && r.status().code() >= 400 && r.status().code() < 500) {
            guard.refusedRequest(ctx.channel(), Integer.toString(r.status().code()),
                    r.status().reasonPhrase() + ": " + lastRequest);
        }
        ctx.write(msg, promise);
    }
}
