package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.yima.export.EpcisEvents;
import io.yima.sim.mqtt.EventSubscriber;
import io.yima.sim.mqtt.Mosquitto;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeVault;
import io.yima.vault.PackState;
import io.yima.vault.PackUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packing hierarchy as a central consumer receives it from a real mosquitto: a count-and-close line on the
 * emulators exports over MQTT; every case the case packer closed and the edge packed arrives as one EPCIS
 * AggregationEvent ADD with the case's SSCC as parent and exactly the items the packer put in it as children
 * (rejected items never), and a technician's unpack arrives as a DELETE of the same parent and children.
 * Judged against the case packer's own record, not the edge's.
 */
class AggregationExportIT {
    private static final String TOPIC = "yima/plant-1/edge-1/L1/events";

    @Test
    void everyPackedCaseArrivesAsAnAddWithExactlyItsItemsAndAnUnpackAsADelete(@TempDir Path dir) throws Exception {
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto broker = new Mosquitto(brokerDir).start();
             EventSubscriber central = new EventSubscriber(broker.port(), "central-aggregation", "yima/#");
             PackingLine line = new PackingLine(dir, 120, 12, new ScannerFaults(7).noReadRate(0.05),
                     new ScannerFaults(11), null, Duration.ofSeconds(3), Map.of(), 0,
                     exportTo(broker.url()));
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            int items = 100;
            assertThat(PackingRun.run(line, plc, "JAGG", items, 30)).isEqualTo(items);
            assertThat(plc.rejected).as("the item scanner's no-reads rejected some items").isNotEmpty();

            CodeVault vault = line.vault();
            List<CasePacker.PackedCase> truth = line.packer.record();
            assertThat(truth).hasSize((plc.ok.size() + 11) / 12);
            List<String> caseCodes = new ArrayList<>();
            for (CasePacker.PackedCase c : truth) {
                PackingPlc.CaseResult r = plc.cases.get(c.number());
                assertThat(r.packed()).as("case %s: %s (the case reader has no faults)", c.number(), r).isTrue();
                caseCodes.add(r.caseCode());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> aggregations(central, "ADD").size() == truth.size());
            List<JsonNode> adds = aggregations(central, "ADD");
            for (int i = 0; i < truth.size(); i++) {
                CasePacker.PackedCase c = truth.get(i);
                String caseCode = caseCodes.get(i);
                PackUnit unit = vault.packing().unit(caseCode).orElseThrow();
                List<JsonNode> forCase = adds.stream()
                        .filter(e -> e.path("yima:parentCode").asText().equals(caseCode)).toList();
                assertThat(forCase).as("one ADD for case %s (%s)", c.number(), caseCode).hasSize(1);
                JsonNode add = forCase.get(0);
                assertThat(add.path("parentID").asText()).isEqualTo(unit.ssccUri()).startsWith("urn:epc:id:sscc:");
                assertThat(add.path("bizStep").asText()).isEqualTo("packing");
                assertThat(add.path("yima:job").path("id").asText()).isEqualTo("JAGG");
                assertThat(children(add)).as("case %s holds exactly what the packer put in it", c.number())
                        .containsExactlyInAnyOrderElementsOf(epcs(vault, c.items()));
            }
            List<String> rejectedEpcs = plc.rejected.keySet().stream()
                    .map(item -> EpcisEvents.epc(vault.issuedTo("JAGG", item).orElseThrow().url())).toList();
            for (JsonNode add : adds) {
                assertThat(children(add)).as("a rejected item in a case").doesNotContainAnyElementsOf(rejectedEpcs);
            }

            // a technician unpacks the second case: its parent and the same children leave, as a DELETE
            CasePacker.PackedCase second = truth.get(1);
            PackUnit unpacked = vault.packing().unpack(caseCodes.get(1), "Li Na", "label damaged");
            assertThat(unpacked.state()).isEqualTo(PackState.UNPACKED);
            await().atMost(Duration.ofSeconds(30)).until(() -> aggregations(central, "DELETE").size() == 1);
            JsonNode delete = aggregations(central, "DELETE").get(0);
            assertThat(delete.path("parentID").asText()).isEqualTo(unpacked.ssccUri());
            assertThat(delete.path("yima:parentCode").asText()).isEqualTo(caseCodes.get(1));
            assertThat(delete.path("bizStep").asText()).isEqualTo("unpacking");
            assertThat(children(delete)).containsExactlyInAnyOrderElementsOf(epcs(vault, second.items()));
            assertThat(aggregations(central, "ADD")).as("no further ADD").hasSize(truth.size());
        }
    }

    /** The edge's {@code export} section: MQTT to the test's mosquitto. */
    private static Map<String, Object> exportTo(String broker) {
        return Map.of("export", Map.of("mqtt", Map.of("enabled", true, "broker", broker, "site", "plant-1",
                "edge", "edge-1", "time_zone", "Asia/Shanghai", "reconnect_min", "200ms", "reconnect_max", "1s",
                "ack_timeout", "3s")));
    }

    /** The AggregationEvents with {@code action} the consumer kept (first delivery of each event id). */
    private static List<JsonNode> aggregations(EventSubscriber central, String action) {
        return central.firstDeliveries("/L1/events").stream()
                .filter(r -> r.topic().equals(TOPIC))
                .map(EventSubscriber.Received::json)
                .filter(e -> e.path("type").asText().equals("AggregationEvent")
                        && e.path("action").asText().equals(action))
                .toList();
    }

    private static List<String> children(JsonNode event) {
        List<String> out = new ArrayList<>();
        event.path("childEPCs").forEach(c -> out.add(c.asText()));
        return out;
    }

    /** The items' EPCs as the export names them: each code's WeChat URL. */
    private static List<String> epcs(CodeVault vault, List<String> codes) {
        return codes.stream().map(c -> EpcisEvents.epc(vault.byCode(c).orElseThrow().url())).toList();
    }
}
