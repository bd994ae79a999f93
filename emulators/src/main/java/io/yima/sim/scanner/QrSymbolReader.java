package io.yima.sim.scanner;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.yima.sim.label.LabelRaster;
import java.util.List;
import java.util.Map;

/** Reads an ordinary QR code off a label raster with zxing's reader, as an industrial reader would. */
final class QrSymbolReader {
    /** White margin added around the label: the product under the label is light, not infinite black. */
    private static final int MARGIN = 16;
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "UTF-8");
    private static final Map<DecodeHintType, Object> PURE = Map.of(
            DecodeHintType.PURE_BARCODE, Boolean.TRUE,
            DecodeHintType.CHARACTER_SET, "UTF-8");

    String read(LabelRaster raster) {
        // zxing's finder-pattern detector misses a clean symbol now and then (some masks at 2-3 dots per module
        // look like extra finders); an industrial reader does not. A miss is retried by sampling the symbol as
        // the only black on the label (PURE_BARCODE), then with the other binarizer, before it counts.
        byte[] lum = luminance(raster, 1);
        int w = raster.width() + 2 * MARGIN;
        int h = raster.height() + 2 * MARGIN;
        PlanarYUVLuminanceSource source = new PlanarYUVLuminanceSource(lum, w, h, 0, 0, w, h, false);
        String text = decode(new BinaryBitmap(new HybridBinarizer(source)), HINTS);
        if (text == null) {
            text = decode(new BinaryBitmap(new HybridBinarizer(source)), PURE);
        }
        if (text == null) {
            text = decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), HINTS);
        }
        return text;
    }

    private static byte[] luminance(LabelRaster raster, int scale) {
        int w = (raster.width() + 2 * MARGIN) * scale;
        int h = (raster.height() + 2 * MARGIN) * scale;
        byte[] lum = new byte[w * h];
        java.util.Arrays.fill(lum, (byte) 0xFF);
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < raster.width(); x++) {
                if (raster.get(x, y)) {
                    for (int dy = 0; dy < scale; dy++) {
                        int row = ((y + MARGIN) * scale + dy) * w + (x + MARGIN) * scale;
                        java.util.Arrays.fill(lum, row, row + scale, (byte) 0);
                    }
                }
            }
        }
        return lum;
    }

    private static String decode(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
        try {
            return new QRCodeReader().decode(bitmap, hints).getText();
        } catch (ReaderException | RuntimeException e) {
            return null;
        }
    }
}
