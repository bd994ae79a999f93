package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import io.yima.status.StatusConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Defaults set in a section's constructor (docs/configuration.md): a section or key left out reads back as the same
 * section written empty, with the documented values, and the checks that refuse a key in the wrong place still see
 * it missing.
 */
class SectionDefaultsTest {

    private static EdgeConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Path.of("/etc/yima"));
    }

    private static String line(String extra) {
        return """
                vault: { path: vault.db }
                applications: [ { id: 581865877 } ]
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcp://127.0.0.1:9100" }
                    scanner: { uri: "tcp://127.0.0.1:9004" }
                    plc: { port: 7001 }
                """ + extra;
    }

    @Test
    void aFileWithoutAStatusSectionRunsTheStatusPortOnLoopback8080() {
        StatusConfig absent = parse(line("")).status();
        assertThat(absent).isEqualTo(parse("status: {}\n" + line("")).status());
        assertThat(absent).isEqualTo(StatusConfig.defaults());
        assertThat(absent.bind()).isEqualTo("127.0.0.1");
        assertThat(absent.port()).isEqualTo(8080);
        assertThat(absent.maxConnections()).isEqualTo(64);
        assertThat(absent.staleAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(absent.lowStockCritical()).isEqualTo(2000);
    }

    @Test
    void thePortOfAnAbsentStatusSectionStillClashesWithAPlcPort() {
        assertThatThrownBy(() -> ConfigLoader.parse(line("").replace("port: 7001", "port: 8080"), Path.of("/etc")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lines[0].plc.port: port 8080 is also status.port");
    }

    @Test
    void aFileWithoutAnExportSectionExportsNothingAndKeepsEventsAWeek() {
        EdgeConfig c = parse(line(""));
        assertThat(c.export().mqttEnabled()).isFalse();
        assertThat(c.export().retention()).isEqualTo(Duration.ofHours(168));
        assertThat(c.export().backlogAlarm().maxEvents()).isEqualTo(500_000L);
        assertThat(c.export().backlogAlarm().maxAge()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aCaseWindowLeftOutIsTenSecondsAndAPalletWindowOnlyComesWithAPalletReader() {
        String packing = """
                    packing:
                      mode: count
                      per_case: 6
                      per_pallet: 4
                      case_codes: { source: sscc, company_prefix: "0614141" }
                      case_printer: { uri: "tcp://127.0.0.1:9101" }
                      case_scanner: { uri: "tcp://127.0.0.1:9005" }
                """;
        LineConfig.Packing without = parse(line(packing)).lines().get(0).packing();
        assertThat(without.caseWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(without.palletWindow()).isNull();
        LineConfig.Packing with = parse(line(packing + "      pallet_scanner: { uri: \"tcp://127.0.0.1:9006\" }\n"))
                .lines().get(0).packing();
        assertThat(with.palletWindow()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aLabelWithItsKeysLeftOutPrints30By20MillimetresAt300Dpi() {
        LineConfig.Label written = parse(line("    label: { symbol: QR }\n")).lines().get(0).label();
        assertThat(written).extracting("widthMm", "heightMm", "dpi", "sizeMm", "xMm", "yMm", "humanReadable",
                "fixedText", "storedFormat").containsExactly(30.0, 20.0, 300, 10.0, 2.0, 2.0, true, java.util.List.of(),
                true);
        assertThat(written.quietZone()).as("by symbology, where the label is drawn").isNull();
        // the press builds this one for a line without a label section: the same sizes
        assertThat(new LineConfig.Label(null, null, null, "QR", null, null, null, null, null, null)).isEqualTo(written);
    }

    @Test
    void eachModbusModeGetsItsOwnDefaultsAndTheOtherModesKeysStayRefused() {
        LineConfig.Modbus server = parse(line("    modbus: { mode: server, port: 0 }\n")).lines().get(0).modbus();
        assertThat(server.bind()).isEqualTo("127.0.0.1");
        LineConfig.Modbus client = parse(line("    modbus: { mode: client, host: 10.0.0.9 }\n")).lines().get(0)
                .modbus();
        assertThat(client).extracting("unitId", "poll", "base", "bind")
                .containsExactly(1, Duration.ofMillis(20), 0, null);
        assertThatThrownBy(() -> parse(line("    modbus: { mode: server, port: 0, unit_id: 1 }\n")))
                .hasMessageStartingWith("lines[0].modbus: host, unit_id, poll and base are for client mode");
        assertThatThrownBy(() -> parse(line("    modbus: { mode: client, host: 10.0.0.9, bind: 127.0.0.1 }\n")))
                .hasMessageStartingWith("lines[0].modbus.bind: is for server mode");
    }
}
