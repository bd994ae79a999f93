package io.yima.sim.label;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** A tiny raster maker for tests, independent of the emulators' painters. */
public final class TestRasters {
    /** The guide's own microcode matrix (the golden sample in docs/vault.md, code 0436Z31$0, index 0). */
    public static final String SEED_MATRIX = "1111111111111111111100000110101100000110111010000010111011011101011101011101101110100100101110110000"
            + "0110111100000111111111101111111111100011000001100011001011101111000100101000000111101000101001011100"
            + "1010101011100011010010001010111111110010100110010000011100111110101011101010111011111101110100011010"
            + "1110101110101011100100110000011011001111111111111100101000101";
    public static final String SEED_URL = "P.URL.CN/0V/IXO*FWWYLZLXUXGR";

    private TestRasters() {
    }

    /** A label of the given size with the 19×19 matrix drawn at (x, y), {@code cell} dots per cell. */
    public static LabelRaster microcode(String bits, int cell, int x, int y, int width, int height) {
        LabelRaster r = new LabelRaster(width, height);
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                r.fill(x + (i % 19) * cell, y + (i / 19) * cell, cell, cell, true);
            }
        }
        return r;
    }

    /** A label with a QR (version chosen by zxing's writer, level Q) at (x, y), {@code module} dots per module. */
    public static LabelRaster qr(String text, int module, int x, int y, int width, int height) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q));
            LabelRaster r = new LabelRaster(width, height);
            for (int yy = 0; yy < m.getHeight(); yy++) {
                for (int xx = 0; xx < m.getWidth(); xx++) {
                    if (m.get(xx, yy)) {
                        r.fill(x + xx * module, y + yy * module, module, module, true);
                    }
                }
            }
            return r;
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Packs a raster into rows of bytes, MSB = leftmost dot (the ^GF / GS v 0 layout). */
    public static byte[] pack(LabelRaster r) {
        int perRow = (r.width() + 7) / 8;
        byte[] out = new byte[perRow * r.height()];
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.get(x, y)) {
                    out[y * perRow + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        return out;
    }
}
