package io.yima.modbus;

import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import io.yima.guard.RefusalCounters;
import io.yima.line.AdapterHealth;
import io.yima.line.LineAdapter;
import io.yima.line.ProductionLine;
import java.util.List;

/**
 * A line's Modbus TCP link as an adapter ({@link LineAdapter}): {@link ModbusLink} does the work. ONLINE while the
 * PLC is connected and its heartbeat changes; OFFLINE with the link's own reason otherwise.
 */
public final class ModbusAdapter implements LineAdapter {
    private final String lineId;
    private final LineConfig.Modbus config;
    private final RefusalCounters counters;
    private final EventLoopGroup io;
    private volatile ModbusLink link;
    private volatile boolean closed;

    public ModbusAdapter(String lineId, LineConfig.Modbus config, RefusalCounters counters, EventLoopGroup io) {
        this.lineId = lineId;
        this.config = config;
        this.counters = counters;
        this.io = io;
    }

    @Override
    public String name() {
        return "modbus:" + lineId;
    }

    /** Listens for the PLC (server mode) or starts polling it (client mode), for the one line it serves. */
    @Override
    public void start(List<ProductionLine> lines) throws InterruptedException {
        if (lines.size() != 1 || !lines.get(0).lineId().equals(lineId)) {
            throw new IllegalArgumentException("a Modbus link serves line " + lineId + " alone");
        }
        link = ModbusLink.start(config, lines.get(0), io, counters);
    }

    @Override
    public AdapterHealth health() {
        ModbusLink l = link;
        if (closed || l == null) {
            return AdapterHealth.offline(closed ? "Modbus link closed" : "Modbus link not started yet");
        }
        return AdapterHealth.offlineIf(l.problem());
    }

    /** The running link, or null before {@link #start}. */
    public ModbusLink link() {
        return link;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ModbusLink l = link;
        if (l != null) {
            l.close();
        }
    }
}
