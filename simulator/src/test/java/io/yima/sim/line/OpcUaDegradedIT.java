package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.sim.scanner.ScannerFaults;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OPC UA server that cannot start (its port is taken) does not stop production: the edge runs, and /health and
 * /api/status say OPC UA is down and why. Real daemon, real simulator devices, a real socket holding the port.
 */
class OpcUaDegradedIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTakenOpcUaPortDegradesHealthWithTheReasonAndTheLineStillRuns(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Object> opcua = new LinkedHashMap<>();
            opcua.put("enabled", true);
            opcua.put("bind", "127.0.0.1");
            opcua.put("port", taken.getLocalPort());
            opcua.put("pki_dir", dir.resolve("pki").toString());
            Path password = dir.resolve("opcua.password");
            java.nio.file.Files.writeString(password, "a-long-enough-password-for-mes\n");
            opcua.put("username", "mes");
            opcua.put("password_file", password.toString());
            try (LiveLine line = new LiveLine(dir, 20, new ScannerFaults(1), Map.of(), Map.of("opcua", opcua))) {
                assertThat(line.edge().opcuaEndpointUrl()).as("no OPC UA server").isNull();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + line.statusPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode h = JSON.readTree(health.body());
                assertThat(h.path("degraded").toString()).contains("opcua: FAULT");
                assertThat(h.path("degraded").get(h.path("degraded").size() - 1).asText())
                        .contains(Integer.toString(taken.getLocalPort()));
                JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + line.statusPort() + "/api/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(status.path("opcua").path("state").asText()).isEqualTo("FAULT");
                assertThat(status.path("opcua").path("reason").asText()).isNotBlank();
            }
        }
    }
}
