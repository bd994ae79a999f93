package io.yima.drivers.printer;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * ZPL II for a whole {@link LabelPage}, its marks as dots ({@code ^GF} pictures, {@code ^GB} boxes), so what the
 * printer prints is the page's raster dot for dot whatever fonts it has; a Data Matrix symbol goes as the printer's
 * own {@code ^BX} with its module size and symbol size fixed (the same modules as the preview), and a per-label line
 * of printable ASCII text ({@link Mark.Text}: the code, the label number, the item) in the printer's own font
 * {@code ^A0}, {@code h} dots high (tens of bytes instead of a picture of it). Two ways:
 * <pre>
 * inline:  ^XA^PW{w}^LL{h} {every mark; text as ^FOx,y^A0N,h,h^FD..^FS} ^XZ                (each label complete)
 * stored:  ~DGR:L{key}.GRF,{t},{w},{hex}                                                (the logo, once)
 *          ^XA^DFR:Y{key}.ZPL^FS^PW{w}^LL{h} {fixed marks, logo as ^XG}
 *              {each text field: ^FOx,y^A0N,h,h^FNn^FS} ^XZ                                (the format, once)
 *          ^XA^XFR:Y{key}.ZPL^FS {^FNn^FD{text}^FS per text field} {other variable marks} ^XZ (each label)
 * </pre>
 * The other variable marks ride in the recalling format itself (ZPL merges fields after {@code ^XF} into the stored
 * format); as pictures they need no {@code ^FN} slot. A text the printer's font cannot carry on one label (see
 * {@link #nativeText}) goes as its picture, and its {@code ^FN} field gets no data (a field without data prints
 * nothing). The stored names carry a hash of what they hold, the text fields' places included, so a label never
 * recalls another job's format: a format the printer lost prints without its fixed marks, never with old ones; and
 * each label sends every field's data itself, so none prints another label's text. Not thread-safe (it keeps the
 * last fixed part it encoded).
 */
public final class ZplPageEncoder {
    private final ZplEncoder.Graphic graphic;
    /** The last page's fixed key and its fixed marks as inline ZPL (an encoder serves one line: one thread). */
    private String inlineKey;
    private byte[] inlineFixed;

    public ZplPageEncoder(ZplEncoder.Graphic graphic) {
        this.graphic = Objects.requireNonNull(graphic, "graphic");
        if (graphic == ZplEncoder.Graphic.NATIVE_QR) {
            throw new IllegalArgumentException("a label template is sent as dots; graphic NATIVE is not available");
        }
    }

    /** The stored format's name for a page's fixed key. */
    public static String formatName(LabelPage page) {
        return "R:Y" + page.fixedKey() + ".ZPL";
    }

    /** Everything per label; the fixed marks' bytes are encoded once per fixed key (they are the same bytes). */
    public byte[] inline(LabelPage page) {
        byte[] fixed = inlineFixed;
        if (fixed == null || !page.fixedKey().equals(inlineKey)) {
            ByteSink f = new ByteSink(4096);
            f.ascii("^XA^PW" + page.widthDots() + "^LL" + page.heightDots());
            for (Mark m : page.fixed()) {
                mark(m, f, false);
            }
            fixed = f.toByteArray();
            inlineFixed = fixed;
            inlineKey = page.fixedKey();
        }
        ByteSink out = new ByteSink(fixed.length + 2048);
        out.put(fixed);
        for (Mark m : page.variable()) {
            mark(m, out, false);
        }
        out.ascii("^XZ");
        return out.toByteArray();
    }

    /** What the printer must hold before {@link #recall}: the stored graphics, then the format of fixed marks. */
    public byte[] download(LabelPage page) {
        ByteSink out = new ByteSink(8192);
        Map<String, Raster> stored = new LinkedHashMap<>();
        for (Mark m : page.fixed()) {
            if (m instanceof Mark.Graphic g && g.storedName() != null) {
                stored.putIfAbsent(g.storedName(), g.raster());
            }
        }
        for (Map.Entry<String, Raster> e : stored.entrySet()) {
            Raster r = e.getValue();
            out.ascii("~DG" + e.getKey() + "," + r.rows().length + "," + r.bytesPerRow() + ",");
            ZplGraphic.hex(r.rows(), out);
            out.ascii("\n");
        }
        out.ascii("^XA^DF" + formatName(page) + "^FS^PW" + page.widthDots() + "^LL" + page.heightDots());
        for (Mark m : page.fixed()) {
            mark(m, out, true);
        }
        for (Mark m : page.variable()) {
            if (m instanceof Mark.Text t && fieldHeight(t)) {
                out.ascii("^FO" + t.x() + "," + t.y() + font(t) + "^FN" + t.field() + "^FS");
            }
        }
        out.ascii("^XZ\n");
        return out.toByteArray();
    }

