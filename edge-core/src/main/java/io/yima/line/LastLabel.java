package io.yima.line;

import io.yima.drivers.render.RenderedLabel;

/**
 * The label a line rendered last: the raster it was made from and the exact bytes handed to the printer. Kept
 * by reference (the line never touches either again), so recording it costs the line nothing; the status port
 * renders the preview image from it on its own threads. {@code bytes} must not be modified.
 */
public record LastLabel(long applicationId, long codeIndex, String code, RenderedLabel label, byte[] bytes,
                        long renderedAtMillis) {
}
