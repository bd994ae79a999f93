package io.yima.status;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/** The end of the pipeline: a path no route claimed. */
@Sharable
final class NotFoundHandler extends RouteHandler {
    @Override
    protected FullHttpResponse route(FullHttpRequest request, List<String> path) {
        return HttpReply.error(HttpResponseStatus.NOT_FOUND, "no such endpoint");
    }
}
