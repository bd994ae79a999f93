package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    static final String GOOD = """
            vault: { path: vault.db }
            applications: [ { id: 581865877, key_file: keys/app.key } ]
            lines:
              - id: L1
                application: 581865877
                mode: STREAM
                printer: { uri: "tcp://127.0.0.1:9100", language: zpl, graphic: Z64, status_poll: 500ms }
                label: { width_mm: 30, height_mm: 20, dpi: 300, symbol: QR, size_mm: 10 }
                scanner: { uri: "tcp://127.0.0.1:9004" }
                plc: { port: 7001, heartbeat: 2s }
                job_defaults: { brand: Yima Tea, wxa_type: 0 }
            """;

    @Test
    void goodConfigLoadsWithDefaultsAndResolvesPathsAgainstItsFolder() {
        EdgeConfig c = ConfigLoader.parse(GOOD, Path.of("/etc/yima-edge"));
        assertThat(c.vault().path()).isEqualTo("/etc/yima-edge/vault.db");
        assertThat(c.applications().get(0).keyFile()).isEqualTo("/etc/yima-edge/keys/app.key");
        LineConfig line = c.lines().get(0);
        assertThat(line.mode()).isEqualTo(LineConfig.LineMode.STREAM);
        assertThat(line.printer().statusPoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(line.plc().heartbeat()).isEqualTo(Duration.ofSeconds(2));
        assertThat(line.verify().window()).isEqualTo(Duration.ofSeconds(5));
        assertThat(line.scanner().noRead()).isEqualTo("ERROR");
        assertThat(line.jobDefaults().brand()).isEqualTo("Yima Tea");
    }

    @Test
    void unsupportedSchemeNamesTheField() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("tcp://127.0.0.1:9100", "tcpp://127.0.0.1:9100"), null))
                .hasMessage("lines[0].printer.uri: unsupported scheme 'tcpp' (use serial, tcp) (line 7, column 16)");
    }

    @Test
    void tsplTakesBitmapOrNativeAndBitmapIsNotZpl() {
        String tspl = GOOD.replace("language: zpl, graphic: Z64", "language: tspl, graphic: BITMAP");
        assertThat(ConfigLoader.parse(tspl, null).lines().get(0).printer().language()).isEqualTo(PrinterLanguage.TSPL);
        assertThat(ConfigLoader.parse(GOOD.replace("language: zpl, graphic: Z64", "language: tspl"), null).lines())
                .as("no graphic: the BITMAP form").hasSize(1);
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("language: zpl", "language: tspl"), null))
                .hasMessageStartingWith("lines[0].printer.graphic: a TSPL printer takes BITMAP (the label as an image) "
                        + "or NATIVE (the printer draws the QR), not Z64");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("graphic: Z64", "graphic: BITMAP"), null))
                .hasMessageStartingWith("lines[0].printer.graphic: BITMAP is for TSPL printers");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("language: zpl", "language: tsc"), null))
                .hasMessageStartingWith("lines[0].printer.language: 'tsc' is not one of ");
    }

    @Test
    void aWrongEnumValueListsTheValidOnes() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("mode: STREAM", "mode: STREEM"), null))
                .hasMessage("lines[0].mode: 'STREEM' is not one of TRIGGERED, STREAM, PREPRINT (line 6, column 5)");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneListsTheKeysWithoutAGuess() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("vault: { path: vault.db }",
                "vault: { path: vault.db, colour: blue }"), null))
                .hasMessage("vault.colour: unknown key (keys here: path, reserve_block) (line 1, column 26)");
    }

    @Test
    void theLocationOfAValidationErrorFallsBackToTheNearestKeyInTheText() {
        // verify.window is not in the text at all: the error points at the line's entry in the list
        assertThat(YamlLocationsProbe.describe(GOOD, "lines[0].verify.window")).isEqualTo(" (line 4, column 5)");
        assertThat(YamlLocationsProbe.describe(GOOD, "lines[0].plc.port")).isEqualTo(" (line 10, column 12)");
        assertThat(YamlLocationsProbe.describe(GOOD, "applications[0].key_file")).isEqualTo(" (line 2, column 34)");
        assertThat(YamlLocationsProbe.describe(GOOD, "status.port")).isEmpty();
        assertThat(KeySuggestion.distance("heartbeet", "heartbeat")).isEqualTo(1);
        assertThat(KeySuggestion.distance("", "port")).isEqualTo(4);
    }

    /** Package access to the index the loader uses. */
    static final class YamlLocationsProbe {
        static String describe(String yaml, String path) {
            return YamlLocations.of(yaml).describe(path);
        }
    }

    @Test
    void unknownKeyNamesItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("heartbeat: 2s", "heartbeet: 2s"), null))
                .hasMessage("lines[0].plc.heartbeet: unknown key; did you mean 'heartbeat'? "
                        + "(keys here: allow, bind, heartbeat, hello_timeout, max_connections, port, takeover, trigger_deadline) (line 10, column 24)");
    }

    @Test
    void badDurationNamesTheField() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("status_poll: 500ms", "status_poll: soon"), null))
                .hasMessageStartingWith("lines[0].printer.status_poll: 'soon' is not a valid duration");
    }

    @Test
    void lineOnAnUnlistedApplicationIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("application: 581865877", "application: 42"), null))
                .hasMessage("lines[0].application: application 42 is not listed under applications (line 5, column 5)");
    }

    @Test
    void wrongTypeNamesTheField() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("port: 7001", "port: seven"), null))
                .hasMessageStartingWith("lines[0].plc.port:");
    }

    @Test
    void missingVaultPathIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("lines: []\n", null))
                .hasMessage("vault.path: required (the SQLite vault file)");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> ConfigLoader.parse("vault:\n  path: a: b\n", null))
                .hasMessageContaining("not valid YAML");
    }
}
