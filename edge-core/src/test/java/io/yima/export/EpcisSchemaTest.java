package io.yima.export;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.yima.vault.Binding;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import io.yima.vault.ExportOutbox.Kind;
import io.yima.vault.ExportOutbox.Record;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.LineEventLog;
import io.yima.vault.Rejection;
import io.yima.vault.TestPackages;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of exported event, built from real outbox rows of a real vault, is valid EPCIS 2.0 by GS1's own JSON
 * schema (test resource epcis/EPCIS-JSON-Schema.json, source in epcis/SOURCE.md).
 */
class EpcisSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    CodeVault vault;
    List<Record> records;
    EpcisEvents epcis;

    static Schema epcisSchema() throws Exception {
        try (InputStream in = EpcisSchemaTest.class.getResourceAsStream("/epcis/EPCIS-JSON-Schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    @BeforeEach
    void aJobWithEveryKindOfEvent() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 10))))));
        ExportOutbox outbox = new ExportOutbox(vault);
        outbox.enable(true);
        vault.openJob(new JobSpec("J1", "L1", APP, "SKU-1", "B7", 10, "QR", "TRIGGERED", null));
        vault.reserve(APP, "J1", 4);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1"), new Issue(APP, 2, "J1", "i2")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "i0")));
        vault.reject(List.of(new Rejection(APP, 1, "MISMATCH")));
        vault.voidCodes(List.of(new CodeRef(APP, 2)), "JOB_CLOSED");
        vault.inTransaction(c -> vault.setActivation(c, APP, 0, 0, "ACTIVATED", null));
        vault.inTransaction(c -> {
            LineEventLog.append(c, "L1", List.of(
                    new LineEventLog.Row(1, "J1", "DeviceFault", "{\"number\":1,\"device\":\"PRINTER\",\"reason\":\"paper out\"}", 1_700_000_000_000L),
                    new LineEventLog.Row(2, "J1", "DeviceCleared", "{\"number\":2,\"device\":\"PRINTER\"}", 1_700_000_001_000L),
                    new LineEventLog.Row(3, "J1", "JobClosed", "{\"number\":3,\"account\":{\"jobId\":\"J1\",\"printed\":3,"
                            + "\"bound\":1,\"rejected\":1,\"voided\":1}}", 1_700_000_002_000L)));
            return null;
        });
        records = outbox.after(0, 100);
        epcis = new EpcisEvents("site-1", "edge-1", "urn:yima:site:site-1", ZoneId.of("Asia/Shanghai"), outbox.vaultId());
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void everyKindIsPresentAndEachEventIsValidEpcis() throws Exception {
        assertThat(records).extracting(Record::kind).containsExactly(Kind.JOB_OPENED, Kind.COMMISSIONED,
                Kind.COMMISSIONED, Kind.COMMISSIONED, Kind.BOUND, Kind.REJECTED, Kind.VOIDED, Kind.ACTIVATED,
                Kind.DEVICE_FAULT, Kind.DEVICE_CLEARED, Kind.JOB_CLOSED);
        Schema schema = epcisSchema();
        for (Record r : records) {
            JsonNode event = JSON.readTree(epcis.payload(r));
            assertThat(schema.validate(event)).as("%s: %s", r.kind(), event).isEmpty();
        }
    }

    @Test
    void theFileExportDocumentIsValidEpcis() throws Exception {
        ObjectNode doc = epcis.document(records, Instant.parse("2026-12-04T08:00:00Z"));
        assertThat(epcisSchema().validate(doc)).isEmpty();
        assertThat(doc.path("epcisBody").path("eventList")).hasSize(records.size());
    }

    @Test
    void theSchemaRefusesAnEventWithoutItsTimeZone() throws Exception {
        ObjectNode event = epcis.event(records.get(1));
        event.remove("eventTimeZoneOffset");
        assertThat(epcisSchema().validate(event)).isNotEmpty();
        ObjectNode badStep = epcis.event(records.get(1));
        badStep.put("action", "CREATE");
        assertThat(epcisSchema().validate(badStep)).isNotEmpty();
    }

    @Test
    void aCommissionedCodeIsAnAddOfItsUrlAtTheLineWithBeijingTime() {
        Record commissioned = records.stream().filter(r -> r.kind() == Kind.COMMISSIONED).findFirst().orElseThrow();
        ObjectNode e = epcis.event(commissioned);
        assertThat(e.path("action").asText()).isEqualTo("ADD");
        assertThat(e.path("bizStep").asText()).isEqualTo("commissioning");
        assertThat(e.path("epcList").get(0).asText()).isEqualTo("https://" + vault.byIndex(APP, 0).orElseThrow().url());
        assertThat(e.path("readPoint").path("id").asText()).isEqualTo("urn:yima:line:site-1:edge-1:L1");
        assertThat(e.path("bizLocation").path("id").asText()).isEqualTo("urn:yima:site:site-1");
        assertThat(e.path("eventTimeZoneOffset").asText()).isEqualTo("+08:00");
        assertThat(e.path("eventTime").asText()).endsWith("+08:00");
        assertThat(e.path("yima:job").path("sku").asText()).isEqualTo("SKU-1");
        assertThat(e.path("yima:job").path("batch").asText()).isEqualTo("B7");
    }

    @Test
    void theSameRecordIsTheSameBytesAndIdEveryTimeAndIdsDifferPerEvent() {
        Record r = records.get(2);
        assertThat(epcis.payload(r)).isEqualTo(epcis.payload(r));
        assertThat(records.stream().map(x -> epcis.eventId(x.seq())).distinct()).hasSize(records.size());
        assertThat(epcis.eventId(r.seq())).isNotEqualTo(EpcisEvents.eventId("another-vault", r.seq()));
    }

    @Test
    void theFileExportCommandWritesTheSamePayloadsAsTheMqttExport() throws Exception {
        vault.close();
        Path file = dir.resolve("J1.jsonld");
        picocli.CommandLine cli = io.yima.cli.YimaEdge.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out, true));
        int exit = cli.execute("export", "--vault", dir.resolve("vault.db").toString(), "--site", "site-1",
                "--edge", "edge-1", "--time-zone", "Asia/Shanghai", "--job", "J1", "--format", "epcis",
                "--out", file.toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("11 events of job J1");
        JsonNode doc = JSON.readTree(file.toFile());
        assertThat(epcisSchema().validate(doc)).isEmpty();
        JsonNode list = doc.path("epcisBody").path("eventList");
        assertThat(list).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            ObjectNode mqtt = epcis.event(records.get(i));
            mqtt.remove("@context");
            assertThat(list.get(i).toString()).isEqualTo(mqtt.toString());
        }
        assertThat(cli.execute("export", "--vault", dir.resolve("vault.db").toString(), "--site", "s", "--edge", "e",
                "--job", "NOPE")).isNotZero();
        vault = CodeVault.open(dir.resolve("vault.db"));
    }

    @Test
    void theEpcIsTheUrlWithAScheme() {
        assertThat(EpcisEvents.epc("P.URL.CN/0V/IXO*FWWYLZLXUXGR")).isEqualTo("https://P.URL.CN/0V/IXO*FWWYLZLXUXGR");
        assertThat(EpcisEvents.epc("P.URL.CN/0V IXO%FWWYLZLXUXGR")).isEqualTo("https://P.URL.CN/0V%20IXO%25FWWYLZLXUXGR");
        assertThat(EpcisEvents.epc("https://example.com/a")).isEqualTo("https://example.com/a");
    }

    @Test
    void rejectionsCarryTheReasonAndTheClosingAccountIsKept() {
        ObjectNode rejected = epcis.event(records.stream().filter(r -> r.kind() == Kind.REJECTED).findFirst().orElseThrow());
        assertThat(rejected.path("disposition").asText()).isEqualTo("non_conformant");
        assertThat(rejected.path("yima:reason").asText()).isEqualTo("MISMATCH");
        ObjectNode closed = epcis.event(records.stream().filter(r -> r.kind() == Kind.JOB_CLOSED).findFirst().orElseThrow());
        assertThat(closed.path("yima:account").path("printed").asLong()).isEqualTo(3);
        ObjectNode fault = epcis.event(records.stream().filter(r -> r.kind() == Kind.DEVICE_FAULT).findFirst().orElseThrow());
        assertThat(fault.path("yima:device").asText()).isEqualTo("printer");
        assertThat(fault.path("yima:reason").asText()).isEqualTo("paper out");
    }
}
