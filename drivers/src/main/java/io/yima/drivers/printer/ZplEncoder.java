package io.yima.drivers.printer;

import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ZPL II for one label (docs/device-protocols.md §1):
 * <pre>
 * ^XA^CI28^PW{w}^LL{h}
 * ^FO{x},{y}^GFA,{c},{c},{d},{data}^FS          or  ^FO{x+q},{y+q}^BQN,2,{m}^FDQA,{url}^FS
 * ^FO{x},{ty}^A0N,{t},{t}^FD{code}^FS          (human-readable line, fixed lines below it)
 * ^PQ{n}                                       (optional)
 * ^XZ
 * </pre>
 * Everything except the symbol data and the code line depends only on the spec and is kept as ready bytes.
 */
public final class ZplEncoder implements LabelEncoder {
    /** How the symbol travels: as a bitmap in one of three {@code ^GFA} forms, or as text the printer turns into a QR. */
    public enum Graphic { HEX, RLE, Z64, NATIVE_QR }

    /** ^BQ magnification is 1..10 dots per module (ZPL guide ^BQ). */
    static final int MAX_NATIVE_MAGNIFICATION = 10;
    static final double TEXT_HEIGHT_MM = 2.5;

    private final Graphic graphic;
    private final int quantity;
    private final TemplateCache<Template> templates;

    public ZplEncoder(Graphic graphic) {
        this(graphic, 0);
    }

    /** @param quantity {@code ^PQ} count per label, 0 to leave {@code ^PQ} out (the printer's default is 1) */
    public ZplEncoder(Graphic graphic, int quantity) {
        this.graphic = Objects.requireNonNull(graphic, "graphic");
        if (quantity < 0 || quantity > 99_999_999) {
            throw new IllegalArgumentException("^PQ quantity must be 0..99999999, got " + quantity);
        }
        this.quantity = quantity;
        this.templates = new TemplateCache<>(label -> Template.of(label, graphic, quantity));
    }

    @Override
    public byte[] encode(RenderedLabel label) {
        Template t = templates.get(label);
        Raster r = label.symbol();
        ByteSink out = new ByteSink(t.head.length + t.tail.length + 64 + (graphic == Graphic.HEX ? 2 * r.rows().length : 512));
        out.put(t.head);
        switch (graphic) {
            case NATIVE_QR -> {
                fieldText("QA," + label.url(), out);
            }
            case HEX -> ZplGraphic.hex(t.crop(r.rows()), out);
            case RLE -> ZplGraphic.rle(t.crop(r.rows()), t.cropBytesPerRow, out);
            case Z64 -> ZplGraphic.z64(t.crop(r.rows()), out);
        }
        out.ascii("^FS");
        if (label.humanText() != null) {
            out.put(t.humanTextField);
            fieldText(label.humanText(), out);
            out.ascii("^FS");
        }
        out.put(t.tail);
        return out.toByteArray();
    }

    /** {@code ^FD} and the text, behind {@code ^FH} with hex escapes when it holds ZPL's command or escape characters. */
    static void fieldText(String s, ByteSink out) {
        if (s.indexOf('^') < 0 && s.indexOf('~') < 0 && s.indexOf('_') < 0) {
            out.ascii("^FD");
            out.utf8(s);
            return;
        }
        out.ascii("^FH^FD");
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '^' -> sb.append("_5E");
                case '~' -> sb.append("_7E");
                case '_' -> sb.append("_5F");
                default -> sb.append(c);
            }
        }
        out.utf8(sb.toString());
    }

    /** The spec-dependent bytes before and after the per-label parts. */
    private record Template(LabelSpec spec, int width, int height, int dotsPerModule, byte[] head,
                            byte[] humanTextField, byte[] tail, int cropTop, int cropRows, int cropLeftBytes,
                            int cropBytesPerRow) {
        /**
         * The raster without its white margin: a blank label is white already, so the quiet zone need not travel.
         * Rows are cut exactly, columns to whole bytes. Half the bytes to compress and send at 4 modules of quiet zone.
         */
        byte[] crop(byte[] rows) {
            int bpr = (width + 7) >>> 3;
            if (cropTop == 0 && cropLeftBytes == 0 && cropBytesPerRow == bpr) {
                return rows;
            }
            byte[] out = new byte[cropRows * cropBytesPerRow];
            for (int y = 0; y < cropRows; y++) {
                System.arraycopy(rows, (cropTop + y) * bpr + cropLeftBytes, out, y * cropBytesPerRow, cropBytesPerRow);
            }
            return out;
        }

        static Template of(RenderedLabel l, Graphic graphic, int quantity) {
            LabelSpec spec = l.spec();
            Raster r = l.symbol();
            int cropTop = 0;
            int cropRows = r.height();
            int cropLeft = 0;
            int cropBpr = r.bytesPerRow();
            ByteSink head = new ByteSink(128);
            head.ascii("^XA^CI28^PW" + spec.widthDots() + "^LL" + spec.heightDots());
            if (graphic == Graphic.NATIVE_QR) {
                if (l.url() == null) {
                    throw new IllegalArgumentException("native QR needs a QR label (this one is a microcode)");
                }
                if (l.dotsPerModule() > MAX_NATIVE_MAGNIFICATION) {
                    throw new IllegalArgumentException("native ^BQ QR allows at most " + MAX_NATIVE_MAGNIFICATION
                            + " dots per module, this label needs " + l.dotsPerModule()
                            + "; use a smaller symbol or a ^GFA form");
                }
                int q = l.quietZoneDots();
                head.ascii("^FO" + (l.originXDots() + q) + "," + (l.originYDots() + q) + "^BQN,2," + l.dotsPerModule());
            } else {
                int q = l.quietZoneDots();
                if (2 * q >= r.width() || 2 * q >= r.height()) {
                    q = 0; // not a quiet zone we can trust to be white: send everything
                }
                cropTop = q;
                cropRows = r.height() - 2 * q;
                cropLeft = q >>> 3;
                cropBpr = ((r.width() - q + 7) >>> 3) - cropLeft;
                int total = cropBpr * cropRows;
                head.ascii("^FO" + (l.originXDots() + 8 * cropLeft) + "," + (l.originYDots() + q) + "^GFA," + total
                        + "," + total + "," + cropBpr + ",");
            }
            int textDots = Math.max(10, spec.dots(TEXT_HEIGHT_MM));
            int lineDots = textDots + textDots / 4;
            int textY = l.originYDots() + r.height();
            byte[] human = ("^FO" + l.originXDots() + "," + textY + "^A0N," + textDots + "," + textDots)
                    .getBytes(StandardCharsets.US_ASCII);
            ByteSink tail = new ByteSink(128);
            // Fixed lines go below the code line whether or not the code line is printed, so the layout never shifts.
            int y = textY + (spec.humanReadable() ? lineDots : 0);
            for (String line : spec.fixedText()) {
                tail.ascii("^FO" + l.originXDots() + "," + y + "^A0N," + textDots + "," + textDots);
                fieldText(line, tail);
                tail.ascii("^FS");
                y += lineDots;
            }
            if (quantity > 0) {
                tail.ascii("^PQ" + quantity);
            }
            tail.ascii("^XZ");
            return new Template(spec, r.width(), r.height(), l.dotsPerModule(), head.toByteArray(), human,
                    tail.toByteArray(), cropTop, cropRows, cropLeft, cropBpr);
        }
    }
}
