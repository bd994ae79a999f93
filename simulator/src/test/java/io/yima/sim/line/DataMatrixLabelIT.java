package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import io.yima.config.LineConfig;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.Symbology;
import io.yima.edge.ConfigLoader;
import io.yima.printing.LabelPress;
import io.yima.printing.template.PrintableCode;
import io.yima.printing.template.LabelValues;
import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template's Data Matrix symbol sent as the printer's own command — ZPL {@code ^BX} (stored format and inline),
 * TSPL {@code DMATRIX} — through the whole line to the emulated printer, which draws the symbol itself from the data:
 * the emulator says it drew a symbol of the code's URL, zxing decodes the URL from the emulator's raster, and the
 * label equals the edge's preview dot for dot outside the {@code {code}} line, which the printer draws in its own
 * font (checked for its text, place and height instead).
 */
class DataMatrixLabelIT {
    static final String ZONE = "Asia/Shanghai";

    @TempDir
    Path dir;

    @Test
    void zplStoredFormatDrawsTheDataMatrixWithBx() throws Exception {
        printsNativeDataMatrix(PrinterLanguage.ZPL, true);
    }

    @Test
    void zplInlineDrawsTheDataMatrixWithBx() throws Exception {
        printsNativeDataMatrix(PrinterLanguage.ZPL, false);
    }

    @Test
    void tsplStoredImageDrawsTheDataMatrixWithDmatrix() throws Exception {
        printsNativeDataMatrix(PrinterLanguage.TSPL, true);
    }

    private void printsNativeDataMatrix(PrinterLanguage language, boolean stored) throws Exception {
        List<Object> elements = List.of(
                Map.of("symbol", Map.of("x_mm", 1, "y_mm", 1.5, "size_mm", 12, "type", "datamatrix")),
                Map.of("text", Map.of("x_mm", 17, "y_mm", 2, "height_mm", 2.6, "value", "批号 {batch}")),
                Map.of("text", Map.of("x_mm", 1.5, "y_mm", 22.5, "height_mm", 2.5, "value", "{code}")));
        Map<String, Object> label = Map.of("width_mm", 40, "height_mm", 30, "dpi", 300, "symbol", "QR",
                "time_zone", ZONE, "stored_format", stored, "template", Map.of("elements", elements));
        try (LiveLine line = new LiveLine(dir, 40, new ScannerFaults(1), Map.of("label", label,
                "mode", "STREAM"), Map.of(), language)) {
            // the emulated scanner reads QR and microcodes only: the labels are judged here, not by the line
            LiveLine.PlcRun run = line.run("J-DM", "SKU-DM", "B-DM", 3, 20, Map.of("mode", "STREAM"));
            // the record: the emulator counts a label (labelsPrinted) before it decodes it into its record
            await().atMost(Duration.ofSeconds(60)).until(() -> line.record().size() >= 3);
            assertThat(line.printer().errors()).as("%s", line.printer().lastError()).isZero();
            LabelPress press = new LabelPress(ConfigLoader.load(line.configFile()).lines().get(0));
            List<PrintedLabel> labels = line.record().labels();
            assertThat(labels).hasSizeGreaterThanOrEqualTo(3);
            for (PrintedLabel printed : labels) {
                assertThat(printed.symbolData()).as("label %d: the printer drew one symbol itself",
                        printed.sequence()).hasSize(1);
                String url = printed.symbolData().get(0);
                assertThat(read(printed.raster())).as("label %d decodes", printed.sequence()).isEqualTo(url);
                CodeRecord code = line.vault().resolveRead(url).orElseThrow();
                assertThat(code.jobId()).isEqualTo("J-DM");
                JobSpec job = line.vault().job("J-DM").orElseThrow();
                LabelPage page = press.page(new PrintableCode(code.matrix(), code.code(), code.url()),
                        Symbology.QR, new LabelValues(code.code(), code.url(), job.sku(), job.batch(), null, null,
                                "L1", job.jobId(), code.itemId(), 1, LocalDate.now(ZoneId.of(ZONE))));
                PrinterFontFields.assertPrinted(printed, page, true, language == PrinterLanguage.TSPL ? 3 : 0);
                assertThat(printed.textFields()).as("label %d: its own code in the printer's font",
                        printed.sequence()).extracting(t -> t.text()).containsExactly(code.code());
            }
            run.plc().close();
        }
    }

    private static String read(LabelRaster r) throws Exception {
        return new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(r.toImage().getSubimage(0, 0, 200, 200)))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
