package io.yima.drivers.render;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import io.yima.drivers.symbol.Microcode;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a code into the 1-bit symbol raster for one {@link LabelSpec}. Every cell or module is a whole number of
 * printer dots, the largest that keeps the symbol within the requested size; the real printed size is reported.
 * A spec giving fewer than 2 dots per cell is refused at construction, before any label is printed.
 * Thread-safe: holds only the layout computed from the spec.
 */
public final class LabelRenderer {
    /** Tencent's microcode is 19 × 19 cells. */
    public static final int MICROCODE_MODULES = Microcode.SIZE;
    /** QR version 2 is 25 × 25 modules. */
    public static final int QR_VERSION = 2;
    public static final int QR_MODULES = 17 + 4 * QR_VERSION;
    static final int MIN_DOTS_PER_MODULE = 2;

    private static final Map<EncodeHintType, Object> QR_HINTS = Map.of(EncodeHintType.QR_VERSION, QR_VERSION);
    private static final String QR_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    /** Capacity of a version 2-Q symbol in alphanumeric mode (ISO/IEC 18004 table 7). */
    private static final int QR_V2Q_ALPHANUMERIC_CAPACITY = 29;

    private final LabelSpec spec;
    private final Layout microcode;
    private final Layout qr;

    public LabelRenderer(LabelSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.microcode = spec.symbol() == Symbology.MICROCODE ? Layout.of(spec, MICROCODE_MODULES, "microcode") : null;
        this.qr = spec.symbol() == Symbology.QR ? Layout.of(spec, QR_MODULES, "QR version 2") : null;
    }

    public LabelSpec spec() {
        return spec;
    }

    /** Dots per cell or module of the spec's symbol. */
    public int dotsPerModule() {
        return (microcode != null ? microcode : qr).dotsPerModule;
    }

    public RenderedLabel microcode(Microcode m, String humanText) {
        Objects.requireNonNull(m, "microcode");
        Layout l = microcode != null ? microcode : Layout.of(spec, MICROCODE_MODULES, "microcode");
        int side = l.rasterSide;
        int bpr = (side + 7) >>> 3;
        byte[] rows = new byte[bpr * side];
        int dpc = l.dotsPerModule;
        int qz = spec.quietZoneModules() * dpc;
        CellMasks masks = l.masks;
        for (int r = 0; r < MICROCODE_MODULES; r++) {
            int first = (qz + r * dpc) * bpr;
            for (int c = 0; c < MICROCODE_MODULES; c++) {
                if (m.isBlack(r, c)) {
                    masks.paint(rows, first, c);
                }
            }
            // Every dot row of a cell row is identical: draw it once, copy it.
            for (int k = 1; k < dpc; k++) {
                System.arraycopy(rows, first, rows, first + k * bpr, bpr);
            }
        }
        return new RenderedLabel(spec, Raster.of(side, side, rows), dpc, l.printedSizeMm, l.originX, l.originY,
                text(humanText), null);
    }

    /** The URL as a QR code, version 2, level Q. The raster is built only if an encoder reads it. */
    public RenderedLabel qr(String url28, String humanText) {
        Objects.requireNonNull(url28, "url");
        Layout l = qr != null ? qr : Layout.of(spec, QR_MODULES, "QR version 2");
        if (url28.isEmpty()) {
            throw new IllegalArgumentException("QR content is empty");
        }
        Raster raster;
        if (fitsAlphanumeric(url28)) {
            raster = Raster.lazy(l.rasterSide, l.rasterSide, () -> qrRows(encodeQr(url28), l));
        } else {
            // Not plain alphanumeric: encode now so a URL that does not fit fails here, not inside an encoder.
            QRCode code = encodeQr(url28);
            raster = Raster.lazy(l.rasterSide, l.rasterSide, () -> qrRows(code, l));
        }
        return new RenderedLabel(spec, raster, l.dotsPerModule, l.printedSizeMm, l.originX, l.originY,
                text(humanText), url28);
    }

    private String text(String humanText) {
        return spec.humanReadable() && humanText != null && !humanText.isEmpty() ? humanText : null;
    }

