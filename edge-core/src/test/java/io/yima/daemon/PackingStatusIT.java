package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.edge.ConfigLoader;
import io.yima.vault.CaseCodeKind;
import io.yima.vault.CodeVault;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackingFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running daemon serves the packing hierarchy on its status port from its own vault: the tree for a warehouse
 * scanner (token required) and an unpack control that changes the vault and lands in the daemon's audit log.
 */
class PackingStatusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok-packing-0123456789abcdef0123456789";
    @TempDir
    Path dir;

    @Test
    void theDaemonAnswersTheTreeAndUnpacksWithTheToken() throws Exception {
        Path vaultFile = dir.resolve("vault.db");
        List<String> items;
        String sscc;
        try (CodeVault v = PackingFixture.vault(vaultFile)) {
            PackingFixture.job(v, "J1", "L1");
            items = PackingFixture.boundItems(v, "J1", 3);
            sscc = v.packing().reserveSscc(PackingFixture.PREFIX, 1).digits();
            v.packing().pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 3, items);
            v.setJobState("J1", io.yima.vault.JobState.CLOSED);
        }
        Files.writeString(dir.resolve("status.token"), "wang:" + TOKEN + "\n");
        Path config = Files.writeString(dir.resolve("edge.yaml"), """
                vault: { path: vault.db }
                applications: [ { id: 581865877 } ]
                status: { port: 0, token_file: status.token }
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcp://127.0.0.1:9" }
                    scanner: { uri: "tcp://127.0.0.1:9" }
                    plc: { port: 0 }
                """);
        HttpClient http = HttpClient.newHttpClient();
        try (EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(config), null)) {
            String base = "http://127.0.0.1:" + edge.statusPort();
            String tree = base + "/api/codes/" + items.get(1) + "/tree";
            assertThat(http.send(HttpRequest.newBuilder(URI.create(tree)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tree))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("parent").path("code").asText()).isEqualTo(sscc);

            HttpResponse<String> unpacked = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases/" + sscc
                    + "/unpack")).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"rework\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unpacked.statusCode()).as(unpacked.body()).isEqualTo(200);
            assertThat(JSON.readTree(unpacked.body()).path("reason").asText()).isEqualTo("rework, by wang");

            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode entries = JSON.readTree(audit.body());
            assertThat(entries.toString()).contains("unpack case").contains(sscc).contains("wang")
                    .doesNotContain(TOKEN);
        }
        try (CodeVault v = CodeVault.open(vaultFile)) {
            assertThat(v.packing().unit(sscc).orElseThrow().state()).isEqualTo(PackState.UNPACKED);
            assertThat(v.packing().tree(items.get(1)).parent()).isEmpty();
        }
    }
}
