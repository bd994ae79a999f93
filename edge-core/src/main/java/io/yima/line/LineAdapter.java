package io.yima.line;

import java.util.List;

/**
 * What every adapter of the edge is to the daemon (the ASCII PLC port and the Modbus link of a line, the OPC UA
 * server, the MQTT export, the status port), shaped like an openHAB thing handler: the daemon builds it from its
 * config section, {@link #start starts} it with the lines it serves, asks its {@link #health} for {@code /health}
 * and the dashboard, and {@link #close closes} it, in the reverse order of the starts. Closing takes the
 * adapter's listeners off the lines ({@link Subscription}), so a closed adapter is never called again.
 */
public interface LineAdapter extends AutoCloseable {
    /** The adapter's name on {@code /health} and the dashboard: {@code plc:L1}, {@code modbus:L1}, {@code opcua}, {@code mqtt}, {@code status}. */
    String name();

    /**
     * Listens, connects or subscribes for {@code lines} (one line for a line's PLC port or Modbus link; every line
     * for OPC UA, the MQTT export and the status port). Throws when the adapter cannot start and the edge must
     * not run without it; an adapter the edge may run without reports the problem through {@link #health}.
     */
    void start(List<ProductionLine> lines) throws InterruptedException;

    /** Now; cheap and non-blocking (read on every dashboard poll and {@code /health}). */
    AdapterHealth health();

    /** Stops serving and unsubscribes from the lines; closing twice, or before start, does nothing. */
    @Override
    void close();
}
