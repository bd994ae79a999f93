package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.config.LineConfig;
import io.yima.drivers.printer.EscPosStoredPageEncoder;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.render.page.LabelPage;
import io.yima.edge.ConfigLoader;
import io.yima.printing.LabelPress;
import io.yima.printing.template.PrintableCode;
import io.yima.printing.template.LabelValues;
import io.yima.printing.template.PageComposer;
import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.JobSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A templated label (Chinese static text, job fields, dates, the code, the label number, a logo, a box and a line)
 * printed through the whole line to the emulated printer, in each way the edge sends it: ZPL with a stored format,
 * ZPL inline, ESC/POS raster, TSPL with a stored image ({@code DOWNLOAD}/{@code PUTBMP}) and TSPL inline. The
 * emulator draws every label from the bytes it received; each must decode to its code and equal, dot for dot, the
 * preview the edge renders for that code, job and label — except inside the per-label text fields ({@code {code}},
 * {@code No.{seq} / {item}}), which ZPL and TSPL printers draw in their own font: there the emulator must have drawn
 * the expected text at the template's place and height (ESC/POS, a picture, has no such fields).
 */
class TemplateLabelIT {
    static final String ZONE = "Asia/Shanghai";
    static final String TITLE = "明前龙井 250克";

    @TempDir
    Path dir;