    private static boolean fitsAlphanumeric(String s) {
        if (s.length() > QR_V2Q_ALPHANUMERIC_CAPACITY) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (QR_ALPHANUMERIC.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static QRCode encodeQr(String content) {
        try {
            QRCode code = Encoder.encode(content, ErrorCorrectionLevel.Q, QR_HINTS);
            if (code.getVersion().getVersionNumber() != QR_VERSION) {
                throw new IllegalStateException("QR encoder chose version " + code.getVersion());
            }
            return code;
        } catch (WriterException e) {
            throw new IllegalArgumentException("'" + content + "' (" + content.length()
                    + " chars) does not fit a QR version 2 symbol at error correction Q: " + e.getMessage(), e);
        }
    }

    private byte[] qrRows(QRCode code, Layout l) {
        ByteMatrix matrix = code.getMatrix();
        int side = l.rasterSide;
        int bpr = (side + 7) >>> 3;
        byte[] rows = new byte[bpr * side];
        int dpm = l.dotsPerModule;
        int qz = spec.quietZoneModules() * dpm;
        CellMasks masks = l.masks;
        for (int r = 0; r < QR_MODULES; r++) {
            int first = (qz + r * dpm) * bpr;
            for (int c = 0; c < QR_MODULES; c++) {
                if (matrix.get(c, r) == 1) {
                    masks.paint(rows, first, c);
                }
            }
            for (int k = 1; k < dpm; k++) {
                System.arraycopy(rows, first, rows, first + k * bpr, bpr);
            }
        }
        return rows;
    }

    /** For each module column, the bytes of a raster row it covers and the bits to set in each: painted per cell. */
    private static final class CellMasks {
        private final int[][] offsets;
        private final byte[][] bits;

        CellMasks(int modules, int quietDots, int dpm) {
            offsets = new int[modules][];
            bits = new byte[modules][];
            for (int c = 0; c < modules; c++) {
                int x0 = quietDots + c * dpm;
                int first = x0 >>> 3;
                int last = (x0 + dpm - 1) >>> 3;
                offsets[c] = new int[last - first + 1];
                bits[c] = new byte[last - first + 1];
                for (int x = x0; x < x0 + dpm; x++) {
                    offsets[c][(x >>> 3) - first] = x >>> 3;
                    bits[c][(x >>> 3) - first] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }

        void paint(byte[] rows, int rowStart, int column) {
            int[] o = offsets[column];
            byte[] b = bits[column];
            for (int i = 0; i < o.length; i++) {
                rows[rowStart + o[i]] |= b[i];
            }
        }
    }

    /** Where the symbol goes and how big its modules are, computed once per spec. */
    private record Layout(int dotsPerModule, double printedSizeMm, int rasterSide, int originX, int originY,
                          CellMasks masks) {
        static Layout of(LabelSpec spec, int modules, String what) {
            int sizeDots = spec.dots(spec.symbolSizeMm());
            int dpm = sizeDots / modules;
            if (dpm < MIN_DOTS_PER_MODULE) {
                double minMm = Math.ceil(MIN_DOTS_PER_MODULE * modules * 25.4 / spec.dpi() * 10) / 10;
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "a %.1f mm %s at %d dpi gives %d dot(s) per module, at least %d are needed to print legibly;"
                                + " use a symbol of at least %.1f mm or a printer with a higher resolution",
                        spec.symbolSizeMm(), what, spec.dpi(), dpm, MIN_DOTS_PER_MODULE, minMm));
            }
            int side = (modules + 2 * spec.quietZoneModules()) * dpm;
            int x = spec.dots(spec.xMm());
            int y = spec.dots(spec.yMm());
            if (x + side > spec.widthDots() || y + side > spec.heightDots()) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "the %s with its %d-module quiet zone is %.2f mm square and does not fit on a %.1f x %.1f mm"
                                + " label at (%.1f, %.1f) mm", what, spec.quietZoneModules(), side * 25.4 / spec.dpi(),
                        spec.widthMm(), spec.heightMm(), spec.xMm(), spec.yMm()));
            }
            return new Layout(dpm, modules * dpm * 25.4 / spec.dpi(), side, x, y,
                    new CellMasks(modules, spec.quietZoneModules() * dpm, dpm));
        }
    }
}
