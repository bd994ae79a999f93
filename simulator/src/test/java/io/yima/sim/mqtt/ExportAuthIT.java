package io.yima.sim.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.sim.forge.PackageForge;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that wants a user and password (mosquitto's own password file): with a wrong password the edge says
 * why it is not connected and keeps its events; with the right one they go out. The password appears neither in
 * the edge's log, nor on its status page, nor in /metrics.
 */
class ExportAuthIT {
    static final long APP = 581865877L;
    static final String KEY = "exportAuthKey16b";
    static final String RIGHT = "Right-Pass-7c1e9a";
    static final String WRONG = "Wrong-Pass-55d0b2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRefusedLoginIsShownWithoutThePasswordAndTheRightOneDeliversTheBacklog(@TempDir Path dir) throws Exception {
        Path vaultFile = dir.resolve("vault.db");
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            new PackageImporter(vault).importStreams(APP, KEY.getBytes(StandardCharsets.US_ASCII),
                    List.of(NamedInput.ofBase64("codes", PackageForge.base64Package(APP, 0, 99, KEY))));
            new ExportOutbox(vault).enable(true);
            vault.openJob(new JobSpec("J-AUTH", "L1", APP, "SKU", "B", 100, "QR", "TRIGGERED", null));
            List<CodeRecord> codes = vault.reserve(APP, "J-AUTH", 40);
            vault.markSent(codes.stream().map(c -> new Issue(APP, c.index(), "J-AUTH", "i" + c.index())).toList());
        }
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        Path passwords = brokerDir.resolve("passwords");
        Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwords.toString(), "edge-9", RIGHT)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", passwords.toString(), "central", "central-pw")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        int statusPort = freePort();
        Path secret = dir.resolve("mqtt.password");
        Path config = dir.resolve("edge.yaml");
        Files.writeString(config, String.join("\n", "vault:", "  path: " + vaultFile, "status:", "  port: " + statusPort,
                "export:", "  mqtt:", "    enabled: true", "    broker: tcp://127.0.0.1:PORT", "    site: plant-3",
                "    edge: edge-9", "    username: edge-9", "    password_file: " + secret,
                "    reconnect_min: 200ms", "    reconnect_max: 1s", ""));
        try (Mosquitto broker = new Mosquitto(brokerDir, List.of("allow_anonymous false", "password_file " + passwords))
                .start();
             EventSubscriber central = new EventSubscriber(broker.port(), "central-auth", "yima/#", "central", "central-pw")) {
            Files.writeString(config, Files.readString(config).replace("PORT", Integer.toString(broker.port())));
            Files.writeString(secret, WRONG + "\n");
            Path log1 = dir.resolve("edge-1.log");
            Process edge = EdgeProcess.start(config, log1);
            String status;
            String metrics;
            try {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                        JSON.readTree(get(statusPort, "/api/status")).path("export").path("reason").asText()
                                .toLowerCase().contains("not authorized")
                        || JSON.readTree(get(statusPort, "/api/status")).path("export").path("reason").asText()
                                .toLowerCase().contains("bad user name or password")
                        || get(statusPort, "/api/status").contains("BAD_USER_NAME_OR_PASSWORD")
                        || get(statusPort, "/api/status").contains("NOT_AUTHORIZED"));
                status = get(statusPort, "/api/status");
                metrics = get(statusPort, "/metrics");
            } finally {
                edge.destroy();
                edge.waitFor();
            }
            JsonNode export = JSON.readTree(status).path("export");
            assertThat(export.path("link").asText()).isNotEqualTo("ONLINE");
            // the job, 40 codes sent, and the same 40 voided by the edge's start-up recovery (no verdict came)
            assertThat(export.path("backlog").asLong()).isEqualTo(81);
            assertThat(metrics).contains("yima_export_broker_up 0.0").contains("yima_export_backlog_events 81.0");
            assertThat(central.firstDeliveries("/events")).isEmpty();
            for (String text : List.of(status, metrics, Files.readString(log1))) {
                assertThat(text).doesNotContain(WRONG);
            }

            Files.writeString(secret, RIGHT + "\n");
            Path log2 = dir.resolve("edge-2.log");
            Process again = EdgeProcess.start(config, log2);
            try {
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> central.firstDeliveries("/L1/events").size() == 81);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("consumer got " + central.all().size() + "; status "
                            + get(statusPort, "/api/status") + "\nedge log:\n" + Files.readString(log2)
                            + "\nbroker:\n" + Files.readString(brokerDir.resolve("mosquitto.log")), e);
                }
                status = get(statusPort, "/api/status");
            } finally {
                again.destroy();
                again.waitFor();
            }
            assertThat(JSON.readTree(status).path("export").path("link").asText()).isEqualTo("ONLINE");
            for (String text : List.of(status, Files.readString(log2))) {
                assertThat(text).doesNotContain(RIGHT);
            }
        }
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
