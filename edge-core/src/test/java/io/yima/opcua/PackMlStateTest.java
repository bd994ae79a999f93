package io.yima.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig.LineMode;
import io.yima.line.DeviceState;
import io.yima.line.LineSnapshot;
import io.yima.line.LineState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PackML mapping of docs/opcua.md, one row per test line, with OPC UA's StateEnumeration numbers. */
class PackMlStateTest {
    private static LineSnapshot line(LineState state, String vaultFault, int awaitingRead) {
        return new LineSnapshot("L1", LineMode.TRIGGERED, state, DeviceState.ONLINE, null, DeviceState.ONLINE, null,
                vaultFault, state == LineState.IDLE ? null : "J", null, null, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0,
                awaitingRead, 0, 0);
    }

    @Test
    void theLinesStatesMapToPackMlStates() {
        assertThat(PackMlState.of(line(LineState.IDLE, null, 0), false)).isEqualTo(PackMlState.IDLE);
        assertThat(PackMlState.of(line(LineState.IDLE, null, 0), true)).isEqualTo(PackMlState.STARTING);
        assertThat(PackMlState.of(line(LineState.RUNNING, null, 3), false)).isEqualTo(PackMlState.EXECUTE);
        assertThat(PackMlState.of(line(LineState.PAUSED, null, 0), false)).isEqualTo(PackMlState.HELD);
        assertThat(PackMlState.of(line(LineState.STOPPED, null, 2), false)).isEqualTo(PackMlState.STOPPING);
        assertThat(PackMlState.of(line(LineState.STOPPED, null, 0), false)).isEqualTo(PackMlState.STOPPED);
        assertThat(PackMlState.of(line(LineState.PAUSED, "disk I/O error", 0), false)).isEqualTo(PackMlState.ABORTED);
        assertThat(PackMlState.of(line(LineState.IDLE, "database is locked", 0), true)).isEqualTo(PackMlState.ABORTED);
    }

    @Test
    void numbersAreThoseOfOpcUasPackMlStateEnumeration() {
        assertThat(PackMlState.STOPPED.value).isZero();
        assertThat(PackMlState.IDLE.value).isEqualTo(2);
        assertThat(PackMlState.STARTING.value).isEqualTo(3);
        assertThat(PackMlState.EXECUTE.value).isEqualTo(4);
        assertThat(PackMlState.ABORTED.value).isEqualTo(8);
        assertThat(PackMlState.STOPPING.value).isEqualTo(9);
        assertThat(PackMlState.HELD.value).isEqualTo(15);
    }
}
