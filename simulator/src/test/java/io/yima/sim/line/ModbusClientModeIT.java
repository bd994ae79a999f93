package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.plc.ScenarioSpec;
import io.yima.sim.plc.modbus.ModbusPlc;
import io.yima.sim.plc.modbus.ServerPort;
import io.yima.sim.scanner.ScannerFaults;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client mode: the edge polls a PLC that is a Modbus server (the simulator's, written from docs/modbus.md). The PLC
 * link on /api/status says why it is offline while no PLC answers, comes online when one does, and the edge
 * reconnects after the PLC restarts; each job runs to a balanced close with one result per item.
 */
class ModbusClientModeIT {
    private static final int BASE = 1000;
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode plcLink(LiveLine line) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + line.statusPort()
                + "/api/status")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body()).path("lines").path(0).path("plc");
    }

    private static ScenarioResult job(ServerPort plcMemory, String job) throws Exception {
        ModbusPlc plc = new ModbusPlc(plcMemory, 7, 0, 0);
        plc.open(30_000);
        return plc.run(new ScenarioSpec(job, "SKU-MB", "B2", 20, 50, Map.of("symbol", "QR"), 10_000, ""));
    }

    @Test
    void theEdgePollsThePlcShowsTheLinkAndReconnectsAfterAPlcRestart(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, Object> modbus = Map.of("modbus", Map.of("mode", "client", "host", "127.0.0.1", "port", port,
                "base", BASE, "poll", "10ms", "heartbeat", "1s"));
        try (LiveLine line = new LiveLine(dir, 100, new ScannerFaults(1), modbus)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode plc = plcLink(line);
                assertThat(plc.path("state").asText()).isEqualTo("OFFLINE");
                assertThat(plc.path("reason").asText()).startsWith("PLC 127.0.0.1:" + port + ": ");
            });

            try (ServerPort plcMemory = new ServerPort("127.0.0.1", port, BASE)) {
                ScenarioResult first = job(plcMemory, "J-POLL-1");
                assertThat(first.items()).hasSize(20).allSatisfy(i -> {
                    assertThat(i.result()).as(i.item()).isEqualTo("OK");
                    assertThat(i.results()).isEqualTo(1);
                });
                assertThat(first.items()).extracting(ItemOutcome::index).doesNotHaveDuplicates();
                assertThat(first.closed().fields().subList(2, 7)).containsExactly("J-POLL-1", "20", "20", "0", "0");
                assertThat(plcLink(line).path("state").asText()).isEqualTo("ONLINE");
                assertThat(plcMemory.edgeReads()).as("the edge polled").isGreaterThan(20);
            }

            // the PLC is switched off: the link goes offline with the reason; it comes back on the same port
            await().atMost(Duration.ofSeconds(10)).until(() -> plcLink(line).path("state").asText().equals("OFFLINE"));
            try (ServerPort restarted = new ServerPort("127.0.0.1", port, BASE)) {
                ScenarioResult second = job(restarted, "J-POLL-2");
                assertThat(second.items()).hasSize(20).allSatisfy(i -> assertThat(i.result()).isEqualTo("OK"));
                assertThat(second.closed().fields().subList(2, 7)).containsExactly("J-POLL-2", "20", "20", "0", "0");
            }
            assertThat(line.printer().labelsPrinted()).as("40 items, 40 labels").isEqualTo(40);
        }
    }
}
