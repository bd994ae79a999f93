package io.yima.sim.scanner;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.label.PrintedText;

/** Genuinely decodes a label raster: an ordinary QR first, then a microcode. Thread-safe. */
public final class LabelDecoder {
    private final QrSymbolReader qr = new QrSymbolReader();
    private final MicrocodeReader microcode = new MicrocodeReader();

    /** The symbol on the label, or null when nothing decodes (a no-read). */
    public SymbolRead decode(LabelRaster raster) {
        String url = qr.read(raster);
        if (url != null) {
            return new SymbolRead(Symbology.QR, url);
        }
        String bits = microcode.read(raster);
        return bits == null ? null : new SymbolRead(Symbology.MICROCODE, bits);
    }

    /**
     * The symbol on a printed label, or null. A label with lines in the printer's own font is read as it is first;
     * when that misses, once more with those lines blanked: an industrial reader finds the symbol among text, but
     * zxing's last retry samples the symbol as the only black on the label, which text beside it spoils.
     */
    public SymbolRead decode(PrintedLabel label) {
        SymbolRead read = decode(label.raster());
        if (read != null || label.textFields().isEmpty()) {
            return read;
        }
        LabelRaster symbolOnly = label.raster().copy();
        for (PrintedText t : label.textFields()) {
            symbolOnly.fill(t.x(), t.y(), t.widthDots(), t.heightDots(), false);
        }
        return decode(symbolOnly);
    }

    /** The decoded text or null; handy as a {@code Function<LabelRaster, String>}. */
    public String text(LabelRaster raster) {
        SymbolRead read = decode(raster);
        return read == null ? null : read.text();
    }

    /** The decoded text of a printed label or null. */
    public String text(PrintedLabel label) {
        SymbolRead read = decode(label);
        return read == null ? null : read.text();
    }
}
