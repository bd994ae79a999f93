package io.yima.drivers.render.page;

import io.yima.drivers.render.Raster;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A logo file (PNG or BMP) as printer dots: scaled to the width asked for, then black where it is dark. */
public final class ImageRasters {
    /** A logo is a small picture; a photo-sized file is a mistake, refused before it is decoded. */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private ImageRasters() {
    }

    /**
     * @param widthDots the printed width; the height follows the picture's proportions
     */
    public static Raster load(Path file, int widthDots) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("logo file " + file + " not found");
        }
        BufferedImage img;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("logo file " + file + " is larger than 4 MB; a label logo needs"
                        + " a few kB (a 1-bit PNG of the printed size)");
            }
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("logo file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException("logo file " + file + " is not a PNG or BMP image");
        }
        if (widthDots < 1 || widthDots > 4000) {
            throw new IllegalArgumentException("logo width must be 1..4000 dots, got " + widthDots);
        }
        int heightDots = Math.max(1, (int) Math.round((double) img.getHeight() * widthDots / img.getWidth()));
        Bitmap b = new Bitmap(widthDots, heightDots);
        for (int y = 0; y < heightDots; y++) {
            int sy = Math.min(img.getHeight() - 1, (int) ((y + 0.5) * img.getHeight() / heightDots));
            for (int x = 0; x < widthDots; x++) {
                int sx = Math.min(img.getWidth() - 1, (int) ((x + 0.5) * img.getWidth() / widthDots));
                int argb = img.getRGB(sx, sy);
                int alpha = argb >>> 24;
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int bl = argb & 0xFF;
                // Rec. 601 luma; transparent counts as white (the label's colour).
                if (alpha >= 128 && (299 * r + 587 * g + 114 * bl) < 128_000) {
                    b.set(x, y);
                }
            }
        }
        return b.toRaster();
    }
}