    /** One label of a stored format: the recall and the variable marks. */
    public byte[] recall(LabelPage page) {
        ByteSink out = new ByteSink(2048);
        out.ascii("^XA^XF" + formatName(page) + "^FS");
        for (Mark m : page.variable()) {
            if (m instanceof Mark.Text t && nativeText(t)) {
                out.ascii("^FN" + t.field() + "^FD" + t.text() + "^FS"); // fills the format's field
            } else {
                mark(m, out, false);
            }
        }
        out.ascii("^XZ");
        return out.toByteArray();
    }

    private void mark(Mark m, ByteSink out, boolean recallStored) {
        if (m instanceof Mark.Box b) {
            out.ascii("^FO" + b.x() + "," + b.y() + "^GB" + b.width() + "," + b.height() + "," + b.thickness() + "^FS");
            return;
        }
        if (m instanceof Mark.DataMatrix d && nativeDataMatrix(d)) {
            // the printer's own Data Matrix: orientation N, d.moduleDots() dots a module, ECC 200, the symbol's
            // size in modules given so the printer draws the one the preview shows
            out.ascii("^FO" + (d.x() + d.quietDots()) + "," + (d.y() + d.quietDots()) + "^BXN," + d.moduleDots()
                    + ",200," + d.modules() + "," + d.modules() + "^FD" + d.content() + "^FS");
            return;
        }
        if (m instanceof Mark.Text t && nativeText(t)) {
            out.ascii("^FO" + t.x() + "," + t.y() + font(t) + "^FD" + t.text() + "^FS");
            return;
        }
        Mark.Graphic g = m instanceof Mark.DataMatrix d ? new Mark.Graphic(d.x(), d.y(), d.raster())
                : m instanceof Mark.Text t ? t.asGraphic() : (Mark.Graphic) m;
        if (recallStored && g.storedName() != null) {
            out.ascii("^FO" + g.x() + "," + g.y() + "^XG" + g.storedName() + ",1,1^FS");
            return;
        }
        Trimmed t = Trimmed.of(g.raster());
        if (t == null) {
            return; // nothing black: nothing to print
        }
        int total = t.rows().length;
        out.ascii("^FO" + (g.x() + 8 * t.leftBytes()) + "," + (g.y() + t.top()) + "^GFA," + total + "," + total + ","
                + t.bytesPerRow() + ",");
        switch (graphic) {
            case HEX -> ZplGraphic.hex(t.rows(), out);
            case RLE -> ZplGraphic.rle(t.rows(), t.bytesPerRow(), out);
            default -> ZplGraphic.z64(t.rows(), out);
        }
        out.ascii("^FS");
    }

    /**
     * Whether ^BX can carry the content as it is: printable ASCII without the command prefixes {@code ^} and
     * {@code ~} (the latter is also ^BX's escape character); anything else is sent as dots.
     */
    static boolean nativeDataMatrix(Mark.DataMatrix d) {
        return !d.content().isEmpty() && d.content().chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '^' && c != '~');
    }

    /** {@code ^A0N,h,h}: the printer's scalable font 0, upright, the template's size in dots high and as wide. */
    private static String font(Mark.Text t) {
        return "^A0N," + t.heightDots() + "," + t.heightDots();
    }

    /** ^A0 scales from 10 to 32000 dots; a smaller text is drawn by the edge. */
    private static boolean fieldHeight(Mark.Text t) {
        return t.heightDots() >= 10 && t.heightDots() <= 32000;
    }

    /**
     * Whether the printer's font prints this label's text: printable ASCII without the command prefixes {@code ^}
     * and {@code ~}. A Zebra's resident fonts hold Latin glyphs only; Chinese would need a font downloaded to the
     * printer ({@code ^CW}), which the edge cannot count on, so it stays the edge's picture of it.
     */
    static boolean nativeText(Mark.Text t) {
        return fieldHeight(t) && t.printableAscii() && t.text().indexOf('^') < 0 && t.text().indexOf('~') < 0;
    }
}
