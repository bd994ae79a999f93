package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The case printer is a printer like the item printer: its section is checked by the same rules. Before, only its
 * uri and graphic were checked, and a {@code status_poll: 1ms} (a unit forgotten) polled the printer a thousand
 * times a second.
 */
class CasePrinterConfigTest {
    private static final String YAML = """
            vault: { path: vault.db }
            applications: [ { id: 581865877 }, { id: 700000001 } ]
            lines:
              - id: L1
                application: 581865877
                printer: { uri: "tcp://127.0.0.1:9100" }
                scanner: { uri: "tcp://127.0.0.1:9004" }
                plc: { port: 7001 }
                packing:
                  mode: count
                  per_case: 6
                  case_codes: { source: wechat, application: 700000001 }
                  case_printer: { uri: "tcp://127.0.0.1:9101", %s }
                  case_scanner: { uri: "tcp://127.0.0.1:9005" }
            """;

    private static EdgeConfig casePrinter(String settings) {
        return ConfigLoader.parse(YAML.formatted(settings), null);
    }

    @Test
    void goodSettingsAreRead() {
        LineConfig.Printer p = casePrinter("status_poll: 500ms, max_ahead: 4").lines().get(0).packing().casePrinter();
        assertThat(p.statusPoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.maxAhead()).isEqualTo(4);
    }

    @Test
    void badSettingsAreRefusedAsTheItemPrintersAre() {
        assertThatThrownBy(() -> casePrinter("status_poll: 1ms"))
                .hasMessageStartingWith("lines[0].packing.case_printer.status_poll: 1ms is too short (at least 50ms)");
        assertThatThrownBy(() -> casePrinter("status_timeout: 10ms"))
                .hasMessageStartingWith("lines[0].packing.case_printer.status_timeout: 10ms is too short");
        assertThatThrownBy(() -> casePrinter("busy_status_poll: 5ms"))
                .hasMessageStartingWith("lines[0].packing.case_printer.busy_status_poll: 5ms is too short");
        assertThatThrownBy(() -> casePrinter("max_ahead: 0"))
                .hasMessageStartingWith("lines[0].packing.case_printer.max_ahead: must be 1 to 1000 labels");
        assertThatThrownBy(() -> casePrinter("print_rate: 0"))
                .hasMessageStartingWith("lines[0].packing.case_printer.print_rate: must be labels per second");
        assertThatThrownBy(() -> casePrinter("language: tspl, graphic: Z64"))
                .hasMessageStartingWith("lines[0].packing.case_printer.graphic: a TSPL printer takes BITMAP");
    }
}
