package io.yima.sim.line;

import static io.yima.sim.line.ModbusScript.concat;
import static io.yima.sim.line.ModbusScript.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.config.LineConfig;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.Symbology;
import io.yima.edge.ConfigLoader;
import io.yima.printing.LabelPress;
import io.yima.printing.template.PrintableCode;
import io.yima.printing.template.LabelValues;
import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's label fields given at START — title and production date — through the PLC ports (the ASCII protocol's
 * version 2 {@code date=} and {@code title=}, Modbus map version 2's {@code PRODUCTION_DATE}; OPC UA's
 * StartJobWithFields in {@link OpcUaJobFieldsIT}, which needs Milo's class path) over a real socket, printed through the whole line to the emulated ZPL printer:
 * every label the emulator drew is, dot for dot, the edge's preview of its code with the overridden fields, and not
 * the label with the line's defaults and today's date. The fields are kept with the job in the vault, so a
 * restarted edge prints the rest of the job with them.
 */
class JobLabelFieldsIT {
    static final String ZONE = "Asia/Shanghai";
    static final String DEFAULT_TITLE = "明前龙井 250克";
    static final String TITLE = "特级碧螺春 礼盒";

    @TempDir
    Path dir;

    /** Forty days ago in the line's zone: a production date that differs from every label's print day. */
    static LocalDate produced() {
        return LocalDate.now(ZoneId.of(ZONE)).minusDays(40);
    }

