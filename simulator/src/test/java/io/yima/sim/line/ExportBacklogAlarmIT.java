package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.JobReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export backlog on a running edge: a broker that never answers lets the backlog grow past
 * {@code export.backlog_alarm.max_events}; /health says "degraded" with the reason (still 200: the line produces),
 * /metrics raises {@code yima_export_backlog_alarm}, /api/status carries the reason for the dashboard. And an edge
 * with export off still gives a job's EPCIS file.
 */
class ExportBacklogAlarmIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BACKLOG = Pattern.compile("(?m)^yima_export_backlog_events ([0-9.E]+)$");

    @Test
    void aBacklogOverItsAlarmDegradesHealthAndRaisesTheAlarmMetric(@TempDir Path dir) throws Exception {
        // a TCP port that accepts and never speaks MQTT: the session never comes up, the events wait in the vault
        try (ServerSocket silentBroker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LiveLine line = new LiveLine(dir, 500, new ScannerFaults(3), Map.of(), Map.of("export", Map.of(
                     "mqtt", Map.of("enabled", true, "broker", "tcp://127.0.0.1:" + silentBroker.getLocalPort(),
                             "site", "plant-1", "edge", "edge-1"),
                     "backlog_alarm", Map.of("max_events", 20, "max_age", "1h"))))) {
            assertThat(get(line, "/metrics", 200)).contains("yima_export_backlog_alarm 0.0")
                    .contains("yima_export_backlog_alarm_max_events 20.0")
                    .contains("yima_export_backlog_alarm_max_age_seconds 3600.0");

            // while the job runs (PLC connected, devices online) the edge is healthy, then degraded by the backlog
            LiveLine.PlcRun run = line.run("J-B", 80, 20, Map.of("symbol", "QR", "mode", "TRIGGERED"));
            await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(get(line, "/health", 200))
                    .path("status").asText().equals("ok"));
            JsonNode health = await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(get(line, "/health", 200)),
                    h -> h.path("status").asText().equals("degraded"));
            assertThat(health.path("healthy").asBoolean()).isTrue();
            assertThat(health.path("reasons")).isEmpty();
            ScenarioResult result = run.await();
            line.assertAccounted(result, "J-B");
            health = JSON.readTree(get(line, "/health", 200));
            String reason = health.path("degraded").get(0).asText();
            assertThat(reason).matches("export backlog: [0-9]+ events wait for the broker \\(alarm above 20\\)");
            assertThat(get(line, "/metrics", 200)).contains("yima_export_backlog_alarm 1.0");
            // the gauge (refreshed once a second) comes to every event of the job, all still waiting: JOB_OPENED,
            // one COMMISSIONED per printed label, one BOUND / REJECTED / VOIDED each, JOB_CLOSED
            JobReport report = line.vault().jobReport("J-B");
            long committed = 2 + report.printed() + report.bound() + report.rejected() + report.voidedAfterSent();
            long waiting = new io.yima.vault.ExportOutbox(line.vault()).after(0, 100_000).size();
            assertThat(waiting).isEqualTo(committed);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Matcher m = BACKLOG.matcher(get(line, "/metrics", 200));
                return m.find() && (long) Double.parseDouble(m.group(1)) == committed;
            });
            String settled = "export backlog: " + committed + " events wait for the broker (alarm above 20)";
            JsonNode status = JSON.readTree(get(line, "/api/status", 200));
            assertThat(status.path("export").path("alarm").asText()).isEqualTo(settled);
            assertThat(JSON.readTree(get(line, "/health", 200)).path("degraded").get(0).asText()).isEqualTo(settled);

            // the terminal shows the same: link, backlog, the alarm; exit 0 (no line in FAULT)
            StringWriter out = new StringWriter();
            picocli.CommandLine cli = io.yima.cli.YimaEdge.commandLine();
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute("status", "--lang", "en", "--url", "127.0.0.1:" + line.statusPort());
            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("MQTT export:").contains(String.format(java.util.Locale.ROOT,
                    "backlog %,d", committed)).contains("oldest waiting").contains("ALARM: export backlog");
            // every export metric the Grafana dashboard queries is on this edge's /metrics (export on)
            String scrape = get(line, "/metrics", 200);
            Matcher queried = Pattern.compile("yima_export_[a-z_]+").matcher(java.nio.file.Files.readString(
                    repo().resolve("docs/grafana/yima-edge.json")));
            int names = 0;
            while (queried.find()) {
                assertThat(scrape).as("queried by docs/grafana/yima-edge.json").containsPattern(
                        "(?m)^" + queried.group() + "[{ ]");
                names++;
            }
            assertThat(names).as("export panels in the Grafana dashboard").isGreaterThanOrEqualTo(6);
        }
    }

    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.exists(p.resolve("docs/operations.md"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void anEdgeWithExportOffStillWritesAJobsEpcisFile(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, 200, new ScannerFaults(5).noReadRate(0.1), Map.of())) {
            ScenarioResult result = line.run("J-OFF", 20, 30, Map.of("symbol", "QR", "mode", "TRIGGERED")).await();
            line.assertAccounted(result, "J-OFF");
            JobReport report = line.vault().jobReport("J-OFF");
            Path out = dir.resolve("J-OFF.jsonld");
            picocli.CommandLine cli = io.yima.cli.YimaEdge.commandLine();
            StringWriter said = new StringWriter();
            cli.setOut(new PrintWriter(said, true));
            cli.setErr(new PrintWriter(said, true));
            int exit = cli.execute("export", "--vault", dir.resolve("vault.db").toString(), "--site", "plant-1",
                    "--edge", "edge-1", "--job", "J-OFF", "--format", "epcis", "--out", out.toString());
            assertThat(exit).as(said.toString()).isZero();
            JsonNode events = JSON.readTree(out.toFile()).path("epcisBody").path("eventList");
            Map<String, Long> kinds = new java.util.TreeMap<>();
            events.forEach(e -> kinds.merge(e.path("yima:event").asText(), 1L, Long::sum));
            assertThat(kinds.get("JOB_OPENED")).isEqualTo(1);
            assertThat(kinds.get("COMMISSIONED")).isEqualTo(report.printed());
            assertThat(kinds.get("BOUND")).isEqualTo(report.bound());
            assertThat(kinds.getOrDefault("REJECTED", 0L)).isEqualTo(report.rejected());
        }
    }

    private static String get(LiveLine line, String path, int expected) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + line.statusPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(expected);
        return r.body();
    }
}
