package io.yima.sim.printer;

import io.yima.sim.label.LabelRaster;

/**
 * Reads a Windows BMP as a TSC printer's {@code PUTBMP} does: uncompressed, one bit per pixel, a palette of two
 * colours; the colour darker than mid-grey prints. Rows are stored bottom-up (top-down when the height is negative),
 * each padded to 4 bytes. Anything else is refused with the reason.
 */
final class MonochromeBmp {
    private MonochromeBmp() {
    }

    /** The image's dots (black = printed), or an {@link IllegalArgumentException} saying what is wrong. */
    static LabelRaster read(byte[] f, int maxWidth, int maxHeight) {
        if (f.length < 54 || f[0] != 'B' || f[1] != 'M') {
            throw new IllegalArgumentException("not a BMP file");
        }
        long dataAt = u32(f, 10);
        long infoSize = u32(f, 14);
        int width = (int) u32(f, 18);
        int rawHeight = (int) u32(f, 22);
        int planes = u16(f, 26);
        int bpp = u16(f, 28);
        long compression = u32(f, 30);
        if (infoSize < 40 || planes != 1 || bpp != 1 || compression != 0) {
            throw new IllegalArgumentException("only uncompressed 1-bit BMP is printed (this one has " + bpp
                    + " bits per pixel, compression " + compression + ")");
        }
        boolean topDown = rawHeight < 0;
        int height = Math.abs(rawHeight);
        if (width < 1 || height < 1 || width > maxWidth || height > maxHeight) {
            throw new IllegalArgumentException("BMP of " + width + " x " + height
                    + " dots outside this printer's range");
        }
        long paletteAt = 14 + infoSize;
        if (paletteAt + 8 > f.length) {
            throw new IllegalArgumentException("BMP palette missing");
        }
        boolean zeroDark = dark(f, (int) paletteAt);
        boolean oneDark = dark(f, (int) paletteAt + 4);
        int stride = ((width + 31) / 32) * 4;
        if (dataAt < paletteAt + 8 || dataAt + (long) stride * height > f.length) {
            throw new IllegalArgumentException("BMP shorter than its " + width + " x " + height + " dots");
        }
        LabelRaster r = new LabelRaster(width, height);
        for (int row = 0; row < height; row++) {
            int y = topDown ? row : height - 1 - row;
            int at = (int) dataAt + row * stride;
            for (int x = 0; x < width; x++) {
                boolean one = (f[at + (x >>> 3)] & (0x80 >>> (x & 7))) != 0;
                if (one ? oneDark : zeroDark) {
                    r.set(x, y, true);
                }
            }
        }
        return r;
    }

    /** A palette entry (blue, green, red, reserved) darker than mid-grey. */
    private static boolean dark(byte[] f, int at) {
        int b = f[at] & 0xFF;
        int g = f[at + 1] & 0xFF;
        int r = f[at + 2] & 0xFF;
        return 299 * r + 587 * g + 114 * b < 128_000;
    }

    private static int u16(byte[] f, int at) {
        return (f[at] & 0xFF) | (f[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] f, int at) {
        return (f[at] & 0xFFL) | (f[at + 1] & 0xFFL) << 8 | (f[at + 2] & 0xFFL) << 16 | (f[at + 3] & 0xFFL) << 24;
    }
}
