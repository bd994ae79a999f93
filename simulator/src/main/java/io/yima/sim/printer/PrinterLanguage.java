package io.yima.sim.printer;

/** Languages the emulator speaks. */
public enum PrinterLanguage {
    ZPL, ESCPOS, TSPL;

    StreamParser newParser(ParserOutput out) {
        return switch (this) {
            case ZPL -> new ZplStreamParser(out);
            case ESCPOS -> new EscPosStreamParser(out);
            case TSPL -> new TsplStreamParser(out);
        };
    }
}
