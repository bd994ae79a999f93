package io.yima.modbus;

import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import io.yima.guard.RefusalCounters;
import io.yima.line.AdapterHealth;
import io.yima.line.OneLineAdapter;
import io.yima.line.ProductionLine;

/**
 * A line's Modbus TCP link as an adapter: {@link ModbusLink} does the work. ONLINE while the PLC is connected and
 * its heartbeat changes; OFFLINE with the link's own reason otherwise.
 */
public final class ModbusAdapter extends OneLineAdapter<ModbusLink> {
    private final LineConfig.Modbus config;
    private final RefusalCounters counters;
    private final EventLoopGroup io;

    public ModbusAdapter(String lineId, LineConfig.Modbus config, RefusalCounters counters, EventLoopGroup io) {
        super("modbus", lineId, "Modbus link");
        this.config = config;
        this.counters = counters;
        this.io = io;
    }

    /** Listens for the PLC (server mode) or starts polling it (client mode), for the one line it serves. */
    @Override
    protected ModbusLink open(ProductionLine line) throws InterruptedException {
        return ModbusLink.start(config, line, io, counters);
    }

    @Override
    protected AdapterHealth healthOf(ModbusLink l) {
        return AdapterHealth.offlineIf(l.problem());
    }

    /** The running link, or null before {@link #start}. */
    public ModbusLink link() {
        return running();
    }
}
