package io.yima.sim.scanner;

import io.yima.sim.label.LabelRaster;

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

    /** The decoded text or null; handy as a {@code Function<LabelRaster, String>}. */
    public String text(LabelRaster raster) {
        SymbolRead read = decode(raster);
        return read == null ? null : read.text();
    }
}
