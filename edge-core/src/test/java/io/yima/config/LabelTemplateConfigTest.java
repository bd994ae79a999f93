package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A label template is checked at start like the rest of the config: each error names its key and where it is. */
class LabelTemplateConfigTest {
    static final String CONFIG = """
            vault: { path: vault.db }
            applications: [ { id: 581865877 } ]
            lines:
              - id: L1
                application: 581865877
                printer: { uri: "tcp://127.0.0.1:9100" }
                label:
                  width_mm: 30
                  height_mm: 20
                  time_zone: Asia/Shanghai
                  template:
                    elements:
                      - symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }
                      - text: { x_mm: 15, y_mm: 2, height_mm: 2.5, value: "批号 {batch}" }
                      - text: { x_mm: 15, y_mm: 6, height_mm: 2, value: "有效期至 {date+365d:yyyy.MM.dd}" }
                      - box: { x_mm: 0.5, y_mm: 0.5, width_mm: 29, height_mm: 19 }
                scanner: { uri: "tcp://127.0.0.1:9004" }
                plc: { port: 7001 }
            """;

    @TempDir
    Path dir;

    private EdgeConfig parse(String from, String to) {
        String yaml = CONFIG.replace(from, to);
        assertThat(from.isEmpty() || CONFIG.contains(from)).as("the test's replacement applies").isTrue();
        return ConfigLoader.parse(yaml, dir);
    }

    @Test
    void aGoodTemplateLoads() {
        LineConfig.Label label = parse("", "").lines().get(0).label();
        assertThat(label.template().elements()).hasSize(4);
        assertThat(label.template().elements().get(1).text().value()).isEqualTo("批号 {batch}");
        assertThat(label.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(label.storedFormat()).isTrue();
    }

    @Test
    void aMistypedFieldIsRefusedWithTheFieldsThereAreAndWhereItIs() {
        assertThatThrownBy(() -> parse("批号 {batch}", "批号 {bacth}"))
                .hasMessage("lines[0].label.template.elements[1].text.value: unknown field {bacth} (fields: code, url,"
                        + " sku, batch, title, brand, line, job, item, seq, date, date+365d:yyyy-MM-dd)"
                        + " (line 14, column 56)");
        assertThatThrownBy(() -> parse("{date+365d:yyyy.MM.dd}", "{date+365d:yyyy.MM.ddd}"))
                .hasMessageStartingWith("lines[0].label.template.elements[2].text.value: {date+365d:yyyy.MM.ddd}:"
                        + " 'yyyy.MM.ddd' is not a date format");
    }

    @Test
    void elementsMustBeOneKindOnTheLabelAndComplete() {
        assertThatThrownBy(() -> parse("- box: {", "- box: { value: x, "))
                .hasMessageStartingWith("lines[0].label.template.elements[3].box.value: unknown key (keys here: height_mm,"
                        + " thickness_mm, width_mm, x_mm, y_mm)");
        assertThatThrownBy(() -> parse("- text: { x_mm: 15, y_mm: 2,", "- text: { x_mm: 35, y_mm: 2,"))
                .hasMessage("lines[0].label.template.elements[1].text.x_mm: 35.0 mm is not on the 30.0 mm wide label"
                        + " (line 14, column 21)");
        assertThatThrownBy(() -> parse("- symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }",
                "- symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }\n            text: { x_mm: 1, y_mm: 1, height_mm: 2, value: a }"))
                .hasMessage("lines[0].label.template.elements[0]: one element per list item: symbol, text, logo,"
                        + " box or line (line 13, column 13)");
        assertThatThrownBy(() -> parse("- symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }", "- symbol: { x_mm: 1, y_mm: 1 }"))
                .hasMessage("lines[0].label.template.elements[0].symbol.size_mm: required: the symbol's side in mm,"
                        + " without its quiet zone (line 13, column 13)");
        assertThatThrownBy(() -> parse("- symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }",
                "- text: { x_mm: 1, y_mm: 1, height_mm: 2, value: a }"))
                .hasMessage("lines[0].label.template.elements: needs a symbol element (the code) (line 12, column 9)");
        assertThatThrownBy(() -> parse("width_mm: 29, height_mm: 19 }", "width_mm: 30, height_mm: 19 }"))
                .hasMessage("lines[0].label.template.elements[3].box: reaches past the 30.0 x 20.0 mm label"
                        + " (line 16, column 13)");
    }

    @Test
    void printerFontIsOnlyForPerLabelAsciiText() {
        assertThatThrownBy(() -> parse("value: \"批号 {batch}\" }", "value: \"批号 {batch}\", printer_font: true }"))
                .hasMessage("lines[0].label.template.elements[1].text.printer_font: only text that changes on every"
                        + " label ({code}, {url}, {item}, {seq}) prints in the printer's font; this text is the same"
                        + " for the whole job and is drawn once with the label font (leave printer_font out)"
                        + " (line 14, column 77)");
        assertThatThrownBy(() -> parse("value: \"批号 {batch}\" }", "value: \"箱号 {seq}\", printer_font: true }"))
                .hasMessageStartingWith("lines[0].label.template.elements[1].text.printer_font: a printer's built-in"
                        + " font prints plain ASCII only");
        LineConfig.Label raster = parse("value: \"批号 {batch}\" }", "value: \"{code}\", printer_font: false }")
                .lines().get(0).label();
        assertThat(raster.template().elements().get(1).text().printerFontOrDefault()).isFalse();
        assertThat(parse("", "").lines().get(0).label().template().elements().get(1).text().printerFontOrDefault())
                .as("default: the printer's font where it can").isTrue();
    }

    @Test
    void timeZoneAndPrinterSettingsAreChecked() {
        assertThatThrownBy(() -> parse("time_zone: Asia/Shanghai", "time_zone: China/Beijing"))
                .hasMessage("lines[0].label.time_zone: 'China/Beijing' is not a time zone (e.g. Asia/Shanghai, UTC,"
                        + " +08:00) (line 10, column 7)");
        assertThatThrownBy(() -> parse("9100\" }", "9100\", graphic: NATIVE }"))
                .hasMessageStartingWith("lines[0].label.template: a template is printed as dots; printer.graphic"
                        + " NATIVE cannot print it");
        assertThat(parse("9100\" }", "9100\", language: tspl }").lines().get(0).label().template())
                .as("a TSPL printer prints templates (a page encoder of its own)").isNotNull();
    }

    @Test
    void missingFilesStopTheStartNamingTheKey() throws Exception {
        assertThatThrownBy(() -> parse("      - box:", "      - logo: { x_mm: 20, y_mm: 12, width_mm: 8, file: logo.png }\n"
                + "          - box:"))
                .hasMessage("lines[0].label.template.elements[3].logo.file: " + dir.resolve("logo.png")
                        + ": no such file (a PNG or BMP) (line 16, column 54)");
        assertThatThrownBy(() -> parse("time_zone: Asia/Shanghai", "time_zone: Asia/Shanghai\n      font: fonts/none.ttf"))
                .hasMessageStartingWith("lines[0].label.font: font file " + dir.resolve("fonts/none.ttf")
                        + " not found");
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("logo.png").toFile());
        LineConfig.Label ok = parse("      - box:", "      - logo: { x_mm: 20, y_mm: 12, width_mm: 8, file: logo.png }\n"
                + "          - box:").lines().get(0).label();
        assertThat(ok.template().elements().get(3).logo().file()).as("resolved against the config's folder")
                .isEqualTo(dir.resolve("logo.png").toString());
    }

