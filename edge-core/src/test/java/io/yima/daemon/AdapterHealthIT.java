package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.cli.StatusCommand;
import io.yima.cli.YimaEdge;
import io.yima.edge.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every adapter's health on a running daemon's {@code /health} and {@code /api/status}: the PLC port with no PLC,
 * the MQTT export to a broker that is not there (OFFLINE with the broker's reason), the OPC UA server whose
 * certificate cannot be read (CONFIG_ERROR: the edge runs without it), the status port ONLINE; and the same list
 * in the terminal, as {@code yima-edge status} prints it from the running daemon, in English and in Chinese.
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

            // the terminal's status command reads the same list from this daemon's /api/status
            String url = "http://127.0.0.1:" + edge.statusPort();
            Run en = status("--lang", "en", "--url", url);
            assertThat(en.exit()).as(en.err()).isNotEqualTo(2);
            assertThat(en.out()).contains("\nAdapters\n")
                    .contains("  PLC port L1  offline: no PLC connected\n")
                    .contains("  MQTT export  offline: broker tcp://127.0.0.1:" + noBroker + ": ")
                    .contains("  status port  online\n")
                    .doesNotContain("CONFIG_ERROR");
            List<String> opcua = en.out().lines().filter(l -> l.startsWith("  OPC UA server  ")).toList();
            assertThat(opcua).hasSize(1);
            assertThat(opcua.get(0)).startsWith("  OPC UA server  config error: ").contains("server certificate")
                    .contains("cannot be read");
            Run zh = status("--lang", "zh", "--url", url);
            assertThat(zh.out()).contains("\n通信接口\n")
                    .contains("  PLC 端口 L1  离线：PLC 没有连接\n")
                    .contains("  OPC UA 服务  配置错误：")
                    .contains("  状态端口  正常\n");
        }
    }

    private record Run(int exit, String out, String err) {
    }

    /** {@code yima-edge status} as a shell would run it, wide enough that no adapter's line wraps. */
    private static Run status(String... args) {
        CommandLine cli = new CommandLine(new StatusCommand(Map.of("COLUMNS", "1000")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
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
