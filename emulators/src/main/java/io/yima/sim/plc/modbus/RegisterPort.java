package io.yima.sim.plc.modbus;

import java.io.IOException;

/** Where the PLC program reads and writes the block: over the wire (PLC as client) or its own memory (server). */
public interface RegisterPort extends AutoCloseable {
    int[] read(int offset, int count) throws IOException;

    void write(int offset, int... words) throws IOException;

    /** Drops the connection (a cable pull); the next read or write reconnects. No-op for the PLC's own memory. */
    void drop();

    @Override
    void close();
}
