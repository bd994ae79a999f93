package io.yima.printing;

import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import io.yima.drivers.render.page.Bitmap;
import io.yima.drivers.render.page.DefaultFont;
import io.yima.drivers.render.page.TextRasterizer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole label of a line without a template ({@code label:} keys only): the symbol where it prints, and the
 * code line and fixed lines below it where the ZPL encoder places them. The printer draws those lines in its own
 * font; the preview draws them in the edge's (Debian's WenQuanYi Micro Hei when installed, else no text), so
 * their dots are close to, not exactly, the printed ones. A template label's preview is exact.
 */
public final class LegacyPreview {
    /** As {@code ZplEncoder}: text 2.5 mm high, lines 1.25 text heights apart. */
    private static final double TEXT_HEIGHT_MM = 2.5;
    private static volatile TextRasterizer font;
    private static volatile boolean fontTried;

    private LegacyPreview() {
    }

    public static Raster lazy(RenderedLabel l) {
        LabelSpec spec = l.spec();
        return Raster.lazy(spec.widthDots(), spec.heightDots(), () -> of(l).rows());
    }

    public static Raster of(RenderedLabel l) {
        LabelSpec spec = l.spec();
        Bitmap b = new Bitmap(spec.widthDots(), spec.heightDots());
        b.draw(l.symbol(), l.originXDots(), l.originYDots());
        TextRasterizer f = font();
        if (f != null) {
            int textDots = Math.max(10, spec.dots(TEXT_HEIGHT_MM));
            int lineDots = textDots + textDots / 4;
            int y = l.originYDots() + l.symbol().height();
            if (l.humanText() != null) {
                b.draw(f.render(l.humanText(), textDots), l.originXDots(), y);
            }
            y += spec.humanReadable() ? lineDots : 0;
            for (String line : spec.fixedText()) {
                if (!line.isEmpty() && line.length() <= TextRasterizer.MAX_CHARS) {
                    b.draw(f.render(line, textDots), l.originXDots(), y);
                }
                y += lineDots;
            }
        }
        return b.toRaster();
    }

    private static TextRasterizer font() {
        if (!fontTried) {
            synchronized (LegacyPreview.class) {
                if (!fontTried) {
                    Path file = DefaultFont.path();
                    font = Files.isRegularFile(file) ? TextRasterizer.load(file) : null;
                    fontTried = true;
                }
            }
        }
        return font;
    }
}
