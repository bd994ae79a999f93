package io.yima.sim.scanner;

/** What a read came from. */
public enum Symbology {
    QR, MICROCODE
}
