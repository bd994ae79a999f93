package io.yima.export;

import static io.yima.vault.PackingFixture.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.yima.vault.CaseCodeKind;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import io.yima.vault.ExportOutbox.Kind;
import io.yima.vault.ExportOutbox.Record;
import io.yima.vault.PackLevel;
import io.yima.vault.Packing;
import io.yima.vault.PackingFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packing, rework and voiding on a real vault give EPCIS 2.0 AggregationEvents (ADD when packed, DELETE when
 * children leave) that GS1's JSON schema accepts, with the case's URL or SSCC as parentID.
 */
class EpcisAggregationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    CodeVault vault;
    EpcisEvents epcis;
    List<Record> records;
    List<String> items;
    CodeRecord label;
    String pallet;

    @BeforeEach
    void aPackedCaseAPalletAndRework() {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        ExportOutbox outbox = new ExportOutbox(vault);
        outbox.enable(true);
        PackingFixture.job(vault, "J1", "L1");
        items = PackingFixture.boundItems(vault, "J1", 6);
        label = PackingFixture.sentCaseLabels(vault, "J1", 1).get(0);
        Packing p = vault.packing();
        long before = outbox.after(0, 10_000).size();
        p.pack("J1", PackLevel.CASE, label.url(), CaseCodeKind.WECHAT, 3, items.subList(0, 3));
        String sscc = p.reserveSscc(PREFIX, 1).digits();
        p.pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 2, items.subList(3, 5));
        pallet = p.reserveSscc(PREFIX, 0).digits();
        p.pack("J1", PackLevel.PALLET, pallet, CaseCodeKind.SSCC, 2, List.of(label.code(), sscc));
        p.replace(label.code(), items.get(2), items.get(5), "wang");
        p.unpack(pallet, "wang", "re-stack");
        p.voidCase(sscc, "wang", "crushed");
        List<Record> all = outbox.after(0, 10_000);
        records = all.subList((int) before, all.size()).stream()
                .filter(r -> r.kind() == Kind.PACKED || r.kind() == Kind.UNPACKED).toList();
        epcis = new EpcisEvents("site-1", "edge-1", "urn:yima:site:site-1", ZoneId.of("Asia/Shanghai"),
                outbox.vaultId());
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void everyAggregationEventIsValidEpcis() throws Exception {
        assertThat(records).extracting(Record::kind).containsExactly(Kind.PACKED, Kind.PACKED, Kind.PACKED,
                Kind.UNPACKED, Kind.PACKED, Kind.UNPACKED, Kind.UNPACKED);
        Schema schema = EpcisSchemaTest.epcisSchema();
        for (Record r : records) {
            JsonNode event = JSON.readTree(epcis.payload(r));
            assertThat(event.path("type").asText()).isEqualTo("AggregationEvent");
            assertThat(schema.validate(event)).as("%s: %s", r.kind(), event).isEmpty();
        }
        ObjectNode doc = epcis.document(records, Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(schema.validate(doc)).isEmpty();
        ObjectNode broken = epcis.event(records.get(0));
        broken.put("action", "PACK");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void theFileExportOfTheJobHoldsTheAggregationEvents() throws Exception {
        vault.close();
        Path file = dir.resolve("J1.jsonld");
        picocli.CommandLine cli = io.yima.cli.YimaEdge.commandLine();
        cli.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
        int exit = cli.execute("export", "--vault", dir.resolve("vault.db").toString(), "--site", "site-1",
                "--edge", "edge-1", "--time-zone", "Asia/Shanghai", "--job", "J1", "--format", "epcis",
                "--out", file.toString());
        vault = CodeVault.open(dir.resolve("vault.db"));
        assertThat(exit).isZero();
        JsonNode doc = JSON.readTree(file.toFile());
        assertThat(EpcisSchemaTest.epcisSchema().validate(doc)).isEmpty();
        List<JsonNode> aggregations = new java.util.ArrayList<>();
        doc.path("epcisBody").path("eventList").forEach(e -> {
            if (e.path("type").asText().equals("AggregationEvent")) {
                aggregations.add(e);
            }
        });
        assertThat(aggregations).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            ObjectNode mqtt = epcis.event(records.get(i));
            mqtt.remove("@context");
            assertThat(aggregations.get(i).toString()).isEqualTo(mqtt.toString());
        }
    }

    @Test
    void aWechatCaseIsAddedUnderItsUrlWithItsItemsUrls() {
        ObjectNode e = epcis.event(records.get(0));
        assertThat(e.path("action").asText()).isEqualTo("ADD");
        assertThat(e.path("bizStep").asText()).isEqualTo("packing");
        assertThat(e.path("parentID").asText()).isEqualTo(EpcisEvents.epc(label.url()));
        assertThat(e.path("childEPCs")).extracting(JsonNode::asText).containsExactly(
                items.subList(0, 3).stream().map(c -> EpcisEvents.epc(vault.byCode(c).orElseThrow().url())).toArray(String[]::new));
        assertThat(e.path("yima:level").asText()).isEqualTo("CASE");
        assertThat(e.path("yima:job").path("id").asText()).isEqualTo("J1");
        assertThat(e.path("readPoint").path("id").asText()).isEqualTo("urn:yima:line:site-1:edge-1:L1");
    }

    @Test
    void aPalletIsAnSsccOverItsCasesAndItsUnpackIsADelete() {
        ObjectNode add = epcis.event(records.get(2));
        assertThat(add.path("parentID").asText()).startsWith("urn:epc:id:sscc:0614141.0");
        assertThat(add.path("childEPCs").get(0).asText()).isEqualTo(EpcisEvents.epc(label.url()));
        assertThat(add.path("childEPCs").get(1).asText()).startsWith("urn:epc:id:sscc:0614141.1");
        ObjectNode replacedOut = epcis.event(records.get(3));
        assertThat(replacedOut.path("action").asText()).isEqualTo("DELETE");
        assertThat(replacedOut.path("yima:change").asText()).isEqualTo("REPLACE");
        ObjectNode unpacked = epcis.event(records.get(5));
        assertThat(unpacked.path("action").asText()).isEqualTo("DELETE");
        assertThat(unpacked.path("parentID").asText()).isEqualTo(add.path("parentID").asText());
        assertThat(unpacked.path("childEPCs")).hasSize(2);
        assertThat(unpacked.path("yima:reason").asText()).isEqualTo("re-stack");
        assertThat(epcis.event(records.get(6)).path("yima:change").asText()).isEqualTo("VOID");
    }
}
