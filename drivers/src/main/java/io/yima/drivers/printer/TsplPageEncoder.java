package io.yima.drivers.printer;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.Bitmap;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;

/**
 * TSPL / TSPL2 for a whole {@link LabelPage}, every mark as dots, framed as {@link TsplEncoder} frames a label
 * ({@code SIZE}, {@code GAP}, {@code DIRECTION 0}, {@code CLS}, ..., {@code PRINT 1,1}; each command ended by CR LF;
 * in a {@code BITMAP} a 0 bit is a printed dot). Two ways (docs/device-protocols.md §6):
 * <pre>
 * inline:  SIZE.. GAP.. DIRECTION 0 CLS  BITMAP x,y,{bytes per row},{rows},0,{the page's dots}  PRINT 1,1
 * stored:  DOWNLOAD "Y{key}.BMP",{size},{a 1-bit BMP of the fixed marks}                  (once per fixed part)
 *          SIZE.. GAP.. DIRECTION 0 CLS  PUTBMP x,y,"Y{key}.BMP"
 *          BITMAP x,y,{bpr},{rows},1,{one variable mark}  ...  PRINT 1,1                   (each label)
 * </pre>
 * The variable marks are ORed in (mode 1), so where one overlaps a fixed mark its white dots do not erase the fixed
 * ones. A Data Matrix symbol goes as the printer's own {@code DMATRIX} (module size and symbol size fixed, so the
 * printer draws the preview's modules), after the {@code BITMAP}s, and so does a per-label line of printable ASCII
 * text ({@link Mark.Text}) as {@code TEXT x,y,"0",0,p,p,"text"}: the printer's built-in scalable font, {@code p}
 * points high (the template's size in dots at the printer's dpi, to the nearest point). {@code DOWNLOAD} without a
 * memory letter stores in DRAM, which a power cycle empties; the stored name carries a hash of what it holds, so a
 * label never draws another job's fixed part: an image the printer lost prints nothing in its place, never an old
 * one. Not thread-safe (it keeps the last fixed part it drew).
 */
public final class TsplPageEncoder {
    private final byte[] head;
    private final int dpi;
    /** The last page's fixed key, its fixed marks as a trimmed raster (null: nothing black) and as a BMP file. */
    private String fixedKey;
    private Trimmed fixed;
    private byte[] fixedBmp;

    /**
     * @param widthMm  the label's width as configured (the page's dots are the same mm at the printer's dpi)
     * @param heightMm the label's height
     * @param gapMm    the gap between labels, for {@code GAP}
     */
    public TsplPageEncoder(double widthMm, double heightMm, double gapMm) {
        this(widthMm, heightMm, gapMm, 300);
    }

    /** @param dpi the printer's resolution (the page's), which turns a text's height in dots into points */
    public TsplPageEncoder(double widthMm, double heightMm, double gapMm, int dpi) {
        if (dpi < 100 || dpi > 1200) {
            throw new IllegalArgumentException("dpi must be 100..1200, got " + dpi);
        }
        this.dpi = dpi;
        if (!(widthMm > 0 && heightMm > 0)) {
            throw new IllegalArgumentException("label size must be positive, got " + widthMm + " x " + heightMm
                    + " mm");
        }
        if (!(gapMm >= 0 && gapMm <= 25.4)) {
            throw new IllegalArgumentException("label gap must be 0..25.4 mm, got " + gapMm);
        }
        ByteSink h = new ByteSink(96);
        h.ascii("SIZE " + TsplEncoder.mm(widthMm) + " mm," + TsplEncoder.mm(heightMm) + " mm\r\n");
        h.ascii("GAP " + TsplEncoder.mm(gapMm) + " mm,0 mm\r\n");
        h.ascii("DIRECTION 0\r\nCLS\r\n");
        this.head = h.toByteArray();
    }

    /** The stored image's name for a page's fixed key: 8.3, like every file name a TSC keeps. */
    public static String imageName(LabelPage page) {
        return "Y" + page.fixedKey() + ".BMP";
    }

