package io.yima.plc;

import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import io.yima.guard.RefusalCounters;
import io.yima.line.AdapterHealth;
import io.yima.line.OneLineAdapter;
import io.yima.line.ProductionLine;

/**
 * A line's ASCII PLC port as an adapter: {@link PlcServer} does the work. ONLINE while a PLC is connected and
 * heard; OFFLINE with the reason otherwise (none connected, gone silent, port closed).
 */
public final class PlcAdapter extends OneLineAdapter<PlcServer> {
    private final LineConfig.Plc config;
    private final RefusalCounters counters;
    private final EventLoopGroup io;

    public PlcAdapter(String lineId, LineConfig.Plc config, RefusalCounters counters, EventLoopGroup io) {
        super("plc", lineId, "PLC port");
        this.config = config;
        this.counters = counters;
        this.io = io;
    }

    /** Listens for the PLC of the one line it serves. */
    @Override
    protected PlcServer open(ProductionLine line) throws InterruptedException {
        return PlcServer.start(config, line, counters, io, io);
    }

    @Override
    protected AdapterHealth healthOf(PlcServer s) {
        return s.plcConnected() ? AdapterHealth.offlineIf(s.silence()) : AdapterHealth.offline("no PLC connected");
    }

    /** The running port, or null before {@link #start}. */
    public PlcServer server() {
        return running();
    }
}
