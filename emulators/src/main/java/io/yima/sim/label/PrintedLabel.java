package io.yima.sim.label;

import java.time.Instant;
import java.util.List;

/**
 * One label as it left the emulated print head.
 *
 * @param printer    the emulator's name
 * @param sequence   1, 2, 3 … per printer, in print order
 * @param printedAt  when the label was finished
 * @param raster     the whole label, 1 bit per dot
 * @param texts      text fields the printer was asked to print ({@code ^A/^FD}, ESC/POS text lines)
 * @param symbolData data of symbols the printer encoded itself ({@code ^BQ}, {@code GS ( k}) as received
 * @param rawBytes   bytes of the format/job that produced it
 * @param textFields the text fields the printer drew in its own font, where and how high
 */
public record PrintedLabel(String printer, long sequence, Instant printedAt, LabelRaster raster,
                           List<String> texts, List<String> symbolData, long rawBytes, List<PrintedText> textFields) {
    public PrintedLabel {
        texts = List.copyOf(texts);
        symbolData = List.copyOf(symbolData);
        textFields = List.copyOf(textFields);
    }

    public PrintedLabel(String printer, long sequence, Instant printedAt, LabelRaster raster, List<String> texts,
                        List<String> symbolData, long rawBytes) {
        this(printer, sequence, printedAt, raster, texts, symbolData, rawBytes, List.of());
    }
}
