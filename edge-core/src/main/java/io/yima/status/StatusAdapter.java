package io.yima.status;

import io.netty.channel.EventLoopGroup;
import io.yima.line.AdapterHealth;
import io.yima.line.LineAdapter;
import io.yima.line.ProductionLine;
import java.util.List;

/**
 * The status port as an adapter ({@link LineAdapter}): {@link StatusServer} does the work. The lines reach it
 * through the daemon's {@link StatusSource} and {@link LineControls}, which hold them; starting binds the port.
 * ONLINE while it listens.
 */
public final class StatusAdapter implements LineAdapter {
    private final StatusConfig config;
    private final StatusSource source;
    private final LineControls controls;
    private final StatusHistory history;
    private final PackingControls packing;
    private final EdgeMetrics metrics;
    private final EventLoopGroup loop;
    private volatile StatusServer server;
    private volatile boolean closed;

    public StatusAdapter(StatusConfig config, StatusSource source, LineControls controls, StatusHistory history,
                         PackingControls packing, EdgeMetrics metrics, EventLoopGroup loop) {
        this.config = config;
        this.source = source;
        this.controls = controls;
        this.history = history;
        this.packing = packing;
        this.metrics = metrics;
        this.loop = loop;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public void start(List<ProductionLine> lines) {
        server = StatusServer.start(config, source, controls, history, packing, metrics, loop);
    }

    @Override
    public AdapterHealth health() {
        if (closed || server == null) {
            return AdapterHealth.offline(closed ? "status port closed" : "status port not open yet");
        }
        return AdapterHealth.online();
    }

    /** The bound port, or -1 before it listened. */
    public int port() {
        StatusServer s = server;
        return s == null ? -1 : s.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        StatusServer s = server;
        if (s != null) {
            s.close();
        }
    }
}
