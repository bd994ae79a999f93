package io.yima.drivers.printer;

import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * ESC/POS for one label (docs/device-protocols.md §2):
 * {@code ESC @}, a feed of {@code ESC J n} down to the symbol, the symbol as {@code GS v 0} raster bands no taller than
 * {@code maxBandHeight} (shifted right to the label's x origin) or as a native QR ({@code GS ( k}: model 2, module size,
 * level Q, store, print; left margin via {@code GS L}), the code line and fixed lines as text, then {@code GS V 66 0}
 * (feed to the cutter, partial cut). The parts that depend only on the spec are kept as ready bytes.
 */
public final class EscPosEncoder implements LabelEncoder {
    static final byte ESC = 0x1B;
    static final byte GS = 0x1D;
    static final byte LF = 0x0A;
    /** GS ( k module size is 1..16 dots. */
    static final int MAX_NATIVE_MODULE = 16;

    private final boolean nativeQr;
    private final int maxBandHeight;
    private final Charset charset;
    private final TemplateCache<Template> templates;

    public EscPosEncoder(boolean nativeQr, int maxBandHeight) {
        this(nativeQr, maxBandHeight, Charset.forName("GB18030"));
    }

    /** @param charset text encoding the printer expects (Chinese ESC/POS printers default to GB18030) */
    public EscPosEncoder(boolean nativeQr, int maxBandHeight, Charset charset) {
        if (maxBandHeight < 1 || maxBandHeight > 65535) {
            throw new IllegalArgumentException("max band height must be 1..65535 dot rows, got " + maxBandHeight);
        }
        this.nativeQr = nativeQr;
        this.maxBandHeight = maxBandHeight;
        this.charset = Objects.requireNonNull(charset, "charset");
        this.templates = new TemplateCache<>(label -> Template.of(label, nativeQr, charset));
    }

    @Override
    public byte[] encode(RenderedLabel label) {
        Template t = templates.get(label);
        Raster r = label.symbol();
        ByteSink out = new ByteSink(t.head.length + t.tail.length + 64
                + (nativeQr ? 64 : (t.rasterBytesPerRow * (r.height() - 2 * t.skipRows)
                        + 8 * (r.height() / maxBandHeight + 1))));
        out.put(t.head);
        if (nativeQr) {
            byte[] data = label.url().getBytes(charset);
            int len = data.length + 3;
            out.put(new byte[] {GS, '(', 'k', (byte) len, (byte) (len >>> 8), 49, 80, 48});
            out.put(data);
            out.put(new byte[] {GS, '(', 'k', 3, 0, 49, 81, 48});
        } else {
            bands(r, t.skipRows, r.height() - t.skipRows, label.originXDots(), t.rasterBytesPerRow, out);
        }
        out.put(t.afterSymbol);
        if (label.humanText() != null) {
            out.text(label.humanText(), charset);
            out.put(LF);
        }
        out.put(t.tail);
        return out.toByteArray();
    }

    /**
     * Rows {@code [from, to)} as {@code GS v 0} images of at most {@code maxBandHeight} rows, each row shifted right by
     * {@code originX} dots.
     */
    private void bands(Raster r, int from, int to, int originX, int outBpr, ByteSink out) {
        byte[] rows = r.rows();
        int bpr = r.bytesPerRow();
        int byteShift = originX >>> 3;
        int bitShift = originX & 7;
        for (int y0 = from; y0 < to; y0 += maxBandHeight) {
            int h = Math.min(maxBandHeight, to - y0);
            out.put(new byte[] {GS, 'v', '0', 0, (byte) outBpr, (byte) (outBpr >>> 8), (byte) h, (byte) (h >>> 8)});
            out.ensure(outBpr * h);
            byte[] a = out.array();
            int base = out.size();
            java.util.Arrays.fill(a, base, base + outBpr * h, (byte) 0);
            for (int y = 0; y < h; y++) {
                int src = (y0 + y) * bpr;
                int dst = base + y * outBpr + byteShift;
                if (bitShift == 0) {
                    System.arraycopy(rows, src, a, dst, bpr);
                } else {
                    for (int i = 0; i < bpr; i++) {
                        int b = rows[src + i] & 0xFF;
                        a[dst + i] |= (byte) (b >>> bitShift);
                        if (byteShift + i + 1 < outBpr) {
                            a[dst + i + 1] |= (byte) (b << (8 - bitShift));
                        }
                    }
                }
            }
            out.advance(outBpr * h);
        }
    }

    /** {@code skipRows}: white quiet-zone rows at the top and bottom, fed with {@code ESC J} instead of sent as dots. */
    private record Template(LabelSpec spec, int width, int height, int dotsPerModule, int rasterBytesPerRow,
                            int skipRows, byte[] head, byte[] afterSymbol, byte[] tail) {
        static Template of(RenderedLabel l, boolean nativeQr, Charset charset) {
            LabelSpec spec = l.spec();
            Raster r = l.symbol();
            ByteSink head = new ByteSink(64);
            head.put(new byte[] {ESC, '@'});
            ByteSink after = new ByteSink(16);
            int skip = 0;
            if (nativeQr) {
                if (l.url() == null) {
                    throw new IllegalArgumentException("native QR needs a QR label (this one is a microcode)");
                }
                if (l.dotsPerModule() > MAX_NATIVE_MODULE) {
                    throw new IllegalArgumentException("native GS ( k QR allows at most " + MAX_NATIVE_MODULE
                            + " dots per module, this label needs " + l.dotsPerModule());
                }
                // The printer draws no quiet zone (docs/device-protocols.md §2.3): feed and indent by it ourselves.
                int q = l.quietZoneDots();
                feed(head, l.originYDots() + q);
                int left = l.originXDots() + q;
                head.put(new byte[] {GS, 'L', (byte) left, (byte) (left >>> 8)});
                head.put(new byte[] {GS, '(', 'k', 4, 0, 49, 65, 50, 0});            // model 2
                head.put(new byte[] {GS, '(', 'k', 3, 0, 49, 67, (byte) l.dotsPerModule()}); // module size
                head.put(new byte[] {GS, '(', 'k', 3, 0, 49, 69, 50});               // error correction Q
                feed(after, q);
                after.put(new byte[] {GS, 'L', 0, 0});
            } else {
                skip = 2 * l.quietZoneDots() < r.height() ? l.quietZoneDots() : 0;
                feed(head, l.originYDots() + skip);
                feed(after, skip);
            }
            int outBpr = (l.originXDots() + r.width() + 7) >>> 3;
            ByteSink tail = new ByteSink(64);
            for (String line : spec.fixedText()) {
                tail.text(line, charset);
                tail.put(LF);
            }
            tail.put(new byte[] {GS, 'V', 66, 0});
            return new Template(spec, r.width(), r.height(), l.dotsPerModule(), outBpr, skip, head.toByteArray(),
                    after.toByteArray(), tail.toByteArray());
        }

        /** {@code ESC J n}: print and feed n dots (n ≤ 255 per command). */
        private static void feed(ByteSink out, int dots) {
            while (dots > 0) {
                int n = Math.min(255, dots);
                out.put(new byte[] {ESC, 'J', (byte) n});
                dots -= n;
            }
        }
    }
}
