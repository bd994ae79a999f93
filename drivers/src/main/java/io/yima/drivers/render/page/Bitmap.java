package io.yima.drivers.render.page;

import io.yima.drivers.render.Raster;

/**
 * A mutable 1-bit drawing surface in the {@link Raster} layout (rows padded to bytes, MSB = leftmost dot, 1 = black).
 * Drawing ORs black dots in, as a thermal head does; anything outside the surface is clipped.
 */
public final class Bitmap {
    private final int width;
    private final int height;
    private final int bytesPerRow;
    private final byte[] rows;

    public Bitmap(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bitmap must have a positive size, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.bytesPerRow = (width + 7) >>> 3;
        this.rows = new byte[bytesPerRow * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public void set(int x, int y) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            rows[y * bytesPerRow + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
        }
    }

    public void fill(int x, int y, int w, int h) {
        for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) {
                rows[yy * bytesPerRow + (xx >>> 3)] |= (byte) (0x80 >>> (xx & 7));
            }
        }
    }

    /** A box outline of thickness {@code t} (a solid bar when {@code t} covers it), drawn as ZPL's {@code ^GB}. */
    public void box(int x, int y, int w, int h, int t) {
        int tw = Math.min(t, w);
        int th = Math.min(t, h);
        fill(x, y, w, th);
        fill(x, y + h - th, w, th);
        fill(x, y, tw, h);
        fill(x + w - tw, y, tw, h);
    }

    /** ORs {@code src} in with its top-left corner at (x, y). */
    public void draw(Raster src, int x, int y) {
        byte[] s = src.rows();
        int sbpr = src.bytesPerRow();
        for (int yy = 0; yy < src.height(); yy++) {
            int ty = y + yy;
            if (ty < 0 || ty >= height) {
                continue;
            }
            for (int xx = 0; xx < src.width(); xx++) {
                if ((s[yy * sbpr + (xx >>> 3)] & (0x80 >>> (xx & 7))) != 0) {
                    set(x + xx, ty);
                }
            }
        }
    }

    /** The dots drawn so far (the bitmap must not be drawn on afterwards). */
    public Raster toRaster() {
        return Raster.of(width, height, rows);
    }
}
