package io.yima.drivers.render.page;

import io.yima.drivers.render.Raster;
import java.util.List;
import java.util.Objects;

/**
 * A whole label as printer dots: the marks that stay the same for many labels ({@code fixed}: static text, the
 * job's text, the logo, boxes) and those of this label only ({@code variable}: the symbol, the code, the item).
 * A printer that stores formats keeps the fixed marks under {@code fixedKey} and is sent only the variable ones;
 * equal keys mean equal fixed marks. {@link #raster()} is the label exactly as it prints: the preview.
 */
public record LabelPage(int widthDots, int heightDots, List<Mark> fixed, String fixedKey, List<Mark> variable) {
    public LabelPage {
        if (widthDots < 1 || heightDots < 1) {
            throw new IllegalArgumentException("label must have a positive size, got " + widthDots + " x "
                    + heightDots + " dots");
        }
        fixed = List.copyOf(fixed);
        variable = List.copyOf(variable);
        Objects.requireNonNull(fixedKey, "fixedKey");
    }

    /** Every mark drawn on a white label of the page's size. */
    public Raster raster() {
        Bitmap b = new Bitmap(widthDots, heightDots);
        for (Mark m : fixed) {
            m.drawOn(b);
        }
        for (Mark m : variable) {
            m.drawOn(b);
        }
        return b.toRaster();
    }
}
