package io.yima.drivers.scanner;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.yima.drivers.transport.ConnectionGate;
import io.yima.drivers.transport.LinkListener;
import io.yima.drivers.transport.LinkState;
import io.yima.drivers.transport.NettyFutures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader that connects to us and pushes results. ONLINE while at least one reader is connected, OFFLINE while we
 * listen with none. Triggers go to every connected reader. Every connection passes the {@link ConnectionGate} first
 * (allow list, cap), because whoever connects here can send reads the line binds. A connection from the address of
 * a reader still held replaces it (the old one is closed, the new one takes its place): a reader that restarted
 * leaves a connection that looks open (it never said goodbye), and with a cap of one it would otherwise be locked
 * out.
 */
final class ListeningScanner implements ScannerSession {
    private static final Logger LOG = LoggerFactory.getLogger(ListeningScanner.class);

    private final String host;
    private final int port;
    private final ScannerOptions options;
    private final EventLoopGroup group;
    private final Consumer<ScanRead> reads;
    private final LinkListener listener;
    private final ConnectionGate gate;
    private final ChannelGroup readers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile LinkState state = LinkState.UNKNOWN;
    private volatile Channel server;

    ListeningScanner(String host, int port, ScannerOptions options, EventLoopGroup group, Consumer<ScanRead> reads,
                     LinkListener listener, ConnectionGate gate) {
        this.gate = gate;
        this.host = host;
        this.port = port;
        this.options = options;
        this.group = group;
        this.reads = reads;
        this.listener = listener == null ? (s, r, st) -> { } : listener;
    }

    @Override
    public void start() {
        ChannelFuture f = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Channel stale = heldFrom(ch);
                        if (stale != null) {
                            LOG.info("scanner: reader {} connected again; its previous connection is closed",
                                    ch.remoteAddress());
                        }
                        if (stale == null ? gate.admit(ch) : gate.replace(ch, stale)) {
                            accept(ch);
                            if (stale != null) {
                                stale.close(); // after the new one is held: the scanner stays ONLINE
                            }
                        }
                    }
                })
                .bind(new InetSocketAddress(host, port));
        f.addListener(x -> {
            if (x.isSuccess()) {
                server = f.channel();
                LOG.info("scanner: listening on {}", server.localAddress());
                changed("listening on " + server.localAddress());
            } else {
                set(LinkState.OFFLINE, "cannot listen on " + host + ":" + port + ": " + x.cause().getMessage());
            }
        });
    }

    private void accept(Channel ch) {
        readers.add(ch);
        ScannerPipeline.install(ch.pipeline(), options, reads);
        changed("reader " + ch.remoteAddress() + " connected");
        ch.closeFuture().addListener(x -> changed("reader " + ch.remoteAddress() + " disconnected"));
    }

    /** A reader held from the same address as {@code ch}, or null. */
    private Channel heldFrom(Channel ch) {
        if (!(ch.remoteAddress() instanceof InetSocketAddress peer)) {
            return null;
        }
        for (Channel held : readers) {
            if (held.isActive() && held.remoteAddress() instanceof InetSocketAddress a
                    && a.getAddress().equals(peer.getAddress())) {
                return held;
            }
        }
        return null;
    }

    @Override
    public int listeningPort() {
        return boundPort();
    }

    /** The bound port (useful with port 0). */
    int boundPort() {
        Channel s = server;
        return s == null ? -1 : ((InetSocketAddress) s.localAddress()).getPort();
    }

    private synchronized void changed(String why) {
        long live = readers.stream().filter(Channel::isActive).count();
        set(live > 0 ? LinkState.ONLINE : LinkState.OFFLINE, live > 0 ? why : "no reader connected (" + why + ")");
    }

    private synchronized void set(LinkState next, String why) {
        if (next == state) {
            return;
        }
        state = next;
        try {
            listener.onStateChange(next, why, null);
        } catch (RuntimeException e) {
            LOG.warn("link listener failed", e);
        }
    }

    @Override
    public ScannerOptions options() {
        return options;
    }

    @Override
    public CompletableFuture<Void> command(byte[] bytes) {
        if (readers.isEmpty()) {
            return CompletableFuture.failedFuture(new IOException("no reader connected on port " + port));
        }
        return NettyFutures.toCompletable(readers.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
    }

    @Override
    public LinkState state() {
        return state;
    }

    @Override
    public void close() {
        Channel s = server;
        if (s != null) {
            s.close();
        }
        readers.close();
        set(LinkState.OFFLINE, "closed");
    }
}
