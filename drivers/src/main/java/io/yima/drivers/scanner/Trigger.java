package io.yima.drivers.scanner;

import java.nio.charset.StandardCharsets;

/** Software trigger commands for triggered reading (docs/device-protocols.md §3). */
public enum Trigger {
    /** The reader triggers itself (photo-eye) and just sends results. */
    NONE("", ""),
    /** Keyence SR: {@code LON\r} starts the read window, {@code LOFF\r} ends it. */
    KEYENCE("LON\r", "LOFF\r"),
    /** Cognex DataMan DMCC: {@code ||>TRIGGER ON\r\n}, {@code ||>TRIGGER OFF\r\n}. */
    COGNEX("||>TRIGGER ON\r\n", "||>TRIGGER OFF\r\n");

    private final byte[] on;
    private final byte[] off;

    Trigger(String on, String off) {
        this.on = on.getBytes(StandardCharsets.US_ASCII);
        this.off = off.getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] on() {
        return on.clone();
    }

    public byte[] off() {
        return off.clone();
    }
}
