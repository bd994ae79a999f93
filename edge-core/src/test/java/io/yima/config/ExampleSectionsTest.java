package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import io.yima.printing.LabelFormat;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example config, loaded as the edge loads it (paths resolved, templates read), keeps in every section it has
 * at least one setting that is not the section's default, and not a file path: a section rebuilt while its paths are
 * resolved (the old {@code status.token_file} bug: a token file reset {@code max_connections} and four more to their
 * defaults) would show up here as a section that reads back as all defaults. The defaults are what the same section
 * reads as when written empty ({@code status: {}}), seen through its {@code …OrDefault()} accessors where it has them.
 */
class ExampleSectionsTest {
    /** File paths are resolved, so they differ from the default anyway; they prove nothing about the other fields. */
    private static final Set<String> PATH_FIELDS = Set.of("path", "font", "file");

    @ParameterizedTest
    @MethodSource("io.yima.config.ExampleConfigsTest#examples")
    void everySectionOfAnExampleKeepsASettingOtherThanItsDefault(Path file) throws Exception {
        EdgeConfig loaded = ConfigLoader.load(file);
        JsonNode written = ConfigLoader.mapper().readTree(Files.readString(file));
        List<String> allDefault = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        walk("", loaded, written, allDefault, unresolved);
        assertThat(allDefault).as("sections of %s that read back as their defaults", file.getFileName()).isEmpty();
        assertThat(unresolved).as("relative paths left in %s after loading", file.getFileName()).isEmpty();
    }