    /** Every label complete: the whole page's black area as one overwriting {@code BITMAP}. */
    public byte[] inline(LabelPage page) {
        Bitmap b = new Bitmap(page.widthDots(), page.heightDots());
        for (Mark m : page.fixed()) {
            m.drawOn(b);
        }
        for (Mark m : page.variable()) {
            if (!(m instanceof Mark.DataMatrix d && nativeDataMatrix(d, page))
                    && !(m instanceof Mark.Text t && nativeText(t))) {
                m.drawOn(b);
            }
        }
        Trimmed t = Trimmed.of(b.toRaster());
        ByteSink out = new ByteSink(head.length + (t == null ? 0 : t.rows().length) + 256);
        out.put(head);
        if (t != null) {
            bitmap(t, 0, 0, 0, out);
        }
        for (Mark m : page.variable()) {
            if (m instanceof Mark.DataMatrix d && nativeDataMatrix(d, page)) {
                dmatrix(d, out); // after the BITMAP, which overwrites its area
            } else if (m instanceof Mark.Text tx && nativeText(tx)) {
                text(tx, out);
            }
        }
        out.ascii("PRINT 1,1\r\n");
        return out.toByteArray();
    }

    /**
     * {@code DMATRIX x,y,w,h,x{module},{rows},{cols},"content"}: the printer's own Data Matrix, its module size and
     * symbol size fixed so it draws the modules the preview shows.
     */
    private static void dmatrix(Mark.DataMatrix d, ByteSink out) {
        int side = d.modules() * d.moduleDots();
        out.ascii("DMATRIX " + (d.x() + d.quietDots()) + "," + (d.y() + d.quietDots()) + "," + side + "," + side
                + ",x" + d.moduleDots() + "," + d.modules() + "," + d.modules() + ",\"" + d.content() + "\"\r\n");
    }

    /** Printable ASCII without a double quote (which would end the string) and the whole symbol on the label. */
    private static boolean nativeDataMatrix(Mark.DataMatrix d, LabelPage page) {
        int side = d.modules() * d.moduleDots();
        int x = d.x() + d.quietDots();
        int y = d.y() + d.quietDots();
        return !d.content().isEmpty() && d.content().chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"')
                && x >= 0 && y >= 0 && x + side <= page.widthDots() && y + side <= page.heightDots();
    }

    /**
     * {@code TEXT x,y,"0",0,p,p,"text"}: font "0" is the scalable font every TSPL2 printer has built in, its x and y
     * multipliers its width and height in points (1/72 inch).
     */
    private void text(Mark.Text t, ByteSink out) {
        if (t.text().isEmpty()) {
            return; // nothing to print
        }
        int points = points(t);
        out.ascii("TEXT " + t.x() + "," + t.y() + ",\"0\",0," + points + "," + points + ",\"" + t.text() + "\"\r\n");
    }

    /** The text's height in points at the printer's dpi, to the nearest (at least 1). */
    int points(Mark.Text t) {
        return Math.max(1, Math.round(t.heightDots() * 72f / dpi));
    }

    /**
     * Whether the printer's font prints the text: printable ASCII without a double quote (which would end the
     * string). The built-in fonts hold Latin glyphs only; Chinese needs a font only some TSC models carry, so it
     * stays the edge's picture of it.
     */
    static boolean nativeText(Mark.Text t) {
        return t.printableAscii() && t.text().indexOf('"') < 0;
    }

    /** What the printer must hold before {@link #recall}: the fixed marks as a BMP file (nothing if none). */
    public byte[] download(LabelPage page) {
        fixedPart(page);
        if (fixed == null) {
            return new byte[0];
        }
        ByteSink out = new ByteSink(fixedBmp.length + 48);
        out.ascii("DOWNLOAD \"" + imageName(page) + "\"," + fixedBmp.length + ",");
        out.put(fixedBmp);
        out.ascii("\r\n");
        return out.toByteArray();
    }

