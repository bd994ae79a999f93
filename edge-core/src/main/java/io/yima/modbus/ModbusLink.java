package io.yima.modbus;

import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import io.yima.guard.RefusalCounters;
import io.yima.line.LineCommands;
import io.yima.line.ProductionLine;

/** A line's Modbus TCP link, as the edge's server or as a client polling the PLC (docs/modbus.md). */
public interface ModbusLink extends AutoCloseable {

    /** Null while the PLC is connected and its heartbeat changes; else why not, worded for a technician. */
    String problem();

    /** Server mode: the port listened on (useful when the config says 0); client mode: -1. */
    int port();

    @Override
    void close();

    /** As below, with refusals counted nowhere (tests). */
    static ModbusLink start(LineConfig.Modbus config, LineCommands line, EventLoopGroup io)
            throws InterruptedException {
        return start(config, line, io, RefusalCounters.NONE);
    }

    /**
     * Starts the line's Modbus link as configured; the caller closes it before the line shuts down. Server mode
     * counts its refusals in {@code counters} under the port {@code modbus:<line>}.
     */
    static ModbusLink start(LineConfig.Modbus config, LineCommands line, EventLoopGroup io, RefusalCounters counters)
            throws InterruptedException {
        boolean packing = line instanceof ProductionLine p && p.config().packing() != null;
        ModbusHandshake handshake = new ModbusHandshake(line, config.timeout(),
                config.heartbeat(), packing);
        try {
            return config.client() ? ModbusPoller.start(config, handshake, io, line.lineId())
                    : ModbusServerPort.start(config, handshake, io, line.lineId(), counters);
        } catch (RuntimeException | InterruptedException e) {
            handshake.close();
            throw e;
        }
    }
}
