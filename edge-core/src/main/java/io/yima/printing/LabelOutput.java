package io.yima.printing;

import io.yima.drivers.printer.LabelEncoder;
import io.yima.drivers.render.LabelRenderer;
import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.PngWriter;
import io.yima.drivers.render.RenderedLabel;
import io.yima.drivers.render.Symbology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * One code on one label in one output format: the core of the {@code render} command, independent of where the code
 * came from. Invalid combinations (a native QR of a microcode, a symbol too small for the printer) fail with the
 * renderer's or encoder's own message.
 */
public final class LabelOutput {
    private LabelOutput() {
    }

    public static RenderedLabel render(PrintableCode code, LabelSpec spec) {
        LabelRenderer renderer = new LabelRenderer(spec);
        return spec.symbol() == Symbology.QR
                ? renderer.qr(code.url(), code.code())
                : renderer.microcode(code.matrix(), code.code());
    }

    public static byte[] bytes(PrintableCode code, LabelSpec spec, LabelFormat format) {
        if (format.nativeQr() && spec.symbol() != Symbology.QR) {
            throw new IllegalArgumentException(format.id() + " lets the printer draw a QR code; use the QR symbol with it");
        }
        RenderedLabel label = render(code, spec);
        if (format == LabelFormat.PNG) {
            return png(label);
        }
        LabelEncoder encoder = format.encoder();
        return encoder.encode(label);
    }

    /** The label's symbol as a 1-bit PNG: what {@code render --format png} writes, also the dashboard's preview. */
    public static byte[] png(RenderedLabel label) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(PngWriter.toImage(label.symbol()), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A label big enough for the symbol, its quiet zone and two text lines, at least 30 × 20 mm, with 1 mm margins.
     */
    public static LabelSpec fittedSpec(Symbology symbol, int dpi, double sizeMm, int quietZoneModules) {
        int modules = symbol == Symbology.QR ? LabelRenderer.QR_MODULES : LabelRenderer.MICROCODE_MODULES;
        double box = sizeMm * (modules + 2.0 * quietZoneModules) / modules;
        double width = Math.max(30, Math.ceil(box + 2));
        double height = Math.max(20, Math.ceil(box + 2 + 7));
        return LabelSpec.builder().size(width, height).dpi(dpi).symbol(symbol).symbolSizeMm(sizeMm)
                .quietZoneModules(quietZoneModules).position(1, 1).build();
    }
}
