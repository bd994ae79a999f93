package io.yima.drivers.printer;

import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * TSPL / TSPL2 for one label (TSC TE/TTP/MH series and compatibles; docs/device-protocols.md §6), one command a line,
 * each ended by CR LF:
 * <pre>
 * SIZE {w} mm,{h} mm
 * GAP {gap} mm,0 mm
 * DIRECTION 0
 * CLS
 * BITMAP {x},{y},{bytes per row},{rows},0,{raster, 0 bit = black}     or  QRCODE {x+q},{y+q},Q,{cell},A,0,M2,S7,"{url}"
 * TEXT {x},{ty},"3",0,{m},{m},"{code}"                                    (human-readable line, fixed lines below it)
 * PRINT 1,{copies}
 * </pre>
 * Everything except the symbol and the code line depends only on the spec and is kept as ready bytes.
 */
public final class TsplEncoder implements LabelEncoder {
    /** How the symbol travels: as a {@code BITMAP} of the rendered raster, or as text the printer turns into a QR. */
    public enum Graphic { BITMAP, NATIVE_QR }

    /** QRCODE cell width is 1..10 dots (manual, QRCODE). */
    static final int MAX_NATIVE_CELL = 10;
    /** Built-in font "3" is 16 x 24 dots; {@code TSS24.BF2} (simplified Chinese) is 24 x 24. */
    static final int FONT_HEIGHT_DOTS = 24;
    static final double TEXT_HEIGHT_MM = 2.5;
    /** The usual die-cut gap; the printer measures the real one with its gap sensor, this only seeds it. */
    public static final double DEFAULT_GAP_MM = 2.0;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final byte[] CRLF = {'\r', '\n'};

    private final Graphic graphic;
    private final TemplateCache<Template> templates;

    public TsplEncoder(Graphic graphic) {
        this(graphic, 1, DEFAULT_GAP_MM);
    }

    /**
     * @param copies {@code PRINT 1,n} copies per label (1..999999999 in the manual; our labels are one copy each)
     * @param gapMm  the gap between labels, for {@code GAP}
     */
    public TsplEncoder(Graphic graphic, int copies, double gapMm) {
        this.graphic = Objects.requireNonNull(graphic, "graphic");
        if (copies < 1 || copies > 999_999_999) {
            throw new IllegalArgumentException("PRINT copies must be 1..999999999, got " + copies);
        }
        if (!(gapMm >= 0 && gapMm <= 25.4)) {
            throw new IllegalArgumentException("label gap must be 0..25.4 mm, got " + gapMm);
        }
        this.templates = new TemplateCache<>(label -> Template.of(label, graphic, copies, gapMm));
    }

    @Override
    public byte[] encode(RenderedLabel label) {
        Template t = templates.get(label);
        int data = graphic == Graphic.BITMAP ? t.cropBytesPerRow * t.cropRows : 256;
        ByteSink out = new ByteSink(t.head.length + t.tail.length + data + 64);
        out.put(t.head);
        if (graphic == Graphic.NATIVE_QR) {
            quoted(label.url(), StandardCharsets.UTF_8, out);
        } else {
            bitmap(label.symbol(), t, out);
        }
        out.put(CRLF);
        if (label.humanText() != null) {
            text(t.humanTextAt, t.textMult, label.humanText(), out);
        }
        out.put(t.tail);
        return out.toByteArray();
    }

    /** The cropped raster, inverted: in a TSPL {@code BITMAP} a 0 bit is a printed dot, a 1 bit is white. */
    private static void bitmap(Raster r, Template t, ByteSink out) {
        byte[] rows = r.rows();
        int bpr = r.bytesPerRow();
        int n = t.cropBytesPerRow * t.cropRows;
        out.ensure(n);
        byte[] a = out.array();
        int base = out.size();
        for (int y = 0; y < t.cropRows; y++) {
            int src = (t.cropTop + y) * bpr + t.cropLeftBytes;
            int dst = base + y * t.cropBytesPerRow;
            for (int i = 0; i < t.cropBytesPerRow; i++) {
                a[dst + i] = (byte) ~rows[src + i];
            }
        }
        out.advance(n);
    }

