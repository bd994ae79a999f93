package io.yima.drivers.scanner;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each read to the line; a failing consumer costs a log line, never the connection. */
final class ScanReadHandler extends SimpleChannelInboundHandler<ScanRead> {
    private static final Logger LOG = LoggerFactory.getLogger(ScanReadHandler.class);
    private final Consumer<ScanRead> reads;

    ScanReadHandler(Consumer<ScanRead> reads) {
        this.reads = reads;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ScanRead read) {
        try {
            reads.accept(read);
        } catch (RuntimeException e) {
            LOG.warn("scan read consumer failed on '{}'", read.text(), e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("scanner pipeline: {}", cause.toString());
    }
}