    @Test
    void aTemplateFileIsReadAtStartAndItsErrorsNameItsOwnLines() throws Exception {
        Path labels = Files.createDirectories(dir.resolve("labels"));
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", labels.resolve("logo.png").toFile());
        Files.writeString(labels.resolve("bottle.yaml"), """
                elements:
                  - symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }
                  - logo: { x_mm: 20, y_mm: 12, width_mm: 8, file: logo.png }
                """);
        String inline = CONFIG.substring(CONFIG.indexOf("      template:"), CONFIG.indexOf("    scanner:"));
        LineConfig.Label label = parse(inline, "      template: { file: labels/bottle.yaml }\n").lines().get(0).label();
        assertThat(label.template().elements()).hasSize(2);
        assertThat(label.template().elements().get(1).logo().file()).as("resolved against the template file's folder")
                .isEqualTo(labels.resolve("logo.png").toString());

        Files.writeString(labels.resolve("bottle.yaml"), """
                elements:
                  - symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }
                  - text: { x_mm: 20, y_mm: 12, height_mm: 2, value: "{skuu}" }
                """);
        assertThatThrownBy(() -> parse(inline, "      template: { file: labels/bottle.yaml }\n"))
                .hasMessageStartingWith("lines[0].label.template.file: bottle.yaml: elements[1].text.value: unknown"
                        + " field {skuu}")
                .hasMessageEndingWith("(bottle.yaml line 3, column 47) (line 11, column 19)");
    }
}
