package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lines[].modbus section: off when absent, defaults when present, each bad setting named. */
class ModbusConfigTest {
    private static final String PLC = "plc: { port: 7001, heartbeat: 2s }";

    private static EdgeConfig with(String modbus) {
        return ConfigLoader.parse(ConfigLoaderTest.GOOD.replace(PLC, PLC + "\n    modbus: " + modbus), null);
    }

    @Test
    void modbusIsOffUnlessConfigured() {
        assertThat(ConfigLoader.parse(ConfigLoaderTest.GOOD, null).lines().get(0).modbus()).isNull();
    }

    @Test
    void aServerSectionTakesLoopbackAndPort502ByDefault() {
        LineConfig.Modbus m = with("{ mode: server }").lines().get(0).modbus();
        assertThat(m.client()).isFalse();
        assertThat(m.bind()).isEqualTo("127.0.0.1");
        assertThat(m.port()).isEqualTo(502);
        assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(10));
        // the client's keys keep null in server mode: written, server mode refuses them
        assertThat(m.unitId()).isNull();
        assertThat(m.poll()).isNull();
        assertThat(m.base()).isNull();
    }

    @Test
    void aClientSectionPollsUnitOneEveryTwentyMillisecondsAtBaseZeroByDefault() {
        LineConfig.Modbus m = with("{ mode: client, host: 10.0.0.9 }").lines().get(0).modbus();
        assertThat(m.unitId()).isEqualTo(1);
        assertThat(m.poll()).isEqualTo(Duration.ofMillis(20));
        assertThat(m.base()).isZero();
        assertThat(m.port()).isEqualTo(502);
        // bind is the server's key: written in client mode it is refused, so it keeps null here
        assertThat(m.bind()).isNull();
    }

    @Test
    void aClientSectionReadsHostUnitBaseAndPoll() {
        LineConfig.Modbus m = with("{ mode: client, host: 10.0.0.9, unit_id: 3, base: 1000, poll: 50ms }")
                .lines().get(0).modbus();
        assertThat(m.client()).isTrue();
        assertThat(m.host()).isEqualTo("10.0.0.9");
        assertThat(m.unitId()).isEqualTo(3);
        assertThat(m.base()).isEqualTo(1000);
        assertThat(m.poll()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> with("{ mode: master }"))
                .hasMessageStartingWith("lines[0].modbus.mode: required: server (the PLC connects to the edge)");
        assertThatThrownBy(() -> with("{ mode: client }"))
                .hasMessage("lines[0].modbus.host: required in client mode (the PLC's address) (line 11, column 5)");
        assertThatThrownBy(() -> with("{ mode: client, host: plc1, base: 65500 }"))
                .hasMessage("lines[0].modbus.base: must be between 0 and 65369 (the block is 167 registers) (line 11, column 41)");
        assertThatThrownBy(() -> with("{ mode: client, host: plc1, unit_id: 300 }"))
                .hasMessage("lines[0].modbus.unit_id: must be between 0 and 255 (line 11, column 41)");
        assertThatThrownBy(() -> with("{ mode: client, host: plc1, poll: 1ms }"))
                .hasMessage("lines[0].modbus.poll: 1ms is too short (at least 5ms) (line 11, column 41)");
        assertThatThrownBy(() -> with("{ mode: client, host: plc1, bind: 127.0.0.1 }"))
                .hasMessage("lines[0].modbus.bind: is for server mode; in client mode give host (line 11, column 41)");
        assertThatThrownBy(() -> with("{ mode: server, host: plc1 }"))
                .hasMessageStartingWith("lines[0].modbus: host, unit_id, poll and base are for client mode");
        assertThatThrownBy(() -> with("{ mode: server, port: 7001 }"))
                .hasMessage("lines[0].modbus.port: port 7001 is used by another PLC port (line 11, column 29)");
        assertThatThrownBy(() -> with("{ mode: server, timeout: 10ms }"))
                .hasMessage("lines[0].modbus.timeout: 10ms is too short (at least 1s) (line 11, column 29)");
    }
}
