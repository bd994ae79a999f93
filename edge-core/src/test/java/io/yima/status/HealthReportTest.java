package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.status.StatusSnapshot.Line;
import io.yima.status.StatusSnapshot.LineState;
import io.yima.status.StatusSnapshot.Link;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    private static StatusSnapshot withLine(Link printer, Link scanner, Link plc) {
        Line line = new Line("L1", "print-only", LineState.IDLE, printer, scanner, plc, null, Map.of(), 0,
                StatusSnapshot.Latency.NONE);
        return new StatusSnapshot("v", 1, List.of(line), List.of(), StatusSnapshot.Outbox.EMPTY, null);
    }

    @Test
    void healthyWhenEveryConfiguredDeviceIsOnlineAndTheVaultWrites() {
        HealthReport h = HealthReport.of(withLine(Link.online(), null, Link.online()), true);
        assertThat(h.healthy()).isTrue();
        assertThat(h.reasons()).isEmpty();
    }

    @Test
    void listsEveryProblem() {
        HealthReport h = HealthReport.of(withLine(Link.fault("paper out"), Link.offline("connection refused"),
                Link.online()), false);
        assertThat(h.healthy()).isFalse();
        assertThat(h.reasons()).containsExactly(
                "line L1 printer: FAULT (paper out)",
                "line L1 scanner: OFFLINE (connection refused)",
                "vault: not writable");
    }

    @Test
    void anOpcUaServerThatDidNotStartDegradesWithItsReasonAndOneThatServesDoesNot() {
        StatusSnapshot base = withLine(Link.online(), null, Link.online());
        StatusSnapshot failed = new StatusSnapshot("v", 1, base.lines(), List.of(), StatusSnapshot.Outbox.EMPTY, null,
                null, StatusSnapshot.OpcUa.failed("opcua.port 4840: address in use", java.time.Instant.EPOCH));
        HealthReport h = new HealthReport(true, List.of(), HealthReport.degradedBy(failed));
        assertThat(h.status()).isEqualTo("degraded");
        assertThat(h.degraded()).containsExactly("opcua: FAULT (opcua.port 4840: address in use)");

        StatusSnapshot serving = new StatusSnapshot("v", 1, base.lines(), List.of(), StatusSnapshot.Outbox.EMPTY, null,
                null, StatusSnapshot.OpcUa.serving("opc.tcp://127.0.0.1:4840/yima"));
        assertThat(HealthReport.degradedBy(serving)).isEmpty();
        assertThat(HealthReport.degradedBy(base)).as("OPC UA off").isEmpty();
    }

    @Test
    void aPackingLineIsUnhealthyWhileItsCasePrinterOrCaseReaderIsDown() {
        Line packing = new Line("L1", "TRIGGERED", LineState.RUNNING, Link.online(), Link.online(), Link.online(), null,
                Map.of(), 0, StatusSnapshot.Latency.NONE, Link.online(), null, Link.offline("connection refused"),
                Link.online());
        HealthReport h = HealthReport.of(new StatusSnapshot("v", 1, List.of(packing), List.of(),
                StatusSnapshot.Outbox.EMPTY, null), true);
        assertThat(h.healthy()).isFalse();
        assertThat(h.reasons()).containsExactly("line L1 case printer: OFFLINE (connection refused)");

        Line reader = new Line("L1", "TRIGGERED", LineState.RUNNING, Link.online(), Link.online(), Link.online(), null,
                Map.of(), 0, StatusSnapshot.Latency.NONE, Link.online(), null, Link.online(), Link.fault("no frame"));
        assertThat(HealthReport.of(new StatusSnapshot("v", 1, List.of(reader), List.of(), StatusSnapshot.Outbox.EMPTY,
                null), true).reasons()).containsExactly("line L1 case reader: FAULT (no frame)");
    }
}
