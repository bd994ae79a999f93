package io.yima.sim.printer;

/** Languages the emulator speaks. */
public enum PrinterLanguage {
    ZPL, ESCPOS;

    StreamParser newParser(ParserOutput out) {
        return newParser(out, new StoredObjects());
    }

    /** @param stored the printer's memory for stored formats and graphics (ZPL), shared by its connections */
    StreamParser newParser(ParserOutput out, StoredObjects stored) {
        return this == ZPL ? new ZplStreamParser(out, stored) : new EscPosStreamParser(out);
    }
}
