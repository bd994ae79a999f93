package io.yima.plc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.yima.config.LineConfig;
import io.yima.guard.AddressAllowList;
import io.yima.guard.BackPressure;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalCounters;
import io.yima.line.LineCommands;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ASCII PLC port of one line: the pipeline is wired here and nowhere else. Every connection passes the
 * port's {@link PortGuard} first (allow-list, connection cap); a connection must HELLO within
 * {@code plc.hello_timeout}; only whole frames count as life for the heartbeat timeout, so a peer trickling
 * bytes is closed like a silent one; replies the peer does not read stop the reading ({@link BackPressure}).
 */
public final class PlcServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlcServer.class);
    private static final PlcMessageEncoder ENCODER = new PlcMessageEncoder();
    private static final WriteBufferWaterMark REPLY_BUFFER = new WriteBufferWaterMark(16 * 1024, 64 * 1024);
    private final Channel channel;
    private final PlcEventFeed feed;
    private final PortGuard guard;
    private final long heartbeatMillis;

    private PlcServer(Channel channel, PlcEventFeed feed, PortGuard guard, long heartbeatMillis) {
        this.channel = channel;
        this.feed = feed;
        this.guard = guard;
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Subscribes the PLC event feed to {@code line} and listens for the PLC as {@code config} says. */
    public static PlcServer start(LineConfig.Plc config, LineCommands line, RefusalCounters counters,
                                  EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        long hb = config.heartbeat().toMillis();
        Duration helloTimeout = config.helloTimeout();
        boolean takeover = config.takeover();
        Duration replyDeadline = PlcSessionHandler.replyDeadline(config.triggerDeadline());
        PortGuard guard = new PortGuard("plc:" + line.lineId(), "line " + line.lineId() + " PLC port",
                config.maxConnections(), AddressAllowList.parse(config.allow()), counters, workers);
        if (!isLoopback(config.bind()) && config.allow().isEmpty()) {
            LOG.warn("line {}: PLC port bound to {} with no plc.allow list: any host that reaches it can start and "
                    + "close jobs", line.lineId(), config.bind());
        }
        PlcEventFeed feed = new PlcEventFeed(line);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, REPLY_BUFFER)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!guard.admit(ch)) {
                            return;
                        }
                        ch.pipeline()
                                .addLast("frames", new PlcFrameDecoder())
                                // after the frame decoder: a byte trickle that never completes a frame is silence
                                .addLast("idle", new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS))
                                .addLast("back-pressure", BackPressure.INSTANCE)
                                .addLast("requests", new PlcRequestDecoder())
                                .addLast("encoder", ENCODER)
                                .addLast("session", new PlcSessionHandler(line, feed, helloTimeout, takeover, guard,
                                        replyDeadline));
                    }
                });
        try {
            return new PlcServer(b.bind(config.bind(), config.port()).sync().channel(), feed, guard, hb);
        } catch (Throwable e) { // Netty rethrows the BindException undeclared
            feed.close(); // not listening: the line must not keep calling the feed
            throw e;
        }
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** True while a PLC is connected and greeted. */
    public boolean plcConnected() {
        return feed.attached();
    }

    /**
     * Why the connected PLC looks gone before the link is closed: no whole frame for more than one and a half
     * heartbeats (a PLC PINGs every heartbeat when idle), so the status page shows it within about one heartbeat
     * instead of the three the close waits for. Null while it is heard (or none is connected).
     */
    public String silence() {
        long silent = feed.silentMillis();
        return feed.attached() && silent > heartbeatMillis * 3 / 2
                ? "PLC silent for " + (silent / 100) / 10.0 + " s (no frame within a heartbeat of "
                        + heartbeatMillis + " ms)" : null;
    }

    /** Connections open on the port now, greeted or not. */
    public int openConnections() {
        return guard.openConnections();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        feed.close();
    }
}
