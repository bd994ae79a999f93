package io.yima.drivers.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a raster as a 1-bit PNG (for debugging and for the {@code render} command). */
public final class PngWriter {
    private PngWriter() {
    }

    public static void write(Raster r, Path out) {
        BufferedImage img = toImage(r);
        try {
            if (!ImageIO.write(img, "png", out.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The raster as a binary image, white background, black dots. */
    public static BufferedImage toImage(Raster r) {
        BufferedImage img = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_BYTE_BINARY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rows = r.rows();
        // TYPE_BYTE_BINARY packs 8 pixels per byte, MSB first, with 1 = white in its default palette: invert.
        int bpr = r.bytesPerRow();
        for (int i = 0; i < rows.length; i++) {
            data[i] = (byte) ~rows[i];
        }
        // Clear the padding bits past the width so they stay white (0 in our raster = 1 in the image).
        int pad = bpr * 8 - r.width();
        if (pad > 0) {
            int mask = (1 << pad) - 1;
            for (int y = 0; y < r.height(); y++) {
                data[y * bpr + bpr - 1] |= (byte) mask;
            }
        }
        return img;
    }
}