    @Test
    void storedFormatLabelsPrintAsTheirPreviewDotForDot() throws Exception {
        try (LiveLine line = line(PrinterLanguage.ZPL, true)) {
            ScenarioResult r = line.run("J-STORED", "SKU-LJ", "B20261206", 12, 20, Map.of("symbol", "QR")).await();
            line.assertAccounted(r, "J-STORED");
            List<int[]> fields = assertEveryLabelIsItsPreview(line, List.of("J-STORED"), 12);
            assertThat(line.printer().storedObjects()).as("the format and the logo stay in the printer").isEqualTo(2);
            assertThat(line.printer().errors()).as("the printer understood every byte: %s", line.printer().lastError())
                    .isZero();
            List<PrintedLabel> labels = line.record().labels();
            assertThat(labels.get(labels.size() - 1).rawBytes()).as("a recalled label carries only its own marks")
                    .isLessThan(labels.get(0).rawBytes() / 2 + 1200);

            // The dashboard's preview of the last label is that label as the printer printed it.
            HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + line.statusPort() + "/api/lines/L1/label.png")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).isEqualTo(200);
            BufferedImage shown = ImageIO.read(new ByteArrayInputStream(png.body()));
            LabelRaster printed = labels.get(labels.size() - 1).raster();
            assertThat(shown.getWidth()).isEqualTo(printed.width());
            assertThat(shown.getHeight()).isEqualTo(printed.height());
            assertThat(fields).as("the last label's printer-font fields").hasSize(2);
            int differ = 0;
            for (int y = 0; y < printed.height(); y++) {
                for (int x = 0; x < printed.width(); x++) {
                    if (!PrinterFontFields.inside(fields, x, y)) {
                        differ += ((shown.getRGB(x, y) & 0xFFFFFF) == 0) != printed.get(x, y) ? 1 : 0;
                    }
                }
            }
            assertThat(differ).as("dots of the dashboard preview outside the printer-font fields that differ from"
                    + " the printed label").isZero();
            int shownInFields = 0;
            for (int[] f : fields) {
                for (int y = f[1]; y < f[3]; y++) {
                    for (int x = f[0]; x < f[2]; x++) {
                        shownInFields += (shown.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
                    }
                }
            }
            assertThat(shownInFields).as("the dashboard preview shows the printer-font text at its place")
                    .isGreaterThan(50);
        }
    }

    @Test
    void inlineZplLabelsPrintAsTheirPreviewDotForDot() throws Exception {
        try (LiveLine line = line(PrinterLanguage.ZPL, false)) {
            ScenarioResult r = line.run("J-INLINE", "SKU-LJ", "B20261206", 8, 20, Map.of("symbol", "QR")).await();
            line.assertAccounted(r, "J-INLINE");
            assertEveryLabelIsItsPreview(line, List.of("J-INLINE"), 8);
            assertThat(line.printer().storedObjects()).as("nothing stored").isZero();
            assertThat(line.printer().errors()).as("%s", line.printer().lastError()).isZero();
        }
    }

    @Test
    void escPosLabelsPrintAsTheirPreviewDotForDot() throws Exception {
        try (LiveLine line = line(PrinterLanguage.ESCPOS, true)) {
            ScenarioResult r = line.run("J-ESCPOS", "SKU-LJ", "B20261206", 8, 20, Map.of("symbol", "QR")).await();
            line.assertAccounted(r, "J-ESCPOS");
            assertEveryLabelIsItsPreview(line, List.of("J-ESCPOS"), 8);
            assertThat(line.printer().errors()).as("%s", line.printer().lastError()).isZero();
        }
    }

    /**
     * ESC/POS with {@code printer.stored_images}: the fixed part goes once as downloaded graphics ({@code GS ( L}
     * fn 83), each label recalls the strips its own marks leave alone (fn 85) and sends the others as raster.
     */
    @Test
    void escPosStoredImageLabelsPrintAsTheirPreviewDotForDot() throws Exception {
        try (LiveLine line = line(PrinterLanguage.ESCPOS, true, true)) {
            ScenarioResult r = line.run("J-ESCIMG", "SKU-LJ", "B20261206", 8, 20, Map.of("symbol", "QR")).await();
            line.assertAccounted(r, "J-ESCIMG");
            assertEveryLabelIsItsPreview(line, List.of("J-ESCIMG"), 8);
            assertThat(line.printer().errors()).as("%s", line.printer().lastError()).isZero();
            assertThat(line.printer().storedObjects()).as("the fixed part's strips stay in the printer")
                    .isEqualTo(escPosImages(line, "J-ESCIMG"));
            List<PrintedLabel> labels = line.record().labels();
            assertThat(labels.get(labels.size() - 1).rawBytes()).as("a label after the download carries its own"
                    + " rows only").isLessThan(labels.get(0).rawBytes() * 3 / 4);
            LabelRaster whole = labels.get(0).raster();
            assertThat(labels.get(labels.size() - 1).rawBytes()).as("and a fifth fewer bytes than the whole raster")
                    .isLessThan((long) whole.width() / 8 * whole.height() * 4 / 5);
        }
    }

    @Test
    void tsplStoredImageLabelsPrintAsTheirPreviewDotForDot() throws Exception {
        try (LiveLine line = line(PrinterLanguage.TSPL, true)) {
            ScenarioResult r = line.run("J-TSPL", "SKU-LJ", "B20261206", 10, 20, Map.of("symbol", "QR")).await();
            line.assertAccounted(r, "J-TSPL");
            assertEveryLabelIsItsPreview(line, List.of("J-TSPL"), 10);
            assertThat(line.printer().storedObjects()).as("the fixed part stays in the printer as one BMP file")
                    .isEqualTo(1);
            assertThat(line.printer().errors()).as("%s", line.printer().lastError()).isZero();
            List<PrintedLabel> labels = line.record().labels();
            assertThat(labels.get(labels.size() - 1).rawBytes()).as("a label after the download carries only its"
                    + " own marks").isLessThan(labels.get(0).rawBytes() / 2);
        }
    }

    @Test
    void tsplInlineLabelsPrintAsTheirPreviewDotForDot() throws Exception {
        try (LiveLine line = line(PrinterLanguage.TSPL, false)) {
            ScenarioResult r = line.run("J-TSPLIN", "SKU-LJ", "B20261206", 8, 20, Map.of("symbol", "QR")).await();
            line.assertAccounted(r, "J-TSPLIN");
            assertEveryLabelIsItsPreview(line, List.of("J-TSPLIN"), 8);
            assertThat(line.printer().storedObjects()).as("nothing stored").isZero();
            assertThat(line.printer().errors()).as("%s", line.printer().lastError()).isZero();
        }
    }

    /** As for ZPL below: a TSC's DRAM is emptied by the power cycle, and the edge downloads B's image again. */
    @Test
    void aPowerCycleBetweenTwoLabelsOfATsplStoredImageJobDownloadsTheImageAgain() throws Exception {
        powerCycleBetweenTwoLabelsOfJobB(PrinterLanguage.TSPL, 1);
    }

    /** An ESC/POS printer's downloaded graphics are in RAM too: gone at the power cycle, defined again. */
    @Test
    void aPowerCycleBetweenTwoLabelsOfAnEscPosStoredImageJobDefinesTheImagesAgain() throws Exception {
        powerCycleBetweenTwoLabelsOfJobB(PrinterLanguage.ESCPOS, -1);
    }

    /**
     * Job A runs to its end; job B (another batch) starts, the printer is power-cycled between two of its labels
     * and loses its stored format: the edge downloads B's format again before B's next label, so no label of B
     * prints without its fixed text or with A's.
     */
    @Test
    void aPowerCycleBetweenTwoLabelsOfAStoredFormatJobDownloadsTheFormatAgain() throws Exception {
        powerCycleBetweenTwoLabelsOfJobB(PrinterLanguage.ZPL, 2);
    }

    /**
     * @param storedObjects what B's fixed part takes in the printer's memory (ZPL: format and logo; TSPL: a BMP;
     *                      -1: ESC/POS, its distinct strips)
     */
    private void powerCycleBetweenTwoLabelsOfJobB(PrinterLanguage language, int storedObjects) throws Exception {
        try (LiveLine line = line(language, true, language == PrinterLanguage.ESCPOS)) {
            ScenarioResult a = line.run("J-A", "SKU-LJ", "BATCH-A", 6, 20, Map.of("symbol", "QR")).await();
            line.assertAccounted(a, "J-A");
            LiveLine.PlcRun b = line.run("J-B", "SKU-LJ", "BATCH-B", 40, 10, Map.of("symbol", "QR"));
            await().atMost(Duration.ofSeconds(30)).until(() -> line.printer().labelsPrinted() >= 6 + 10);
            line.printer().faults().powerCycle(500);
            assertThat(line.printer().storedObjects()).as("a power cycle empties the printer's memory").isZero();
            ScenarioResult rb = b.await();
            // (assertAccounted expects one job per printer record; here the record holds A's labels too)
            assertThat(rb.closed()).as("job B closed").isNotNull();
            assertThat(b.plc().reconnects()).as("B's PLC kept its one connection (the printer's power cycle is no"
                    + " reason to lose it, and A's finished PLC conversation no longer takes the line back)").isZero();
            assertThat(line.vault().jobReport("J-B").balanced()).as("job B balances").isTrue();
            assertThat(line.vault().jobReport("J-B").printed()).as("every item of B got a label").isEqualTo(40);

            long printedAfter = line.record().labels().stream().filter(l -> l.sequence() > 16).count();
            assertThat(printedAfter).as("labels of B printed after the power cycle").isGreaterThan(5);
            assertEveryLabelIsItsPreview(line, List.of("J-A", "J-B"), -1);
            assertThat(line.printer().errors()).as("no recall of a format or image the printer had lost: %s",
                    line.printer().lastError()).isZero();
            assertThat(line.printer().storedObjects()).as("B's fixed part, downloaded again")
                    .isEqualTo(storedObjects >= 0 ? storedObjects : escPosImages(line, "J-B"));
        }
    }

    /** The downloaded graphics a job's fixed part takes: its distinct strips, as the edge cuts them. */
    private static int escPosImages(LiveLine line, String jobId) {
        LineConfig lc = ConfigLoader.load(line.configFile()).lines().get(0);
        JobSpec job = line.vault().job(jobId).orElseThrow();
        // any code: the fixed part is the job's, not the code's
        CodeRecord code = line.vault().resolveRead(new LabelDecoder().text(line.record().labels().get(0).raster()))
                .orElseThrow();
        LabelValues values = new LabelValues(code.code(), code.url(), job.sku(), job.batch(),
                job.activation().productTitle(), job.activation().productBrand(), "L1", job.jobId(), "1", 1,
                LocalDate.now(ZoneId.of(ZONE)));
        LabelPage page = new PageComposer(lc.label()).compose(new PrintableCode(code.matrix(), code.code(),
                code.url()), Symbology.QR, values);
        return new EscPosStoredPageEncoder(lc.printer().maxBandHeight()).images(page);
    }

    private LiveLine line(PrinterLanguage language, boolean storedFormat) throws Exception {
        return line(language, storedFormat, false);
    }

    /** @param storedImages ESC/POS {@code printer.stored_images} */
    private LiveLine line(PrinterLanguage language, boolean storedFormat, boolean storedImages) throws Exception {
        Path logo = dir.resolve("logo.png");
        BufferedImage img = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 60);
        g.setColor(Color.BLACK);
        g.fillOval(4, 4, 52, 52);
        g.fillRect(64, 10, 50, 40);
        g.dispose();
        ImageIO.write(img, "png", logo.toFile());
        List<Object> elements = List.of(
                Map.of("box", Map.of("x_mm", 0.5, "y_mm", 0.5, "width_mm", 39, "height_mm", 29, "thickness_mm", 0.3)),
                Map.of("symbol", Map.of("x_mm", 1, "y_mm", 1.5, "size_mm", 14)),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 2, "height_mm", 2.6, "value", "{title}")),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 5.5, "height_mm", 2, "value", "批号 {batch}")),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 8.5, "height_mm", 2, "value", "生产日期 {date:yyyy-MM-dd}")),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 11.5, "height_mm", 2,
                        "value", "有效期至 {date+365d:yyyy.MM.dd}")),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 14.5, "height_mm", 2, "value", "产线 {line}  SKU {sku}")),
                Map.of("line", Map.of("x_mm", 1, "y_mm", 21, "width_mm", 38, "height_mm", 0.25)),
                Map.of("text", Map.of("x_mm", 1.5, "y_mm", 22.5, "height_mm", 2.5, "value", "{code}")),
                Map.of("text", Map.of("x_mm", 1.5, "y_mm", 26, "height_mm", 2, "value", "No.{seq} / {item}")),
                Map.of("logo", Map.of("x_mm", 30, "y_mm", 23, "width_mm", 8, "file", logo.toString())));
        Map<String, Object> label = Map.of("width_mm", 40, "height_mm", 30, "dpi", 300, "symbol", "QR",
                "time_zone", ZONE, "stored_format", storedFormat, "template", Map.of("elements", elements));
        Map<String, Object> defaults = Map.of("title", TITLE, "brand", "一物一码茶业", "ean", "6901234567892",
                "activity", "demo", "wxa_appid", "wx0000000000000000", "wxa_path", "pages/index");
        Map<String, Object> settings = storedImages
                ? Map.of("label", label, "job_defaults", defaults, "printer", Map.of("stored_images", true))
                : Map.of("label", label, "job_defaults", defaults);
        return new LiveLine(dir, 200, new ScannerFaults(1), settings, Map.of(), language);
    }

    /**
     * Every label the printer printed decodes to a code of one of {@code jobs} and is, dot for dot, the edge's
     * preview of that code with its job's fields and its label number (the code's rank among the job's codes:
     * codes are issued in index order).
     */
    /** @return the printer-font fields of the last label checked */
    private static List<int[]> assertEveryLabelIsItsPreview(LiveLine line, List<String> jobs, int expected) {
        LineConfig lc = ConfigLoader.load(line.configFile()).lines().get(0);
        String language = lc.printer().language().name();
        boolean printerFonts = !language.equals("ESCPOS");
        // TSPL sizes its font in whole points: up to half a point (300/144 dots) and a dot of rounding off
        int heightTolerance = language.equals("TSPL") ? 3 : 0;
        List<int[]> fields = List.of();
        LabelPress press = new LabelPress(lc);
        LabelDecoder decoder = new LabelDecoder();
        List<PrintedLabel> labels = line.record().labels();
        if (expected >= 0) {
            assertThat(labels).hasSize(expected);
        }
        assertThat(labels).isNotEmpty();
        for (PrintedLabel printed : labels) {
            String url = decoder.text(printed.raster());
            assertThat(url).as("label %d decodes", printed.sequence()).isNotNull();
            CodeRecord code = line.vault().resolveRead(url).orElseThrow();
            assertThat(jobs).as("label %d is of a job run here", printed.sequence()).contains(code.jobId());
            JobSpec job = line.vault().job(code.jobId()).orElseThrow();
            TreeSet<Long> issued = new TreeSet<>();
            line.vault().jobReport(code.jobId()).indexes().values().forEach(issued::addAll);
            long seq = issued.headSet(code.index(), true).size();
            LabelValues values = new LabelValues(code.code(), code.url(), job.sku(), job.batch(),
                    job.activation().productTitle(), job.activation().productBrand(), "L1", job.jobId(),
                    code.itemId(), seq, LocalDate.now(ZoneId.of(ZONE)));
            LabelPage page = press.page(new PrintableCode(code.matrix(), code.code(), code.url()), Symbology.QR,
                    values);
            fields = PrinterFontFields.assertPrinted(printed, page, printerFonts, heightTolerance);
            if (printerFonts) {
                assertThat(printed.textFields()).as("label %d: {code} and No.{seq} / {item} in the printer's font",
                        printed.sequence()).extracting(t -> t.text())
                        .contains(code.code(), "No." + seq + " / " + code.itemId());
            }
            assertThat(printed.raster().blackDots()).as("label %d is not blank", printed.sequence())
                    .isGreaterThan(2000);
        }
        return fields;
    }
}
