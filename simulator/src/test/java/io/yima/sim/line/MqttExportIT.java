package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.common.ExportView;
import io.yima.export.EpcisEvents;
import io.yima.sim.mqtt.EventSubscriber;
import io.yima.sim.mqtt.Mosquitto;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.ExportOutbox;
import io.yima.vault.ExportOutbox.Kind;
import io.yima.vault.ExportOutbox.Record;
import io.yima.vault.JobReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export judged by a central consumer on a real mosquitto: a line runs while the broker is stopped and
 * started again, then the broker is down while a second job runs and the edge is restarted in the middle of
 * draining that backlog. After de-duplication by event id the subscriber holds every event the vault committed,
 * each once, in the line's order; the counts agree with the vault's own job reports.
 */
class MqttExportIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCommittedEventArrivesOnceAfterDeDuplicationInOrderThroughAnOutageAndAnEdgeRestart(@TempDir Path dir)
            throws Exception {
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto broker = new Mosquitto(brokerDir).start();
             EventSubscriber central = new EventSubscriber(broker.port(), "central-it", "yima/#");
             LiveLine line = new LiveLine(dir, 2_000, new ScannerFaults(7).noReadRate(0.05), Map.of())) {
            Files.writeString(dir.resolve("edge.yaml"), String.join("\n", "", "export:", "  mqtt:",
                    "    enabled: true", "    broker: " + broker.url(), "    site: plant-1", "    edge: edge-1",
                    "    time_zone: Asia/Shanghai", "    max_events_per_second: 300", "    max_in_flight: 20",
                    "    reconnect_min: 200ms", "    reconnect_max: 1s", "    ack_timeout: 3s", ""),
                    StandardOpenOption.APPEND);
            line.restartEdge();
            await().atMost(Duration.ofSeconds(20)).until(() -> view(line).link().equals("ONLINE"));

            // the broker stops while the job runs and comes back once a backlog has built up
            LiveLine.PlcRun run = line.run("J-A", 500, 60, Map.of("symbol", "QR", "mode", "TRIGGERED"));
            await().atMost(Duration.ofSeconds(30)).until(() -> view(line).acknowledgedSeq() >= 50);
            broker.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> view(line).backlog() >= 100);
            assertThat(view(line).link()).isNotEqualTo("ONLINE");
            broker.start();
            long resumed = view(line).acknowledgedSeq();
            await().atMost(Duration.ofSeconds(30)).until(() -> view(line).acknowledgedSeq() >= resumed + 100
                    && central.connected());

            // down again until the job is over; then the edge restarts while that backlog drains at its bounded rate
            broker.stop();
            ScenarioResult result = run.await();
            line.assertAccounted(result, "J-A");
            broker.start();
            long before = view(line).acknowledgedSeq();
            await().atMost(Duration.ofSeconds(30)).until(() -> view(line).acknowledgedSeq() >= before + 50);
            assertThat(view(line).backlog()).as("restart happens mid-backlog").isGreaterThan(50);
            line.restartEdge();
            await().atMost(Duration.ofSeconds(60)).until(() -> view(line).backlog() == 0
                    && view(line).link().equals("ONLINE"));

            ExportOutbox outbox = new ExportOutbox(line.vault());
            List<Record> committed = outbox.after(0, 1_000_000);
            List<String> expected = committed.stream().map(r -> EpcisEvents.eventId(outbox.vaultId(), r.seq())).toList();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        central.firstDeliveries("/L1/events").size() >= expected.size());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                java.util.Set<String> got = new java.util.HashSet<>();
                central.firstDeliveries("/L1/events").forEach(x -> got.add(x.eventId()));
                List<Long> missing = committed.stream().filter(x -> !got.contains(EpcisEvents.eventId(outbox.vaultId(), x.seq())))
                        .map(Record::seq).toList();
                throw new AssertionError("consumer misses " + missing.size() + " of " + expected.size() + " events: "
                        + missing.subList(0, Math.min(40, missing.size())) + " … " + missing.get(missing.size() - 1), e);
            }
            List<EventSubscriber.Received> first = central.firstDeliveries("/L1/events");
            assertThat(first).extracting(EventSubscriber.Received::eventId).containsExactlyElementsOf(expected);
            assertThat(first).extracting(EventSubscriber.Received::seq).isSorted();
            for (EventSubscriber.Received r : first) {
                JsonNode e = r.json();
                assertThat(e.path("eventID").asText()).isEqualTo(r.eventId());
                assertThat(e.path("yima:seq").asLong()).isEqualTo(r.seq());
                assertThat(r.topic()).isEqualTo("yima/plant-1/edge-1/L1/events");
            }
            long events = central.all().stream().filter(r -> r.topic().endsWith("/events")).count();
            System.out.printf("MqttExportIT: %d events committed, %d deliveries (%d duplicates)%n",
                    expected.size(), events, events - expected.size());

            // the vault's job reports, an independent account, agree with what the consumer holds
            for (String job : List.of("J-A")) {
                JobReport report = line.vault().jobReport(job);
                Map<Kind, Long> kinds = new java.util.EnumMap<>(Kind.class);
                for (EventSubscriber.Received r : first) {
                    JsonNode e = r.json();
                    if (job.equals(e.path("yima:job").path("id").asText())) {
                        kinds.merge(Kind.valueOf(e.path("yima:event").asText()), 1L, Long::sum);
                    }
                }
                assertThat(kinds.get(Kind.COMMISSIONED)).as(job).isEqualTo(report.printed());
                assertThat(kinds.get(Kind.BOUND)).as(job).isEqualTo(report.bound());
                assertThat(kinds.getOrDefault(Kind.REJECTED, 0L)).as(job).isEqualTo(report.rejected());
                assertThat(kinds.getOrDefault(Kind.VOIDED, 0L)).as(job).isEqualTo(report.voidedAfterSent());
                assertThat(kinds.get(Kind.JOB_OPENED)).as(job).isEqualTo(1);
            }

            // the retained line state, the status page and /metrics of the running edge
            await().atMost(Duration.ofSeconds(10)).until(() -> central.all().stream()
                    .anyMatch(r -> r.topic().equals("yima/plant-1/edge-1/L1/state") && r.text().contains("\"line\":\"L1\"")));
            assertThat(central.all()).anyMatch(r -> r.topic().equals("yima/plant-1/edge-1/state") && r.text().equals("online"));
            JsonNode status = JSON.readTree(get(line, "/api/status"));
            assertThat(status.path("export").path("link").asText()).isEqualTo("ONLINE");
            assertThat(status.path("export").path("backlog").asLong()).isZero();
            assertThat(status.path("export").path("acknowledged_seq").asLong())
                    .isEqualTo(committed.get(committed.size() - 1).seq());
            assertThat(status.path("export").path("oldest_age_seconds").asDouble()).isZero();
            String metrics = get(line, "/metrics");
            assertThat(metrics).contains("yima_export_backlog_events 0.0").contains("yima_export_broker_up 1.0")
                    .containsPattern("yima_export_acknowledged_total [1-9]");
        }
    }

    private static ExportView view(LiveLine line) {
        return line.edge().export().view();
    }

    private static String get(LiveLine line, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + line.statusPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
