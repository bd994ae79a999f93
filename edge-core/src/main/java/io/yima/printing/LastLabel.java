package io.yima.printing;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;

/**
 * The label a line rendered last: what it was made from and the exact bytes handed to the printer. Kept by
 * reference (the line never touches either again), so recording it costs the line nothing; the status port
 * renders the preview image from it on its own threads. {@code bytes} must not be modified.
 *
 * @param label   the symbol's raster and layout (null for a template label, whose {@code preview} is its page)
 * @param preview the whole label as it prints, drawn when first read
 */
public record LastLabel(long applicationId, long codeIndex, String code, RenderedLabel label, byte[] bytes,
                        long renderedAtMillis, Raster preview) {
}
