package io.yima.sim.printer;

import io.yima.sim.label.LabelRaster;
import java.util.List;

/** A complete format as parsed: what to print and how many copies. */
record LabelJob(LabelRaster raster, List<String> texts, List<String> symbolData, int copies, long rawBytes) {
    LabelJob {
        texts = List.copyOf(texts);
        symbolData = List.copyOf(symbolData);
    }
}