    @Test
    void asciiStartFieldsPrintOnEveryLabelAndSurviveAnEdgeRestart() throws Exception {
        LocalDate date = produced();
        try (LiveLine line = line(dir, Map.of(), Map.of())) {
            try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                assertThat(plc.call("HELLO,1,2,PLC-IT")).containsExactly("ACK,1,YIMA,2,L1,");
                assertThat(PlcSocket.last(plc.call("START,2,J-F1,SKU-F,B-F1,20,mode=TRIGGERED,title="
                        + percent(TITLE) + ",date=" + date))).isEqualTo("ACK,2,J-F1");
                assertThat(PlcSocket.last(plc.call("PRINT,3,item-1"))).isEqualTo("ACK,3,item-1,0");
                assertThat(PlcSocket.last(plc.call("PRINT,4,item-2"))).isEqualTo("ACK,4,item-2,1");
                await().atMost(Duration.ofSeconds(20)).until(() -> line.record().size() == 2);
            }
            JobSpec kept = line.vault().job("J-F1").orElseThrow();
            assertThat(kept.productionDate()).as("kept with the job").isEqualTo(date);
            assertThat(kept.activation().productTitle()).isEqualTo(TITLE);

            line.restartEdge();
            try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                assertThat(PlcSocket.last(plc.call("HELLO,1,2,PLC-IT"))).isEqualTo("ACK,1,YIMA,2,L1,J-F1");
                // the same START again (a PLC unsure it was answered) resumes the job; another date does not
                assertThat(PlcSocket.last(plc.call("START,2,J-F1,SKU-F,B-F1,20,mode=TRIGGERED,title="
                        + percent(TITLE) + ",date=" + date))).isEqualTo("ACK,2,J-F1");
                assertThat(PlcSocket.last(plc.call("START,3,J-F1,SKU-F,B-F1,20,mode=TRIGGERED,title="
                        + percent(TITLE) + ",date=" + date.minusDays(1)))).isEqualTo("NAK,3,BAD_FIELD,job J-F1 is open with other fields");
                assertThat(PlcSocket.last(plc.call("PRINT,4,item-3"))).isEqualTo("ACK,4,item-3,2");
                await().atMost(Duration.ofSeconds(20)).until(() -> line.record().size() == 3);
            }
            assertEveryLabelCarries(line, 3, TITLE, date);
        }
    }

    @Test
    void modbusProductionDateRegisterPrintsOnEveryLabel() throws Exception {
        LocalDate date = produced();
        Map<String, Object> modbus = Map.of("modbus", Map.of("mode", "server", "bind", "127.0.0.1", "port", 0));
        try (LiveLine line = line(dir, modbus, Map.of());
             ModbusScript plc = new ModbusScript(line.edge().modbusPort(LiveLine.LINE))) {
            plc.write(0, 1, 0, 0, 0, 0, 0).awaitRead(65, 2); // heartbeat, trigger, item, result ack → map version 2
            int ymd = date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
            // offsets 6–61: command 1, START, quantity 3, mode 2 (STREAM), symbol 1 (QR), job, sku, batch, date
            int[] start = concat(new int[] {1, 1, 0, 3, 2, 1}, text("J-F2"), text("SKU-F"), text("B-F2"),
                    new int[] {ymd >> 16, ymd & 0xFFFF});
            plc.write(6, start).awaitRead(74, 1, 1); // COMMAND_ECHO 1, COMMAND_STATUS OK
            await().atMost(Duration.ofSeconds(30)).until(() -> line.record().size() == 3);
            assertThat(line.vault().job("J-F2").orElseThrow().productionDate()).isEqualTo(date);
            // a date that is no day is refused BAD_FIELD (10) and says so in MESSAGE
            int noDay = 20261399;
            plc.write(60, noDay >> 16, noDay & 0xFFFF).write(6, 2, 1);
            plc.awaitRead(74, 2, 10);
            assertThat(plc.text(151)).isEqualTo("BAD_FIELD: date not in calendar");
            assertEveryLabelCarries(line, 3, DEFAULT_TITLE, date);
        }
    }

    /** The protocol's percent-encoding of free text (every byte but letters and digits as %XX). */
    private static String percent(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(Character.isLetterOrDigit(b) ? String.valueOf((char) b) : String.format("%%%02X", b & 0xFF));
        }
        return sb.toString();
    }

    /** A line with a ZPL stored-format template of the job's fields, plus {@code lineSettings}, {@code edgeSettings}. */
    static LiveLine line(Path dir, Map<String, Object> lineSettings, Map<String, Object> edgeSettings)
            throws Exception {
        List<Object> elements = List.of(
                Map.of("symbol", Map.of("x_mm", 1, "y_mm", 1.5, "size_mm", 14)),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 2, "height_mm", 2.6, "value", "{title}")),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 5.5, "height_mm", 2, "value", "批号 {batch}")),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 8.5, "height_mm", 2, "value", "生产日期 {date:yyyy-MM-dd}")),
                Map.of("text", Map.of("x_mm", 19, "y_mm", 11.5, "height_mm", 2,
                        "value", "有效期至 {date+365d:yyyy.MM.dd}")),
                Map.of("text", Map.of("x_mm", 1.5, "y_mm", 22.5, "height_mm", 2.5, "value", "{code}")));
        Map<String, Object> label = Map.of("width_mm", 40, "height_mm", 30, "dpi", 300, "symbol", "QR",
                "time_zone", ZONE, "stored_format", true, "template", Map.of("elements", elements));
        Map<String, Object> defaults = Map.of("title", DEFAULT_TITLE, "brand", "一物一码茶业");
        Map<String, Object> settings = new LinkedHashMap<>(lineSettings);
        settings.put("label", label);
        settings.put("job_defaults", defaults);
        return new LiveLine(dir, 60, new ScannerFaults(1), settings, edgeSettings, PrinterLanguage.ZPL);
    }

    /**
     * The printer printed {@code count} labels (callers wait for its record, not for its labelsPrinted(): the
     * emulator counts a label before it decodes it into the record), each decoding to a code whose label, drawn by the emulator, equals
     * the edge's preview with {@code title} and {@code date} dot for dot (outside the {@code {code}} line, which
     * the printer draws in its own font: there it must have drawn the label's code), and differs from the one with
     * the line's default title and today's date.
     */
    static void assertEveryLabelCarries(LiveLine line, int count, String title, LocalDate date) {
        LineConfig lc = ConfigLoader.load(line.configFile()).lines().get(0);
        LabelPress press = new LabelPress(lc);
        LabelDecoder decoder = new LabelDecoder();
        List<PrintedLabel> labels = line.record().labels();
        assertThat(labels).hasSize(count);
        LocalDate today = LocalDate.now(ZoneId.of(ZONE));
        for (PrintedLabel printed : labels) {
            String url = decoder.text(printed.raster());
            assertThat(url).as("label %d decodes", printed.sequence()).isNotNull();
            CodeRecord code = line.vault().resolveRead(url).orElseThrow();
            JobSpec job = line.vault().job(code.jobId()).orElseThrow();
            PrintableCode printable = new PrintableCode(code.matrix(), code.code(), code.url());
            LabelPage withFields = press.page(printable, Symbology.QR, new LabelValues(code.code(), code.url(),
                    job.sku(), job.batch(), title, null, "L1", job.jobId(), code.itemId(), 1, date));
            Raster withDefaults = press.preview(printable, Symbology.QR, new LabelValues(code.code(), code.url(),
                    job.sku(), job.batch(), DEFAULT_TITLE, null, "L1", job.jobId(), code.itemId(), 1, today));
            List<int[]> fields = PrinterFontFields.assertPrinted(printed, withFields, true, 0);
            assertThat(printed.textFields()).extracting(t -> t.text()).containsExactly(code.code());
            assertThat(differingDots(printed.raster(), withDefaults, fields)).as("dots of label %d that differ from"
                    + " the label with the line's defaults and today", printed.sequence()).isGreaterThan(100);
        }
    }

    /** Dots that differ outside {@code fields}, the printer-font fields. */
    private static int differingDots(LabelRaster r, Raster preview, List<int[]> fields) {
        assertThat(r.height()).isEqualTo(preview.height());
        int differ = 0;
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < preview.width(); x++) {
                differ += !PrinterFontFields.inside(fields, x, y) && r.get(x, y) != preview.isBlack(x, y) ? 1 : 0;
            }
        }
        return differ;
    }
}
