package io.yima.plc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.yima.line.LineCommands;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The ASCII PLC port of one line: the pipeline is wired here and nowhere else. */
public final class PlcServer implements AutoCloseable {
    private static final PlcMessageEncoder ENCODER = new PlcMessageEncoder();
    private final Channel channel;
    private final PlcEventFeed feed;

    private PlcServer(Channel channel, PlcEventFeed feed) {
        this.channel = channel;
        this.feed = feed;
    }

    /** Subscribes the PLC event feed to {@code line} and listens for the PLC. */
    public static PlcServer start(String bind, int port, Duration heartbeat, LineCommands line, EventLoopGroup boss,
                                  EventLoopGroup workers) throws InterruptedException {
        long hb = heartbeat.toMillis();
        PlcEventFeed feed = new PlcEventFeed(line);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS))
                                .addLast("frames", new PlcFrameDecoder())
                                .addLast("requests", new PlcRequestDecoder())
                                .addLast("encoder", ENCODER)
                                .addLast("session", new PlcSessionHandler(line, feed));
                    }
                });
        return new PlcServer(b.bind(bind, port).sync().channel(), feed);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** True while a PLC is connected and greeted. */
    public boolean plcConnected() {
        return feed.attached();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
