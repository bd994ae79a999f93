package io.yima.drivers.printer;

import io.yima.drivers.render.Raster;

/**
 * ESC/POS for a whole label page: {@code ESC @}, the page's raster as {@code GS v 0} bands of at most
 * {@code maxBandHeight} rows (white rows included, so the label's length is exact), then {@code GS V 66 0}.
 * Receipt-style printers keep no formats, so every label travels whole.
 */
public final class EscPosPageEncoder {
    private final int maxBandHeight;

    public EscPosPageEncoder(int maxBandHeight) {
        if (maxBandHeight < 1 || maxBandHeight > 65535) {
            throw new IllegalArgumentException("max band height must be 1..65535 dot rows, got " + maxBandHeight);
        }
        this.maxBandHeight = maxBandHeight;
    }

    public byte[] encode(Raster page) {
        byte[] rows = page.rows();
        int bpr = page.bytesPerRow();
        ByteSink out = new ByteSink(rows.length + 16 + 8 * (page.height() / maxBandHeight + 1));
        out.put(new byte[] {EscPosEncoder.ESC, '@'});
        for (int y0 = 0; y0 < page.height(); y0 += maxBandHeight) {
            int h = Math.min(maxBandHeight, page.height() - y0);
            out.put(new byte[] {EscPosEncoder.GS, 'v', '0', 0, (byte) bpr, (byte) (bpr >>> 8), (byte) h,
                    (byte) (h >>> 8)});
            out.put(java.util.Arrays.copyOfRange(rows, y0 * bpr, (y0 + h) * bpr));
        }
        out.put(new byte[] {EscPosEncoder.GS, 'V', 66, 0});
        return out.toByteArray();
    }
}
