package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.status.StatusSnapshot.Link;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusApiIT extends OnStatusPort {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode status() throws Exception {
        HttpResponse<String> r = port.get("/api/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(HttpReply.JSON);
        return JSON.readTree(r.body());
    }

    @Test
    void statusJsonFollowsTheLineInSnakeCase() throws Exception {
        JsonNode before = status();
        assertThat(before.at("/edge_version").asText()).isEqualTo("0.1.0-test");
        assertThat(before.at("/lines/0/id").asText()).isEqualTo("L1");
        assertThat(before.at("/lines/0/state").asText()).isEqualTo("RUNNING");
        assertThat(before.at("/lines/0/job/printed").asLong()).isZero();
        assertThat(before.at("/lines/0/trigger_to_print/p99_ms").asDouble()).isEqualTo(48.0);
        assertThat(before.at("/quota_wait_until").asText()).isEqualTo("2026-11-26T15:00:00Z");
        assertThat(before.at("/outbox/failed").asLong()).isEqualTo(1);

        port.line.printed = 17;
        port.line.bound = 15;
        port.line.rejected = 2;
        JsonNode after = status();
        assertThat(after.at("/lines/0/job/printed").asLong()).isEqualTo(17);
        assertThat(after.at("/lines/0/job/bound").asLong()).isEqualTo(15);
        assertThat(after.at("/lines/0/rejects_by_reason/NO_READ").asLong()).isEqualTo(2);
    }

    @Test
    void printerFaultShowsWithItsReasonAndHealthTurns503() throws Exception {
        HttpResponse<String> healthy = port.get("/health");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(healthy.body()).get("healthy").asBoolean()).isTrue();

        port.line.printer = Link.fault("head open");
        JsonNode s = status();
        assertThat(s.at("/lines/0/printer/state").asText()).isEqualTo("FAULT");
        assertThat(s.at("/lines/0/printer/reason").asText()).isEqualTo("head open");

        HttpResponse<String> sick = port.get("/health");
        assertThat(sick.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(sick.body()).get("reasons").get(0).asText())
                .isEqualTo("line L1 printer: FAULT (head open)");
    }

    @Test
    void healthIs503WhenTheVaultIsNotWritable() throws Exception {
        port.line.vaultWritable = false;
        HttpResponse<String> r = port.get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("vault: not writable");
    }

    @Test
    void lowStockIsFlaggedAgainstTheConfiguredThreshold() throws Exception {
        assertThat(status().at("/vault/0/low_stock").asBoolean()).isFalse();
        port.line.available = 9_999;
        JsonNode s = status();
        assertThat(s.at("/vault/0/available").asLong()).isEqualTo(9_999);
        assertThat(s.at("/vault/0/low_stock").asBoolean()).isTrue();
    }

    @Test
    void metricsCountersMoveAndGaugesFollowTheSource() {
        port.metrics.printed("L1");
        port.metrics.rejected("L1", "NO_READ");
        port.metrics.triggerToPrint("L1", Duration.ofMillis(12));
        String first = port.get("/metrics").body();
        assertThat(first).contains("yima_labels_printed_total{line=\"L1\"} 1.0");
        assertThat(first).contains("yima_rejects_total{line=\"L1\",reason=\"NO_READ\"} 1.0");
        assertThat(first).contains("yima_trigger_to_print_seconds_count{line=\"L1\"} 1");
        assertThat(first).contains("yima_vault_available_codes{application=\"7\"} 50000.0");
        assertThat(first).contains("yima_device_up{device=\"printer\",line=\"L1\"} 1.0");
        assertThat(first).contains("jvm_memory_used_bytes");

        port.metrics.printed("L1");
        port.metrics.printed("L1");
        port.line.available = 49_998;
        port.line.printer = Link.offline("connection refused");
        String second = port.get("/metrics").body();
        assertThat(second).contains("yima_labels_printed_total{line=\"L1\"} 3.0");
        assertThat(second).contains("yima_vault_available_codes{application=\"7\"} 49998.0");
        assertThat(second).contains("yima_device_up{device=\"printer\",line=\"L1\"} 0.0");
    }

    @Test
    void jobReportIsServedAndAnUnknownJobIs404() throws Exception {
        port.line.printed = 5;
        HttpResponse<String> known = port.get("/api/jobs/J-1");
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(known.body()).get("printed").asLong()).isEqualTo(5);

        HttpResponse<String> unknown = port.get("/api/jobs/J-404");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no job J-404");
    }

    @Test
    void dashboardAndItsAssetsComeFromTheJar() {
        HttpResponse<String> page = port.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("/dashboard.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(port.get("/dashboard.js").body()).contains("/api/status");
        assertThat(port.get("/dashboard.css").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404AndPostOnAReadPathIs405() {
        assertThat(port.get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> r = port.post("/api/status", "Bearer " + StatusPort.TOKEN, "");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("GET");
    }
}
