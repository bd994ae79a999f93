package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.cli.YimaEdge;
import io.yima.edge.ConfigLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every adapter's health on a running daemon's {@code /health} and {@code /api/status}: the PLC port with no PLC,
 * the MQTT export to a broker that is not there (OFFLINE with the broker's reason), the OPC UA server whose
 * certificate cannot be read (CONFIG_ERROR: the edge runs without it), the status port ONLINE.
 */
class AdapterHealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void healthNamesEachAdapterWithItsStateAndWhy() throws Exception {
        int noBroker;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            noBroker = s.getLocalPort(); // closed again: nothing listens there
        }
        Path own = Files.createDirectories(dir.resolve("pki/own"));
        Files.writeString(own.resolve("server.der"), "not a certificate");
        Files.writeString(own.resolve("server.key"), "not a key");
        assertThat(YimaEdge.commandLine().execute("vault", "init", "--vault", dir.resolve("vault.db").toString()))
                .isZero();
        Path config = Files.writeString(dir.resolve("edge.yaml"), """
                vault: { path: vault.db }
                applications: [ { id: 581865877 } ]
                status: { port: 0 }
                opcua: { enabled: true, bind: 127.0.0.1, port: 0, anonymous: true, pki_dir: pki }
                export:
                  mqtt: { enabled: true, broker: "tcp://127.0.0.1:%d", site: plant-1, edge: edge-1 }
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcp://127.0.0.1:9" }
                    scanner: { uri: "tcp://127.0.0.1:9" }
                    plc: { port: 0 }
                """.formatted(noBroker));
        HttpClient http = HttpClient.newHttpClient();
        try (EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(config), null)) {
            URI health = URI.create("http://127.0.0.1:" + edge.statusPort() + "/health");
            // the broker's refusal arrives from the MQTT client's own thread: wait for it, not for a time
            String connecting = "broker tcp://127.0.0.1:" + noBroker + ": connecting";
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                String reason = adapters(get(http, health)).path("mqtt").path("reason").asText();
                return !reason.isEmpty() && !reason.equals(connecting);
            });
            JsonNode h = get(http, health);
            JsonNode a = adapters(h);
            assertThat(fields(a).keySet()).containsExactly("mqtt", "plc:L1", "status", "opcua");
            assertThat(a.path("plc:L1").path("state").asText()).isEqualTo("OFFLINE");
            assertThat(a.path("plc:L1").path("reason").asText()).isEqualTo("no PLC connected");
            assertThat(a.path("mqtt").path("state").asText()).isEqualTo("OFFLINE");
            assertThat(a.path("mqtt").path("reason").asText()).startsWith("broker tcp://127.0.0.1:" + noBroker + ": ")
                    .doesNotContain("Exception");
            assertThat(a.path("opcua").path("state").asText()).isEqualTo("CONFIG_ERROR");
            assertThat(a.path("opcua").path("reason").asText()).contains("server certificate").contains("cannot be read");
            assertThat(a.path("status").path("state").asText()).isEqualTo("ONLINE");
            assertThat(a.path("status").path("reason").isNull()).isTrue();
            // the additions change nothing of the verdict: unhealthy for the devices, as before
            assertThat(h.path("status").asText()).isEqualTo("unhealthy");
            assertThat(h.path("degraded").toString()).contains("opcua: FAULT");

            JsonNode status = get(http, URI.create("http://127.0.0.1:" + edge.statusPort() + "/api/status"));
            assertThat(adapters(status).path("opcua").path("state").asText()).isEqualTo("CONFIG_ERROR");
            assertThat(edge.adapterHealth().get("plc:L1").reason()).isEqualTo("no PLC connected");
        }
    }

    private static JsonNode get(HttpClient http, URI uri) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The {@code adapters} array as an object by name. */
    private static JsonNode adapters(JsonNode body) {
        var out = JSON.createObjectNode();
        body.path("adapters").forEach(a -> out.set(a.path("name").asText(), a));
        return out;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
