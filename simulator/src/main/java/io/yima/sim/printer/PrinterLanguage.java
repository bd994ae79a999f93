package io.yima.sim.printer;

/** Languages the emulator speaks. */
public enum PrinterLanguage {
    ZPL, ESCPOS;

    StreamParser newParser(ParserOutput out) {
        return this == ZPL ? new ZplStreamParser(out) : new EscPosStreamParser(out);
    }
}
