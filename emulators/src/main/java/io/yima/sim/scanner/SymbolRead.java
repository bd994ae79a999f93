package io.yima.sim.scanner;

/** A decoded symbol: the QR text (the code's URL) or the microcode's 361-character 0/1 string. */
public record SymbolRead(Symbology symbology, String text) {
}
