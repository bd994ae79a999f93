package io.yima.sim.label;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/** A 1-bit label image as the print head would burn it: {@code true} = black dot. Writes outside are clipped. */
public final class LabelRaster {
    private final int width;
    private final int height;
    private final BitSet dots;

    public LabelRaster(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative raster size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.dots = new BitSet(width * height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean get(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && dots.get(y * width + x);
    }

    public void set(int x, int y, boolean black) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            dots.set(y * width + x, black);
        }
    }

    public void fill(int x, int y, int w, int h, boolean black) {
        for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) {
                dots.set(yy * width + xx, black);
            }
        }
    }

    /** Copies {@code src} with its top-left corner at (x, y); black dots are ORed in like a thermal head does. */
    public void draw(LabelRaster src, int x, int y) {
        for (int yy = 0; yy < src.height; yy++) {
            for (int xx = 0; xx < src.width; xx++) {
                if (src.get(xx, yy)) {
                    set(x + xx, y + yy, true);
                }
            }
        }
    }

    /** Draws packed 1-bit rows (MSB = leftmost dot) of {@code bytesPerRow} bytes each. */
    public void drawPacked(byte[] bits, int bytesPerRow, int x, int y) {
        if (bytesPerRow <= 0) {
            return;
        }
        int rows = bits.length / bytesPerRow;
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < bytesPerRow; b++) {
                int v = bits[r * bytesPerRow + b] & 0xFF;
                for (int bit = 0; bit < 8; bit++) {
                    if ((v & (0x80 >>> bit)) != 0) {
                        set(x + b * 8 + bit, y + r, true);
                    }
                }
            }
        }
    }

    public LabelRaster copy() {
        LabelRaster c = new LabelRaster(width, height);
        c.dots.or(dots);
        return c;
    }

    public int blackDots() {
        return dots.cardinality();
    }

    /** SHA-256 of size and dots: equal images, equal digests. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((width + "x" + height + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            md.update(dots.toByteArray());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return img;
    }

    public void writePng(Path file) throws IOException {
        ImageIO.write(toImage(), "png", file.toFile());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelRaster r && r.width == width && r.height == height && r.dots.equals(dots);
    }

    @Override
    public int hashCode() {
        return dots.hashCode() * 31 + width;
    }

    @Override
    public String toString() {
        return "LabelRaster[" + width + "x" + height + ", " + blackDots() + " black]";
    }
}
