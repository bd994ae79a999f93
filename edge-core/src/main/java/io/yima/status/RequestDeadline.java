package io.yima.status;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.config.DurationText;
import io.yima.guard.PortGuard;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A whole request must arrive within {@code timeout} of the connection opening or of the previous response: a
 * client trickling a byte every few seconds (slowloris) is closed, as is a keep-alive connection left idle. The
 * clock stops while the edge works on a request. Sits after the HTTP codec, so it sees where requests end.
 */
final class RequestDeadline extends ChannelDuplexHandler {
    private final Duration timeout;
    private final PortGuard guard;
    private ScheduledFuture<?> deadline;
    /** Requests received and not yet answered (HTTP pipelining): the clock runs only when none is. */
    private int pending;

    RequestDeadline(Duration timeout, PortGuard guard) {
        this.timeout = timeout;
        this.guard = guard;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof LastHttpContent) {
            pending++;
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && pending > 0 && --pending == 0) {
            arm(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        deadline = ctx.executor().schedule(() -> guard.refuse(ctx.channel(), "slow_request",
                "no whole request within " + DurationText.format(timeout)), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
