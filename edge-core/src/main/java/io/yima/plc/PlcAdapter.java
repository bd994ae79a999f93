package io.yima.plc;

import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import io.yima.guard.RefusalCounters;
import io.yima.line.AdapterHealth;
import io.yima.line.LineAdapter;
import io.yima.line.ProductionLine;
import java.util.List;

/**
 * A line's ASCII PLC port as an adapter ({@link LineAdapter}): {@link PlcServer} does the work. ONLINE while a
 * PLC is connected and heard; OFFLINE with the reason otherwise (none connected, gone silent, port closed).
 */
public final class PlcAdapter implements LineAdapter {
    private final String lineId;
    private final LineConfig.Plc config;
    private final RefusalCounters counters;
    private final EventLoopGroup io;
    private volatile PlcServer server;
    private volatile boolean closed;

    public PlcAdapter(String lineId, LineConfig.Plc config, RefusalCounters counters, EventLoopGroup io) {
        this.lineId = lineId;
        this.config = config;
        this.counters = counters;
        this.io = io;
    }

    @Override
    public String name() {
        return "plc:" + lineId;
    }

    /** Listens for the PLC of the one line it serves. */
    @Override
    public void start(List<ProductionLine> lines) throws InterruptedException {
        if (lines.size() != 1 || !lines.get(0).lineId().equals(lineId)) {
            throw new IllegalArgumentException("a PLC port serves line " + lineId + " alone");
        }
        server = PlcServer.start(config, lines.get(0), counters, io, io);
    }

    @Override
    public AdapterHealth health() {
        PlcServer s = server;
        if (closed || s == null) {
            return AdapterHealth.offline(closed ? "PLC port closed" : "PLC port not open yet");
        }
        if (!s.plcConnected()) {
            return AdapterHealth.offline("no PLC connected");
        }
        return AdapterHealth.offlineIf(s.silence());
    }

    /** The running port, or null before {@link #start}. */
    public PlcServer server() {
        return server;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        PlcServer s = server;
        if (s != null) {
            s.close();
        }
    }
}
