package io.yima.sim.printer;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import io.yima.sim.label.LabelRaster;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The emulated printers' own ECC 200 Data Matrix (ZPL {@code ^BX}, TSPL {@code DMATRIX}): the symbol of the data
 * at a module size, of the size in modules asked for, or without one the smallest square that holds the data (a
 * Zebra's and a TSC's default shape). No quiet zone: the label around it is the quiet zone.
 */
final class DataMatrixPainter {
    /** Dots per module, bounded so one command cannot ask for an endless drawing. */
    static final int MAX_MODULE = 40;

    private DataMatrixPainter() {
    }

    /**
     * @param columns the symbol's columns (0: chosen from the data)
     * @param rows    its rows (0: chosen)
     * @return the symbol, or null after telling {@code error} why there is none
     */
    static LabelRaster paint(String data, int moduleDots, int columns, int rows, Consumer<String> error) {
        if (moduleDots < 1 || moduleDots > MAX_MODULE) {
            error.accept("Data Matrix module size " + moduleDots + " outside 1.." + MAX_MODULE);
            return null;
        }
        if (data.isEmpty() || !data.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            error.accept("Data Matrix data must be printable ASCII");
            return null;
        }
        SymbolShapeHint shape = columns > 0 && columns != rows ? SymbolShapeHint.FORCE_RECTANGLE
                : SymbolShapeHint.FORCE_SQUARE;
        BitMatrix m;
        try {
            m = new DataMatrixWriter().encode(data, BarcodeFormat.DATA_MATRIX, 0, 0,
                    Map.of(EncodeHintType.DATA_MATRIX_SHAPE, shape));
        } catch (IllegalArgumentException e) {
            error.accept("Data Matrix data cannot be encoded: " + e.getMessage());
            return null;
        }
        if ((columns > 0 && m.getWidth() != columns) || (rows > 0 && m.getHeight() != rows)) {
            // a printer refuses a symbol size the data does not fill exactly as its own encoder would
            error.accept("Data Matrix of " + columns + " x " + rows + " modules asked for, the data makes "
                    + m.getWidth() + " x " + m.getHeight());
            return null;
        }
        LabelRaster r = new LabelRaster(m.getWidth() * moduleDots, m.getHeight() * moduleDots);
        for (int my = 0; my < m.getHeight(); my++) {
            for (int mx = 0; mx < m.getWidth(); mx++) {
                if (m.get(mx, my)) {
                    r.fill(mx * moduleDots, my * moduleDots, moduleDots, moduleDots, true);
                }
            }
        }
        return r;
    }
}
