package io.yima.sim.printer;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.yima.sim.label.LabelRaster;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The printer's own QR engine (zxing's encoder): a symbol without quiet zone, {@code dots} per module. */
final class QrPainter {
    private QrPainter() {
    }

    /** The symbol, or null when the data cannot be encoded (too long for any version). */
    static LabelRaster paint(String data, ErrorCorrectionLevel ecc, int dots) {
        ByteMatrix m;
        try {
            m = Encoder.encode(data, ecc, Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()))
                    .getMatrix();
        } catch (WriterException | IllegalArgumentException e) {
            return null;
        }
        LabelRaster r = new LabelRaster(m.getWidth() * dots, m.getHeight() * dots);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y) == 1) {
                    r.fill(x * dots, y * dots, dots, dots, true);
                }
            }
        }
        return r;
    }

    static ErrorCorrectionLevel level(char c, ErrorCorrectionLevel fallback) {
        return switch (Character.toUpperCase(c)) {
            case 'L' -> ErrorCorrectionLevel.L;
            case 'M' -> ErrorCorrectionLevel.M;
            case 'Q' -> ErrorCorrectionLevel.Q;
            case 'H' -> ErrorCorrectionLevel.H;
            default -> fallback;
        };
    }
}
