package io.yima.export;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.vault.Binding;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.Rejection;
import io.yima.vault.TestPackages;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site without a broker still gets a job's EPCIS file: with MQTT export off the daemon keeps the outbox
 * recording ({@link MqttExport#recordOnly}), so {@code export --job} has the job's events, valid by GS1's schema;
 * the retention then removes them like acknowledged ones.
 */
class EpcisExportOffTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void aJobRecordedWithExportOffHasAValidEpcisFile() throws Exception {
        Path file = dir.resolve("vault.db");
        try (CodeVault vault = CodeVault.open(file)) {
            new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                    TestPackages.base64(TestPackages.text(TestPackages.lines(0, 10))))));
            MqttExport.recordOnly(vault, ExportConfig.DEFAULT_RETENTION); // what the daemon does with export off
            vault.openJob(new JobSpec("J1", "L1", APP, "SKU-1", "B7", 10, "QR", "TRIGGERED", null));
            vault.reserve(APP, "J1", 3);
            vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1")));
            vault.bind(List.of(new Binding(APP, 0, "J1", "i0")));
            vault.reject(List.of(new Rejection(APP, 1, "NO_READ")));
        }
        Path out = dir.resolve("J1.jsonld");
        picocli.CommandLine cli = io.yima.cli.YimaEdge.commandLine();
        StringWriter said = new StringWriter();
        cli.setOut(new PrintWriter(said, true));
        int exit = cli.execute("export", "--vault", file.toString(), "--site", "site-1", "--edge", "edge-1",
                "--time-zone", "Asia/Shanghai", "--job", "J1", "--format", "epcis", "--out", out.toString());
        assertThat(exit).isZero();
        assertThat(said.toString()).contains("5 events of job J1");
        JsonNode doc = JSON.readTree(out.toFile());
        assertThat(EpcisSchemaTest.epcisSchema().validate(doc)).isEmpty();
        assertThat(doc.path("epcisBody").path("eventList")).extracting(e -> e.path("yima:event").asText())
                .containsExactly("JOB_OPENED", "COMMISSIONED", "COMMISSIONED", "BOUND", "REJECTED");

        // the same events and ids as the MQTT export would have sent
        try (CodeVault vault = CodeVault.open(file)) {
            ExportOutbox outbox = new ExportOutbox(vault);
            List<ExportOutbox.Record> records = outbox.ofJob("J1");
            for (int i = 0; i < records.size(); i++) {
                assertThat(doc.path("epcisBody").path("eventList").get(i).path("eventID").asText())
                        .isEqualTo(EpcisEvents.eventId(outbox.vaultId(), records.get(i).seq()));
            }
            // and the outbox stays bounded: past the retention the rows go, and the MQTT cursor moves past them
            OutboxRetention retention = new OutboxRetention(outbox, "mqtt", Duration.ofMillis(-60_000));
            retention.run();
            assertThat(outbox.after(0, 100)).isEmpty();
            assertThat(outbox.backlog("mqtt").events()).isZero();
        }
    }
}