    @Test
    void aStatusSectionWithATokenFileKeepsEveryOtherField(@TempDir Path dir) {
        EdgeConfig c = ConfigLoader.parse(minimal("""
                status:
                  bind: 127.0.0.2
                  port: 8181
                  token_file: secrets/status.token
                  low_stock_warning: 777
                  request_timeout: 7s
                  max_connections: 5
                  reject_amber_percent: 3
                  reject_red_percent: 9
                  stale_after: 11s
                  allowed_hosts: [edge-l1.factory.local]
                  max_wrong_tokens: 3
                  low_stock_critical: 55
                """, ""), dir);
        var s = c.status();
        assertThat(s.tokenFile()).isEqualTo(dir.resolve("secrets/status.token"));
        assertThat(s.bind()).isEqualTo("127.0.0.2");
        assertThat(s.port()).isEqualTo(8181);
        assertThat(s.lowStockWarning()).isEqualTo(777);
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.maxConnections()).isEqualTo(5);
        assertThat(s.rejectAmberPercent()).isEqualTo(3);
        assertThat(s.rejectRedPercent()).isEqualTo(9);
        assertThat(s.staleAfter()).isEqualTo(Duration.ofSeconds(11));
        assertThat(s.allowedHosts()).containsExactly("edge-l1.factory.local");
        assertThat(s.maxWrongTokens()).isEqualTo(3);
        assertThat(s.lowStockCritical()).isEqualTo(55);
    }

    @Test
    void aLabelWithATemplateFileAndAFontKeepsEveryOtherField(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("labels/boxed.yaml"), """
                elements:
                  - symbol: { x_mm: 2, y_mm: 2, size_mm: 8 }
                  - box: { x_mm: 1, y_mm: 1, width_mm: 20, height_mm: 10, thickness_mm: 0.5 }
                """);
        EdgeConfig c = ConfigLoader.parse(minimal("", """
                    label:
                      width_mm: 31
                      height_mm: 21
                      dpi: 203
                      symbol: MICROCODE
                      size_mm: 9
                      x_mm: 2.5
                      y_mm: 3.5
                      quiet_zone: 3
                      human_readable: true
                      fixed_text: [Lot 7]
                      template: { file: labels/boxed.yaml }
                      font: fonts/wqy.ttc
                      time_zone: Asia/Tokyo
                      stored_format: false
                """), dir);
        LineConfig.Label l = c.lines().get(0).label();
        assertThat(l.template().elements()).hasSize(2);
        assertThat(l.font()).isEqualTo(dir.resolve("fonts/wqy.ttc").toString());
        assertThat(l).extracting("widthMm", "heightMm", "dpi", "symbol", "sizeMm", "xMm", "yMm", "quietZone",
                        "humanReadable", "fixedText", "timeZone", "storedFormat")
                .containsExactly(31.0, 21.0, 203, "MICROCODE", 9.0, 2.5, 3.5, 3, true, List.of("Lot 7"), "Asia/Tokyo",
                        false);
    }

    /** {@code render --format} (LabelFormat) swaps the printer's language and graphic, nothing else. */
    @Test
    void aLabelFormatKeepsEveryPrinterFieldButLanguageAndGraphic() throws Exception {
        EdgeConfig c = ConfigLoader.parse(minimal("", ""), null);
        LineConfig.Printer p = c.lines().get(0).printer();
        LineConfig.Printer tspl = LabelFormat.TSPL_NATIVE.printer(p);
        assertThat(tspl.language()).isEqualTo(PrinterLanguage.TSPL);
        assertThat(tspl.graphicOrDefault()).isEqualTo(PrinterGraphic.NATIVE);
        for (RecordComponent rc : LineConfig.Printer.class.getRecordComponents()) {
            if (!rc.getName().equals("language") && !rc.getName().equals("graphic")) {
                Object before = rc.getAccessor().invoke(p);
                assertThat(before).as(rc.getName() + " is set in the test config").isNotNull();
                assertThat(rc.getAccessor().invoke(tspl)).as(rc.getName()).isEqualTo(before);
            }
        }
    }

    /** One valid line whose printer sets every key (ESC/POS: stored_images is its key only). */
    private static String minimal(String sections, String label) {
        return """
                vault: { path: vault.db }
                applications:
                  - { id: 581865877, key_env: YIMA_KEY }
                """ + sections + """
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcp://127.0.0.1:9100", language: escpos, graphic: HEX, status_poll: 2s,
                               status_timeout: 4s, max_band_height: 128, print_rate: 12.5, max_ahead: 9,
                               busy_status_poll: 200ms, stored_images: false }
                    scanner: { uri: "tcp://127.0.0.1:9004" }
                    plc: { port: 7001 }
                """ + label;
    }

    /** Checks {@code section} (written as {@code node} in the file) and every section nested in it. */
    private static void walk(String at, Object section, JsonNode node, List<String> allDefault,
                             List<String> unresolved) throws Exception {
        Class<?> type = section.getClass();
        Object defaults = ConfigLoader.mapper().readValue("{}", type);
        boolean differs = false;
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = snake(rc.getName());
            Object value = rc.getAccessor().invoke(section);
            String here = at.isEmpty() ? key : at + "." + key;
            if (value instanceof Path || PATH_FIELDS.contains(rc.getName()) || rc.getName().endsWith("File")
                    || rc.getName().endsWith("Dir")) {
                if (value != null && !Path.of(value.toString()).isAbsolute()) {
                    unresolved.add(here + ": " + value);
                }
                continue;
            }
            if (value != null && rc.getType().isRecord()) {
                walk(here, value, node.path(key), allDefault, unresolved);
                differs = true; // a section holding a section: that one is checked on its own
                continue;
            }
            if (value instanceof List<?> list && rc.getGenericType() instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
                for (int i = 0; i < list.size(); i++) {
                    walk(here + "[" + i + "]", list.get(i), node.path(key).path(i), allDefault, unresolved);
                }
                differs |= !list.isEmpty();
                continue;
            }
            differs |= !Objects.equals(effective(section, rc), effective(defaults, rc));
        }
        if (!at.isEmpty() && !differs && !node.isMissingNode()) {
            allDefault.add(at);
        }
    }

    /** The value the edge runs with: {@code xOrDefault()} where the section has one, else the field itself. */
    private static Object effective(Object section, RecordComponent rc) throws Exception {
        Method orDefault;
        try {
            orDefault = section.getClass().getMethod(rc.getName() + "OrDefault");
        } catch (NoSuchMethodException e) {
            return rc.getAccessor().invoke(section);
        }
        return orDefault.invoke(section);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
