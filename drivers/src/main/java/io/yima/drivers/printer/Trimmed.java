package io.yima.drivers.printer;

import io.yima.drivers.render.Raster;

/** A raster without its white margins: rows cut exactly, columns to whole bytes (a white label is white). */
record Trimmed(byte[] rows, int bytesPerRow, int top, int leftBytes) {
    static Trimmed of(Raster r) {
        byte[] rows = r.rows();
        int bpr = r.bytesPerRow();
        int top = -1;
        int bottom = -1;
        int left = bpr;
        int right = -1;
        for (int y = 0; y < r.height(); y++) {
            for (int i = 0; i < bpr; i++) {
                if (rows[y * bpr + i] != 0) {
                    if (top < 0) {
                        top = y;
                    }
                    bottom = y;
                    left = Math.min(left, i);
                    right = Math.max(right, i);
                }
            }
        }
        if (top < 0) {
            return null;
        }
        int outBpr = right - left + 1;
        int h = bottom - top + 1;
        byte[] out = new byte[outBpr * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rows, (top + y) * bpr + left, out, y * outBpr, outBpr);
        }
        return new Trimmed(out, outBpr, top, left);
    }
}
