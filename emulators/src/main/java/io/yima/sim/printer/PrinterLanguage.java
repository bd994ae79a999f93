package io.yima.sim.printer;

/** Languages the emulator speaks. */
public enum PrinterLanguage {
    ZPL, ESCPOS, TSPL;

    StreamParser newParser(ParserOutput out) {
        return newParser(out, new StoredObjects());
    }

    /** @param stored the printer's memory for stored formats and graphics (ZPL) or files (TSPL), shared by its connections */
    StreamParser newParser(ParserOutput out, StoredObjects stored) {
        return switch (this) {
            case ZPL -> new ZplStreamParser(out, stored);
            case ESCPOS -> new EscPosStreamParser(out, stored);
            case TSPL -> new TsplStreamParser(out, stored);
        };
    }
}
