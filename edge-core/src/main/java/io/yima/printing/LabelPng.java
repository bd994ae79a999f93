package io.yima.printing;

import io.yima.drivers.render.PngWriter;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A label as a 1-bit PNG: what {@code render --format png} writes, also the dashboard's preview. */
public final class LabelPng {
    private LabelPng() {
    }

    public static byte[] png(RenderedLabel label) {
        return png(label.symbol());
    }

    /** The raster (a whole label's preview, or a symbol) as PNG bytes. */
    public static byte[] png(Raster raster) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(PngWriter.toImage(raster), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
