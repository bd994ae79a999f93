package io.yima.status;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.yima.guard.AddressAllowList;
import io.yima.guard.BackPressure;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalLog;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status port: dashboard, JSON, Prometheus metrics, health and the authenticated controls. The pipeline
 * is built here and only here. Netty's I/O runs on the daemon's event loop; the route handlers run on two
 * worker threads of their own, and what may block (job reports and controls touch SQLite, health writes a
 * probe file) runs on a bounded {@link BlockingWork} pool with a deadline, answered when it is done. The
 * status page and metrics read the lines' published snapshots and never wait. Every connection passes a
 * {@link PortGuard} (at most {@code status.max_connections}); a whole request must arrive within
 * {@code status.request_timeout} ({@link RequestDeadline}); 4xx answers are counted and logged at a bounded rate.
 * A request naming a host the port does not answer to is refused before any route ({@link HostCheck}); tokens
 * are checked, and wrong ones limited per source address, by one {@link TokenGate}.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** The pipeline name of the handler that closes a connection silent for a minute (see {@link JobDownload}). */
    static final String IDLE = "idle";

    static ReadTimeoutHandler idleTimeout() {
        return new ReadTimeoutHandler(60, TimeUnit.SECONDS);
    }

    private final Channel channel;
    private final EventExecutorGroup workers;
    private final BlockingWork blocking;

    private StatusServer(Channel channel, EventExecutorGroup workers, BlockingWork blocking) {
        this.channel = channel;
        this.workers = workers;
        this.blocking = blocking;
    }

    /**
     * Binds the status port and starts serving. Fails with a message naming {@code status.*} when the config is
     * invalid, the token file unreadable or the port taken.
     */
    public static StatusServer start(StatusConfig config, StatusSource source, LineControls controls,
                                     EdgeMetrics metrics, EventLoopGroup loop) {
        return start(config, source, controls, StatusHistory.none(), metrics, loop);
    }

    /** As above, with the job history, audit log and label preview the dashboard shows (see {@link StatusHistory}). */
    public static StatusServer start(StatusConfig config, StatusSource source, LineControls controls,
                                     StatusHistory history, EdgeMetrics metrics, EventLoopGroup loop) {
        return start(config, source, controls, history, PackingControls.NONE, metrics, loop);
    }

    /** As above, with the packing hierarchy's tree query and rework controls (see {@link PackingHandler}). */
    public static StatusServer start(StatusConfig config, StatusSource source, LineControls controls,
                                     StatusHistory history, PackingControls packing, EdgeMetrics metrics,
                                     EventLoopGroup loop) {
        List<String> problems = config.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        BearerToken token = BearerToken.load(config.tokenFile());
        TokenGate gate = new TokenGate(token, new WrongTokenLimit(config.maxWrongTokens()), config.maxWrongTokens(),
                new RefusalLog(LOG, "status port", PortGuard.LOG_INTERVAL, loop));
        HostCheck hosts = new HostCheck(config.allowedHosts());
        if (!token.configured()) {
            LOG.warn("status port: no status.token_file configured; pause/resume/close/void/retry are refused");
        }
        if (config.exposedBeyondLoopback()) {
            LOG.warn("status port: bound to {}, reachable from the network, not only from this PC", config.bind());
        }
        metrics.observe(source);
        EventExecutorGroup workers = new DefaultEventExecutorGroup(2);
        BlockingWork blocking = BlockingWork.pool(2, 32, Duration.ofSeconds(10));
        DashboardHandler dashboard = new DashboardHandler();
        NotFoundHandler notFound = new NotFoundHandler();
        PortGuard guard = new PortGuard("status", "status port", config.maxConnections(), AddressAllowList.everyone(),
                metrics, loop);
        // one for the port: the "low since" moments outlive each connection
        LowStock lowStock = new LowStock(config.lowStockWarning(), config.lowStockCritical(),
                java.time.Clock.systemUTC());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!guard.admit(ch)) {
                            return;
                        }
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("back-pressure", BackPressure.INSTANCE);
                        p.addLast(IDLE, idleTimeout());
                        p.addLast("codec", new HttpServerCodec());
                        p.addLast("deadline", new RequestDeadline(config.requestTimeout(), guard));
                        p.addLast("refusals", new RefusedResponses(guard));
                        p.addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES));
                        p.addLast("host", hosts);
                        p.addLast(workers, "dashboard", dashboard);
                        p.addLast(workers, "history", new HistoryHandler(history, source, config, gate,
                                blocking));
                        p.addLast(workers, "read", new ReadApiHandler(source, metrics, lowStock, blocking));
                        p.addLast(workers, "control", new ControlHandler(controls, gate, blocking, history));
                        p.addLast(workers, "packing", new PackingHandler(packing, gate, blocking, history));
                        p.addLast(workers, "not-found", notFound);
                    }
                });
        try {
            Channel channel = bootstrap.bind(new InetSocketAddress(config.bind(), config.port()))
                    .syncUninterruptibly().channel();
            StatusServer server = new StatusServer(channel, workers, blocking);
            LOG.info("status port: http://{}:{}/", config.bind(), server.port());
            return server;
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            blocking.close();
            throw new IllegalStateException("status.port: cannot listen on " + config.bind() + ":" + config.port()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** The bound port (the ephemeral one when the config asked for port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        blocking.close();
    }
}
