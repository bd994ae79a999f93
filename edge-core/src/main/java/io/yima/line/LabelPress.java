package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.drivers.render.LabelRenderer;
import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.RenderedLabel;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.printer.LabelEncoder;
import io.yima.printing.PrintableCode;
import io.yima.printing.PrinterLanguages;
import io.yima.vault.CodeRecord;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a code into the printer's bytes for this line's label layout and printer language: the one label pipeline.
 * The line prints with it and {@code yima-edge render} uses it too, so a rendered file is byte for byte what the
 * line would send for the same config.
 */
public final class LabelPress {
    private final Map<Symbology, LabelRenderer> renderers = new EnumMap<>(Symbology.class);
    private final LabelEncoder encoder;
    private final LineConfig.Label label;
    /** The last label pressed (line thread only) and the last one handed to the printer (read by the status port). */
    private LastLabel pressed;
    private volatile LastLabel last;

    public LabelPress(LineConfig line) {
        this.label = line.label() == null
                ? new LineConfig.Label(null, null, null, null, null, null, null, null, null, null) : line.label();
        encoder = PrinterLanguages.encoder(line.printer());
    }

    /** Checks the layout for a symbology up front, so a bad size fails START, not the first label. */
    void prepare(Symbology symbol) {
        renderer(symbol);
    }

    /** The line's path: the bytes, and the label remembered as the one pressed last (for the preview). */
    byte[] press(CodeRecord code, Symbology symbol) {
        RenderedLabel rendered = render(new PrintableCode(code.matrix(), code.code(), code.url()), symbol);
        byte[] bytes = encoder.encode(rendered);
        pressed = new LastLabel(code.applicationId(), code.index(), code.code(), rendered, bytes,
                System.currentTimeMillis());
        return bytes;
    }

    /** The printer's bytes for one label. */
    public byte[] press(PrintableCode code, Symbology symbol) {
        return encoder.encode(render(code, symbol));
    }

    /** The label as a raster, before the printer language (what a preview shows). */
    public RenderedLabel render(PrintableCode code, Symbology symbol) {
        String human = Boolean.FALSE.equals(label.humanReadable()) ? null : code.code();
        return symbol == Symbology.QR
                ? renderer(symbol).qr(code.url(), human)
                : renderer(symbol).microcode(code.matrix(), human);
    }

    /**
     * Called once a batch's bytes were handed to the printer: the last label pressed is the last one sent (a
     * label that failed to render never became {@code pressed}; a batch whose commit failed never gets here).
     * Two references stored, nothing copied.
     */
    void sent() {
        last = pressed;
    }

    /** The label most recently handed to the printer, or null before the first. */
    LastLabel last() {
        return last;
    }

    private LabelRenderer renderer(Symbology symbol) {
        return renderers.computeIfAbsent(symbol, s -> new LabelRenderer(new LabelSpec(
                or(label.widthMm(), 30.0), or(label.heightMm(), 20.0), or(label.dpi(), 300), s,
                or(label.sizeMm(), 10.0), or(label.xMm(), 2.0), or(label.yMm(), 2.0),
                or(label.quietZone(), s == Symbology.QR ? 4 : 2), !Boolean.FALSE.equals(label.humanReadable()),
                label.fixedText() == null ? List.of() : label.fixedText())));
    }

    private static <T> T or(T v, T d) {
        return v == null ? d : v;
    }
}
