package io.yima.sim.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/yima-edge.json: one dashboard for many edges and lines (template variables datasource, edge,
 * line, every query scoped by them) with the stale-trigger and export panels. That the metric names exist on a
 * running edge's /metrics is MetricsTruthIT's and ExportBacklogAlarmIT's to show.
 */
class GrafanaDashboardTest {

    private static JsonNode dashboard() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("docs/grafana/yima-edge.json"))) {
            p = p.getParent();
        }
        return new ObjectMapper().readTree(p.resolve("docs/grafana/yima-edge.json").toFile());
    }

    @Test
    void templateVariablesScopeEveryQuery() throws Exception {
        JsonNode d = dashboard();
        List<String> vars = new ArrayList<>();
        d.path("templating").path("list").forEach(v -> vars.add(v.path("name").asText()));
        assertThat(vars).containsExactly("datasource", "edge", "line");
        for (JsonNode panel : d.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                    .isEqualTo("${datasource}");
            for (JsonNode t : panel.path("targets")) {
                String expr = t.path("expr").asText();
                assertThat(expr).as(panel.path("title").asText()).contains("instance=~\"$edge\"");
                if (expr.contains("yima_line_state") || expr.contains("yima_labels_printed_total")
                        || expr.contains("yima_triggers_stale_total") || expr.contains("yima_rejects_total")) {
                    assertThat(expr).contains("line=~\"$line\"");
                }
                assertThat(expr).doesNotContain("sum by (line)"); // lines of two edges must not be added up
            }
        }
    }

    @Test
    void staleTriggersAndExportHavePanels() throws Exception {
        StringBuilder exprs = new StringBuilder();
        dashboard().path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.append(t.path("expr").asText())));
        assertThat(exprs.toString()).contains("yima_triggers_stale_total", "yima_export_backlog_events",
                "yima_export_oldest_event_age_seconds", "yima_export_broker_up", "yima_export_backlog_alarm");
    }
}
