package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** printer.busy_status_poll: the status poll while labels are in the printer. */
class BusyStatusPollConfigTest {
    private static EdgeConfig parse(String from, String to) {
        return ConfigLoader.parse(ConfigLoaderTest.GOOD.replace(from, to), null);
    }

    @Test
    void defaultIsAHundredAndFiftyMilliseconds() {
        LineConfig.Printer p = parse("x", "x").lines().get(0).printer();
        assertThat(p.busyStatusPoll()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void theKeyIsReadAndKeptWhenThePrinterSpeaksAnotherLanguage() {
        LineConfig.Printer p = parse("status_poll: 500ms", "status_poll: 500ms, busy_status_poll: 100ms")
                .lines().get(0).printer();
        assertThat(p.busyStatusPoll()).isEqualTo(Duration.ofMillis(100));
        assertThat(p.speaking(PrinterLanguage.TSPL, PrinterGraphic.BITMAP).busyStatusPoll()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void tooShortOrWithoutUnitIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> parse("status_poll: 500ms", "status_poll: 500ms, busy_status_poll: 10ms"))
                .hasMessageStartingWith("lines[0].printer.busy_status_poll: 10ms is too short (at least 50ms)");
        assertThatThrownBy(() -> parse("status_poll: 500ms", "status_poll: 500ms, busy_status_poll: 100"))
                .hasMessageStartingWith("lines[0].printer.busy_status_poll: '100' needs a unit");
    }
}
