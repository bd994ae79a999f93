package io.yima.sim.printer;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedText;
import java.util.List;

/** A complete format as parsed: what to print and how many copies, and the text drawn in the printer's font. */
record LabelJob(LabelRaster raster, List<String> texts, List<String> symbolData, int copies, long rawBytes,
                List<PrintedText> textFields) {
    LabelJob {
        texts = List.copyOf(texts);
        symbolData = List.copyOf(symbolData);
        textFields = List.copyOf(textFields);
    }

    LabelJob(LabelRaster raster, List<String> texts, List<String> symbolData, int copies, long rawBytes) {
        this(raster, texts, symbolData, copies, rawBytes, List.of());
    }
}
