package io.yima.guard;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading from a peer while its replies pile up unread (the channel is over its write high-water mark), so a
 * peer that sends requests and never reads the answers fills its own TCP window, not the edge's heap.
 */
@ChannelHandler.Sharable
public final class BackPressure extends ChannelInboundHandlerAdapter {
    public static final BackPressure INSTANCE = new BackPressure();

    private BackPressure() {
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }
}
