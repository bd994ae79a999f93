package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** printer.print_rate, printer.max_ahead and plc.trigger_deadline: defaults, and values a line cannot run with. */
class PrintSyncConfigTest {
    private static EdgeConfig parse(String from, String to) {
        return ConfigLoader.parse(ConfigLoaderTest.GOOD.replace(from, to), null);
    }

    @Test
    void defaultsAreAHalfSecondDeadlineAndThirtyTwoLabelsAheadWithNoRate() {
        LineConfig line = parse("x", "x").lines().get(0);
        assertThat(line.plc().triggerDeadline()).isEqualTo(Duration.ofMillis(500));
        assertThat(line.printer().maxAhead()).isEqualTo(32);
        assertThat(line.printer().printRate()).isNull();
    }

    @Test
    void theKeysAreRead() {
        LineConfig line = parse("status_poll: 500ms", "status_poll: 500ms, print_rate: 15, max_ahead: 8")
                .lines().get(0);
        assertThat(line.printer().printRate()).isEqualTo(15.0);
        assertThat(line.printer().maxAhead()).isEqualTo(8);
        assertThat(parse("heartbeat: 2s", "heartbeat: 2s, trigger_deadline: 300ms").lines().get(0).plc()
                .triggerDeadline()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aDeadlineOfZeroOrWithoutUnitIsRefused() {
        assertThatThrownBy(() -> parse("heartbeat: 2s", "heartbeat: 2s, trigger_deadline: 0ms"))
                .hasMessage("lines[0].plc.trigger_deadline: 0ms is too short (at least 50ms) (line 10, column 39)");
        assertThatThrownBy(() -> parse("heartbeat: 2s", "heartbeat: 2s, trigger_deadline: 200"))
                .hasMessageStartingWith("lines[0].plc.trigger_deadline: '200' needs a unit");
    }

    @Test
    void aRateOrDepthThatCannotBeIsRefused() {
        assertThatThrownBy(() -> parse("status_poll: 500ms", "status_poll: 500ms, print_rate: 0"))
                .hasMessage("lines[0].printer.print_rate: must be labels per second, above 0 and at most 1000 (line 7, column 94)");
        assertThatThrownBy(() -> parse("status_poll: 500ms", "status_poll: 500ms, max_ahead: 0"))
                .hasMessage("lines[0].printer.max_ahead: must be 1 to 1000 labels (line 7, column 94)");
    }
}
