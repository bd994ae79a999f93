package io.yima.drivers.render;

/**
 * One label ready for an encoder: the symbol raster (quiet zone included) and where it goes on the label.
 *
 * @param dotsPerModule  printer dots per matrix cell or QR module (integer: cells are never resampled unevenly)
 * @param printedSizeMm  the real side of the printed symbol (without quiet zone), which may be below the requested size
 * @param originXDots    left edge of the raster (quiet zone included) on the label
 * @param originYDots    top edge of the raster on the label
 * @param humanText      line printed under the symbol, or {@code null}
 * @param url            the QR content, for encoders that let the printer draw the QR; {@code null} for microcode
 */
public record RenderedLabel(LabelSpec spec, Raster symbol, int dotsPerModule, double printedSizeMm, int originXDots,
                            int originYDots, String humanText, String url) {

    /** Modules across the symbol itself (19 for microcode, 25 for QR version 2). */
    public int modules() {
        return (symbol.width() / dotsPerModule) - 2 * spec.quietZoneModules();
    }

    /** Dots of quiet zone on each side of the symbol. */
    public int quietZoneDots() {
        return spec.quietZoneModules() * dotsPerModule;
    }
}
