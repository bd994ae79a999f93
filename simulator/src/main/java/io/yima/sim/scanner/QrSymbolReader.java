package io.yima.sim.scanner;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
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

    String read(LabelRaster raster) {
        int w = raster.width() + 2 * MARGIN;
        int h = raster.height() + 2 * MARGIN;
        byte[] lum = new byte[w * h];
        java.util.Arrays.fill(lum, (byte) 0xFF);
        for (int y = 0; y < raster.height(); y++) {
            int row = (y + MARGIN) * w + MARGIN;
            for (int x = 0; x < raster.width(); x++) {
                if (raster.get(x, y)) {
                    lum[row + x] = 0;
                }
            }
        }
        try {
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                    new PlanarYUVLuminanceSource(lum, w, h, 0, 0, w, h, false)));
            Result r = new QRCodeReader().decode(bitmap, HINTS);
            return r.getText();
        } catch (ReaderException | RuntimeException e) {
            return null;
        }
    }
}
