package io.yima.drivers.render;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A 1-bit image as printers take it: rows top to bottom, each row padded to whole bytes, most significant bit =
 * leftmost dot, {@code 1} = black. Both the ZPL {@code ^GF} and the ESC/POS {@code GS v 0} encoders consume this form
 * unchanged.
 *
 * <p>A raster may be built lazily: a native-QR label never needs the dots, so the QR encoder only runs when someone
 * actually reads them.
 */
public final class Raster {
    private final int width;
    private final int height;
    private final int bytesPerRow;
    private volatile byte[] rows;
    private Supplier<byte[]> source;

    private Raster(int width, int height, byte[] rows, Supplier<byte[]> source) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster must have a positive size, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.bytesPerRow = (width + 7) >>> 3;
        this.rows = rows;
        this.source = source;
        if (rows != null && rows.length != bytesPerRow * height) {
            throw new IllegalArgumentException("raster " + width + " x " + height + " needs " + bytesPerRow * height
                    + " bytes, got " + rows.length);
        }
    }

    /** Wraps packed rows (not copied: the caller hands them over). */
    public static Raster of(int width, int height, byte[] rows) {
        return new Raster(width, height, Objects.requireNonNull(rows, "rows"), null);
    }

    /** A raster whose rows are computed on first use. */
    public static Raster lazy(int width, int height, Supplier<byte[]> rows) {
        return new Raster(width, height, null, Objects.requireNonNull(rows, "rows"));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bytesPerRow() {
        return bytesPerRow;
    }

    /** The packed rows; shared, not copied, because encoders read them per label. Do not modify. */
    public byte[] rows() {
        byte[] r = rows;
        if (r == null) {
            synchronized (this) {
                r = rows;
                if (r == null) {
                    r = source.get();
                    if (r.length != bytesPerRow * height) {
                        throw new IllegalStateException("lazy raster produced " + r.length + " bytes, expected "
                                + bytesPerRow * height);
                    }
                    rows = r;
                    source = null;
                }
            }
        }
        return r;
    }

    public boolean isBlack(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return false;
        }
        return (rows()[y * bytesPerRow + (x >>> 3)] & (0x80 >>> (x & 7))) != 0;
    }
}