    /** One label of a stored image: the frame, the image, the variable marks. */
    public byte[] recall(LabelPage page) {
        fixedPart(page);
        ByteSink out = new ByteSink(head.length + 4096);
        out.put(head);
        if (fixed != null) {
            out.ascii("PUTBMP " + 8 * fixed.leftBytes() + "," + fixed.top() + ",\"" + imageName(page) + "\"\r\n");
        }
        for (Mark m : page.variable()) {
            if (m instanceof Mark.DataMatrix d && nativeDataMatrix(d, page)) {
                dmatrix(d, out);
                continue;
            }
            if (m instanceof Mark.Text t && nativeText(t)) {
                text(t, out);
                continue;
            }
            if (m instanceof Mark.DataMatrix d) {
                m = new Mark.Graphic(d.x(), d.y(), d.raster());
            } else if (m instanceof Mark.Text t) {
                m = t.asGraphic();
            }
            if (m instanceof Mark.Graphic g && g.x() >= 0 && g.y() >= 0
                    && g.x() + g.raster().width() <= page.widthDots()
                    && g.y() + g.raster().height() <= page.heightDots()) {
                Trimmed t = Trimmed.of(g.raster()); // inside the label: its own raster, placed at any dot
                if (t != null) {
                    bitmap(t, g.x(), g.y(), 1, out);
                }
                continue;
            }
            Bitmap b = new Bitmap(page.widthDots(), page.heightDots());
            m.drawOn(b); // a box, or a picture reaching past the edge: clipped to the label, as the preview is
            Trimmed t = Trimmed.of(b.toRaster());
            if (t != null) {
                bitmap(t, 0, 0, 1, out);
            }
        }
        out.ascii("PRINT 1,1\r\n");
        return out.toByteArray();
    }

    private void fixedPart(LabelPage page) {
        if (page.fixedKey().equals(fixedKey)) {
            return;
        }
        Bitmap b = new Bitmap(page.widthDots(), page.heightDots());
        for (Mark m : page.fixed()) {
            m.drawOn(b);
        }
        Trimmed t = Trimmed.of(b.toRaster());
        fixed = t;
        fixedBmp = t == null ? null : bmp(t);
        fixedKey = page.fixedKey();
    }

    /** {@code BITMAP x,y,w,h,mode,data} of a trimmed raster placed at its offset from (x, y), inverted. */
    private static void bitmap(Trimmed t, int x, int y, int mode, ByteSink out) {
        out.ascii("BITMAP " + (x + 8 * t.leftBytes()) + "," + (y + t.top()) + "," + t.bytesPerRow() + ","
                + t.rows().length / t.bytesPerRow() + "," + mode + ",");
        int n = t.rows().length;
        out.ensure(n);
        byte[] a = out.array();
        int base = out.size();
        for (int i = 0; i < n; i++) {
            a[base + i] = (byte) ~t.rows()[i];
        }
        out.advance(n);
        out.ascii("\r\n");
    }

    /**
     * A Windows 1-bit BMP file: 14-byte file header, 40-byte info header, a two-colour palette (index 0 black,
     * index 1 white), rows bottom-up, each padded to 4 bytes. Index 0 is black, so the bits are the raster's
     * inverted, as in a {@code BITMAP}; padding is white.
     */
    static byte[] bmp(Trimmed t) {
        int w = 8 * t.bytesPerRow();
        int h = t.rows().length / t.bytesPerRow();
        int stride = (t.bytesPerRow() + 3) & ~3;
        int offset = 14 + 40 + 8;
        int size = offset + stride * h;
        byte[] f = new byte[size];
        f[0] = 'B';
        f[1] = 'M';
        le32(f, 2, size);
        le32(f, 10, offset);
        le32(f, 14, 40);
        le32(f, 18, w);
        le32(f, 22, h);
        f[26] = 1;  // planes
        f[28] = 1;  // bits per pixel
        le32(f, 34, stride * h);
        le32(f, 38, 11811); // 300 dpi in pixels per metre (informative only)
        le32(f, 42, 11811);
        le32(f, 46, 2);
        // palette: index 0 = black (0,0,0,0), index 1 = white
        f[58] = (byte) 0xFF;
        f[59] = (byte) 0xFF;
        f[60] = (byte) 0xFF;
        for (int y = 0; y < h; y++) {
            int dst = offset + (h - 1 - y) * stride;
            for (int i = 0; i < stride; i++) {
                f[dst + i] = i < t.bytesPerRow() ? (byte) ~t.rows()[y * t.bytesPerRow() + i] : (byte) 0xFF;
            }
        }
        return f;
    }

    private static void le32(byte[] a, int at, int v) {
        a[at] = (byte) v;
        a[at + 1] = (byte) (v >>> 8);
        a[at + 2] = (byte) (v >>> 16);
        a[at + 3] = (byte) (v >>> 24);
    }
}
