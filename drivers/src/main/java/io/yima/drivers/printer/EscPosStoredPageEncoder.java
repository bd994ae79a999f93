package io.yima.drivers.printer;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.Bitmap;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * ESC/POS for a whole {@link LabelPage} whose fixed part the printer keeps as downloaded graphics (its RAM), for
 * printers that have {@code GS ( L} functions 81, 83 and 85 (docs/device-protocols.md §2.6):
 * <pre>
 * download: ESC @  GS ( L fn 81 "CLR"  GS ( L fn 83 {key} {strip of fixed rows} ...   (once per fixed part)
 * label:    per strip of {@value #STRIP_ROWS} rows, top to bottom:
 *             no variable dot in it:  GS ( L fn 85 {key} 1 1    (the stored strip)
 *             else:                   GS v 0 {the strip's rows, fixed and variable ORed, right-trimmed}
 *           GS V 66 0
 * </pre>
 * Standard mode stacks what it prints: a stored graphic and a raster band each print at the start of the line and
 * feed the paper by their height, so the strips rebuild the page row for row. (Page mode could lay the variable
 * marks over one stored image, but its print area and where a graphic sits against the baseline differ between
 * makers; this needs neither.) The strips are cut at fixed rows, so which of them a label prints from memory
 * depends only on where its variable dots fall; equal strips share one key. Every download first deletes all
 * downloaded graphics, so a key never recalls another job's strip, and the labels send no {@code ESC @} (it may
 * clear the graphics on some printers). A strip the printer lost prints nothing and feeds nothing: the label comes
 * out short, never with another job's fixed part. Not thread-safe (it keeps the last fixed part it cut).
 */
public final class EscPosStoredPageEncoder {
    /** Rows per strip: small enough that a variable mark costs few rows inline, large enough to keep keys few. */
    public static final int STRIP_ROWS = 24;
    /** Keys are two printable characters, 33..126 each (GS ( L allows 32..126; space is left out). */
    private static final int KEYS = 94 * 94;
    /** Widest downloaded graphic GS ( L fn 83 takes, in dots. */
    static final int MAX_WIDTH_DOTS = 8192;

    private final int stripRows;
    private String fixedKey;
    private Raster fixed;
    /** Per strip, its key number; and the download that defines them. */
    private int[] stripKeys;
    private byte[] download;

    /** @param maxBandHeight the printer's tallest band ({@code printer.max_band_height}); strips are no taller */
    public EscPosStoredPageEncoder(int maxBandHeight) {
        if (maxBandHeight < 1 || maxBandHeight > 65535) {
            throw new IllegalArgumentException("max band height must be 1..65535 dot rows, got " + maxBandHeight);
        }
        this.stripRows = Math.min(STRIP_ROWS, maxBandHeight);
    }

    /** What the printer must hold before {@link #recall}: its old graphics deleted, the fixed strips defined. */
    public byte[] download(LabelPage page) {
        fixedPart(page);
        return download;
    }

    /** The graphics a download defines for this page (distinct strips). */
    public int images(LabelPage page) {
        fixedPart(page);
        return Arrays.stream(stripKeys).max().orElse(-1) + 1;
    }

    /** One label: each strip from memory, or as raster where this label's own marks fall. */
    public byte[] recall(LabelPage page) {
        fixedPart(page);
        Bitmap v = new Bitmap(page.widthDots(), page.heightDots());
        for (Mark m : page.variable()) {
            m.drawOn(v);
        }
        byte[] var = v.toRaster().rows();
        byte[] fix = fixed.rows();
        int bpr = fixed.bytesPerRow();
        int height = fixed.height();
        ByteSink out = new ByteSink(16 * stripKeys.length + 1024);
        for (int s = 0; s < stripKeys.length; s++) {
            int y0 = s * stripRows;
            int h = Math.min(stripRows, height - y0);
            int from = y0 * bpr;
            int to = (y0 + h) * bpr;
            if (blank(var, from, to)) {
                int key = stripKeys[s];
                out.put(new byte[] {EscPosEncoder.GS, '(', 'L', 6, 0, 48, 85, kc1(key), kc2(key), 1, 1});
                continue;
            }
            int width = 1; // bytes up to the last one with a dot, in any row of the strip
            for (int y = 0; y < h; y++) {
                for (int x = bpr - 1; x >= width; x--) {
                    int i = from + y * bpr + x;
                    if ((fix[i] | var[i]) != 0) {
                        width = x + 1;
                        break;
                    }
                }
            }
            out.put(new byte[] {EscPosEncoder.GS, 'v', '0', 0, (byte) width, (byte) (width >>> 8), (byte) h,
                    (byte) (h >>> 8)});
            out.ensure(width * h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < width; x++) {
                    int i = from + y * bpr + x;
                    out.put((byte) (fix[i] | var[i]));
                }
            }
        }
        out.put(new byte[] {EscPosEncoder.GS, 'V', 66, 0});
        return out.toByteArray();
    }

    private void fixedPart(LabelPage page) {
        if (page.fixedKey().equals(fixedKey)) {
            return;
        }
        if (page.widthDots() > MAX_WIDTH_DOTS) {
            throw new IllegalArgumentException("label of " + page.widthDots() + " dots is wider than the "
                    + MAX_WIDTH_DOTS + " dots an ESC/POS downloaded graphic can be");
        }
        Bitmap b = new Bitmap(page.widthDots(), page.heightDots());
        for (Mark m : page.fixed()) {
            m.drawOn(b);
        }
        Raster r = b.toRaster();
        int bpr = r.bytesPerRow();
        int strips = (r.height() + stripRows - 1) / stripRows;
        int[] keys = new int[strips];
        Map<ByteBuffer, Integer> distinct = new HashMap<>();
        ByteSink out = new ByteSink(r.rows().length + 16 * strips + 16);
        out.put(new byte[] {EscPosEncoder.ESC, '@'});
        out.put(new byte[] {EscPosEncoder.GS, '(', 'L', 5, 0, 48, 81, 'C', 'L', 'R'});
        for (int s = 0; s < strips; s++) {
            int y0 = s * stripRows;
            int h = Math.min(stripRows, r.height() - y0);
            ByteBuffer rows = ByteBuffer.wrap(Arrays.copyOfRange(r.rows(), y0 * bpr, (y0 + h) * bpr));
            Integer key = distinct.get(rows);
            if (key == null) {
                key = distinct.size();
                if (key >= KEYS) {
                    throw new IllegalArgumentException("label too tall for ESC/POS downloaded graphics");
                }
                distinct.put(rows, key);
                int k = rows.capacity();
                int params = 11 + k;
                int x = 8 * bpr;
                out.put(new byte[] {EscPosEncoder.GS, '(', 'L', (byte) params, (byte) (params >>> 8), 48, 83, 48,
                        kc1(key), kc2(key), 1, (byte) x, (byte) (x >>> 8), (byte) h, (byte) (h >>> 8), 49});
                out.put(rows.array());
            }
            keys[s] = key;
        }
        fixed = r;
        stripKeys = keys;
        download = out.toByteArray();
        fixedKey = page.fixedKey();
    }

    private static boolean blank(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte kc1(int key) {
        return (byte) (33 + key / 94);
    }

    private static byte kc2(int key) {
        return (byte) (33 + key % 94);
    }
}
