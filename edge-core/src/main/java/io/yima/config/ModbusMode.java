package io.yima.config;

/** {@code lines[].modbus.mode}: who opens the Modbus TCP connection (docs/modbus.md). */
public enum ModbusMode {
    /** The PLC polls the edge's register block (the edge listens on {@code bind:port}). */
    SERVER("server"),
    /** The edge polls the register block in the PLC at {@code host:port}. */
    CLIENT("client");

    private final String configName;

    ModbusMode(String configName) {
        this.configName = configName;
    }

    /** As written in the config ({@code server}). */
    public String configName() {
        return configName;
    }
}
