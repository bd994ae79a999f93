package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EdgeMetricsTest {

    private static String text(EdgeMetrics m) {
        return new String(m.scrape(), StandardCharsets.UTF_8);
    }

    @Test
    void eachTransitionHasItsCounterPerLine() {
        EdgeMetrics m = new EdgeMetrics();
        m.reserved("L1", 256);
        m.voided("L2", 3);
        m.bound("L1");
        m.activated(100);
        m.activationFailed();
        m.quotaWait();
        String t = text(m);
        assertThat(t).contains("yima_codes_reserved_total{line=\"L1\"} 256.0")
                .contains("yima_codes_voided_total{line=\"L2\"} 3.0")
                .contains("yima_codes_bound_total{line=\"L1\"} 1.0")
                .contains("yima_codes_activated_total 100.0")
                .contains("yima_activation_failures_total 1.0")
                .contains("yima_upstream_quota_waits_total 1.0");
    }

    @Test
    void latencyLandsInSecondsBuckets() {
        EdgeMetrics m = new EdgeMetrics();
        m.triggerToResult("L1", Duration.ofMillis(3));
        m.triggerToResult("L1", Duration.ofMillis(300));
        String t = text(m);
        assertThat(t).contains("yima_trigger_to_result_seconds_bucket{line=\"L1\",le=\"0.005\"} 1")
                .contains("yima_trigger_to_result_seconds_bucket{line=\"L1\",le=\"0.5\"} 2")
                .contains("yima_trigger_to_result_seconds_sum{line=\"L1\"} 0.303");
    }

    @Test
    void twoEdgesInOneJvmDoNotShareCounters() {
        EdgeMetrics a = new EdgeMetrics();
        EdgeMetrics b = new EdgeMetrics();
        a.printed("L1");
        assertThat(text(a)).contains("yima_labels_printed_total{line=\"L1\"} 1.0");
        assertThat(text(b)).doesNotContain("yima_labels_printed_total{line=\"L1\"}");
    }

    @Test
    void gaugesAreEmptyUntilASourceIsObserved() {
        EdgeMetrics m = new EdgeMetrics();
        assertThat(text(m)).doesNotContain("yima_vault_available_codes{");
        m.observe(new FakeLine());
        assertThat(text(m)).contains("yima_vault_available_codes{application=\"7\"} 50000.0")
                .contains("yima_vault_codes{application=\"7\"} 100000.0")
                .contains("yima_outbox_codes{state=\"activated\"} 30.0")
                .contains("yima_outbox_ranges{state=\"activated\"} 3.0")
                .contains("yima_outbox_ranges{state=\"failed\"} 1.0");
    }
}
