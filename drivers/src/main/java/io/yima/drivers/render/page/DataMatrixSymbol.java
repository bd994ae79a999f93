package io.yima.drivers.render.page;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import io.yima.drivers.render.Raster;
import java.util.Map;

/**
 * A code as a square ECC 200 Data Matrix (GS1 sites scan these): every module a whole number of dots, the largest
 * that keeps the symbol within the size asked for, with a quiet zone of white modules around it.
 */
public final class DataMatrixSymbol {
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.DATA_MATRIX_SHAPE,
            SymbolShapeHint.FORCE_SQUARE);

    private DataMatrixSymbol() {
    }

    public static Raster render(String content, int sizeDots, int quietModules) {
        return mark(0, 0, content, sizeDots, quietModules).raster();
    }

    /**
     * The symbol as a {@link Mark.DataMatrix} whose quiet zone's top-left corner is at ({@code x}, {@code y}): a
     * printer with a Data Matrix command draws it itself (ZPL {@code ^BX}, TSPL {@code DMATRIX}) from the content,
     * the module size and the symbol's size in modules; the raster is the same symbol as dots, for the preview and
     * for printers without one.
     */
    public static Mark.DataMatrix mark(int x, int y, String content, int sizeDots, int quietModules) {
        BitMatrix m = new DataMatrixWriter().encode(content, BarcodeFormat.DATA_MATRIX, 0, 0, HINTS);
        int modules = m.getWidth();
        int dpm = sizeDots / modules;
        if (dpm < 2) {
            throw new IllegalArgumentException("a " + modules + " x " + modules + " Data Matrix in " + sizeDots
                    + " dots gives " + dpm + " dot(s) per module, at least 2 are needed; make the symbol larger");
        }
        int side = (modules + 2 * quietModules) * dpm;
        Bitmap b = new Bitmap(side, side);
        int q = quietModules * dpm;
        for (int r = 0; r < modules; r++) {
            for (int c = 0; c < modules; c++) {
                if (m.get(c, r)) {
                    b.fill(q + c * dpm, q + r * dpm, dpm, dpm);
                }
            }
        }
        return new Mark.DataMatrix(x, y, b.toRaster(), content, q, dpm, modules);
    }
}
