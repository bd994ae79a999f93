package io.yima.plc;

/** The line's view of a connected PLC: somewhere to send events, and who it is. */
public interface PlcLink {
    void send(PlcMessage message);

    /** True when the session asked for protocol version 2 in HELLO: it hears the case events. */
    default boolean packing() {
        return false;
    }

    /** The id the PLC gave in HELLO. */
    default String plcId() {
        return "";
    }

    /** Where it connects from, as a technician writes it ({@code 10.0.0.5:51234}). */
    default String address() {
        return "";
    }

    /** The host part of {@link #address()}: a PLC reconnecting comes from a new port of the same host. */
    default String host() {
        String a = address();
        int colon = a.lastIndexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    /** Ends the session (another PLC took the line over). */
    default void close() {
    }
}
