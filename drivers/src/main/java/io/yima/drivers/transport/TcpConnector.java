package io.yima.drivers.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A TCP client link via Netty, with write-buffer water marks so a stalled device pushes back. */
final class TcpConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(TcpConnector.class);
    static final WriteBufferWaterMark DEFAULT_WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);

    private final String host;
    private final int port;
    private final EventLoopGroup group;
    private final WriteBufferWaterMark waterMark;
    private volatile Channel channel;

    TcpConnector(String host, int port, EventLoopGroup group, WriteBufferWaterMark waterMark) {
        this.host = host;
        this.port = port;
        this.group = group;
        this.waterMark = waterMark;
    }

    @Override
    public CompletableFuture<Void> connect(Events events) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Forwarder(events));
                    }
                });
        ChannelFuture f = b.connect(host, port);
        f.addListener(cf -> {
            if (cf.isSuccess()) {
                Channel ch = f.channel();
                channel = ch;
                ch.closeFuture().addListener(x -> events.onDisconnected("connection to " + describe() + " closed"));
                done.complete(null);
            } else {
                done.completeExceptionally(cf.cause());
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> send(byte[] bytes) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return CompletableFuture.failedFuture(new IOException("not connected to " + describe()));
        }
        return NettyFutures.toCompletable(ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
    }

    @Override
    public boolean isWritable() {
        Channel ch = channel;
        return ch != null && ch.isActive() && ch.isWritable();
    }

    @Override
    public void disconnect() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }

    /** Hands received bytes and writability upward; any channel error closes the link (the session reconnects). */
    private final class Forwarder extends ChannelInboundHandlerAdapter {
        private final Events events;

        Forwarder(Events events) {
            this.events = events;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte[] b = new byte[buf.readableBytes()];
                buf.readBytes(b);
                events.onBytes(b, 0, b.length);
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            events.onWritabilityChanged(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("{}: {}, closing", describe(), cause.toString());
            ctx.close();
        }
    }
}