    /**
     * A {@code TEXT} command at {@code at} ({@code TEXT x,y,}): ASCII in built-in font "3", anything else in the
     * simplified-Chinese font {@code TSS24.BF2} (GB2312 codes, sent as GB18030), no rotation, {@code mult} times
     * the font's size both ways.
     */
    static void text(byte[] at, int mult, String s, ByteSink out) {
        boolean ascii = s.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        out.put(at);
        out.ascii((ascii ? "\"3\"" : "\"TSS24.BF2\"") + ",0," + mult + "," + mult + ",");
        quoted(s, ascii ? StandardCharsets.US_ASCII : GB18030, out);
        out.put(CRLF);
    }

    /**
     * A TSPL string expression: in double quotes, a double quote inside written {@code \["]} (manual, "Document
     * conventions"). CR and LF would end the command, so they become spaces.
     */
    static void quoted(String s, Charset cs, ByteSink out) {
        out.put((byte) '"');
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\[\"]");
                case '\r', '\n' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        out.text(sb.toString(), cs);
        out.put((byte) '"');
    }

    static String mm(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** The spec-dependent bytes around the per-label parts. */
    private record Template(byte[] head, byte[] humanTextAt, int textMult, byte[] tail, int cropTop, int cropRows,
                            int cropLeftBytes, int cropBytesPerRow) {
        static Template of(RenderedLabel l, Graphic graphic, int copies, double gapMm) {
            LabelSpec spec = l.spec();
            Raster r = l.symbol();
            ByteSink head = new ByteSink(128);
            head.ascii("SIZE " + mm(spec.widthMm()) + " mm," + mm(spec.heightMm()) + " mm\r\n");
            head.ascii("GAP " + mm(gapMm) + " mm,0 mm\r\n");
            head.ascii("DIRECTION 0\r\nCLS\r\n");
            int cropTop = 0;
            int cropRows = r.height();
            int cropLeft = 0;
            int cropBpr = r.bytesPerRow();
            int q = l.quietZoneDots();
            if (graphic == Graphic.NATIVE_QR) {
                if (l.url() == null) {
                    throw new IllegalArgumentException("native QR needs a QR label (this one is a microcode)");
                }
                if (l.dotsPerModule() > MAX_NATIVE_CELL) {
                    throw new IllegalArgumentException("native TSPL QRCODE allows at most " + MAX_NATIVE_CELL
                            + " dots per module, this label needs " + l.dotsPerModule()
                            + "; use a smaller symbol or the BITMAP form");
                }
                // The printer draws the symbol without a quiet zone: place it inside ours. Level Q, auto encoding,
                // no rotation, model 2 (what phones read), mask S7 (the manual's default).
                head.ascii("QRCODE " + (l.originXDots() + q) + "," + (l.originYDots() + q) + ",Q,"
                        + l.dotsPerModule() + ",A,0,M2,S7,");
            } else {
                if (2 * q >= r.width() || 2 * q >= r.height()) {
                    q = 0; // not a quiet zone we can trust to be white: send everything
                }
                // A blank label is white already: the quiet zone need not travel (rows exactly, columns by whole bytes).
                cropTop = q;
                cropRows = r.height() - 2 * q;
                cropLeft = q >>> 3;
                cropBpr = ((r.width() - q + 7) >>> 3) - cropLeft;
                head.ascii("BITMAP " + (l.originXDots() + 8 * cropLeft) + "," + (l.originYDots() + q) + ","
                        + cropBpr + "," + cropRows + ",0,");
            }
            int textDots = Math.max(10, spec.dots(TEXT_HEIGHT_MM));
            int lineDots = textDots + textDots / 4;
            int mult = Math.max(1, Math.round(textDots / (float) FONT_HEIGHT_DOTS));
            int textY = l.originYDots() + r.height();
            byte[] human = at(l.originXDots(), textY);
            ByteSink tail = new ByteSink(128);
            // Fixed lines go below the code line whether or not the code line is printed, so the layout never shifts.
            int y = textY + (spec.humanReadable() ? lineDots : 0);
            for (String line : spec.fixedText()) {
                text(at(l.originXDots(), y), mult, line, tail);
                y += lineDots;
            }
            tail.ascii("PRINT 1," + copies + "\r\n");
            return new Template(head.toByteArray(), human, mult, tail.toByteArray(), cropTop, cropRows, cropLeft,
                    cropBpr);
        }

        private static byte[] at(int x, int y) {
            return ("TEXT " + x + "," + y + ",").getBytes(StandardCharsets.US_ASCII);
        }
    }
}
