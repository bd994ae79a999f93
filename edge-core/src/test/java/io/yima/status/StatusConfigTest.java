package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yima.edge.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusConfigTest {

    private static final Duration FIVE = Duration.ofSeconds(5);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void emptySectionTakesTheDefaults() throws Exception {
        StatusConfig c = YAML.readValue("{}", StatusConfig.class);
        assertThat(c).isEqualTo(StatusConfig.defaults());
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.lowStockWarning()).isEqualTo(10_000);
        assertThat(c.validate()).isEmpty();
        assertThat(c.exposedBeyondLoopback()).isFalse();
    }

    @Test
    void snakeCaseKeysAreRead() throws Exception {
        StatusConfig c = YAML.readValue(
                "bind: 0.0.0.0\nport: 9090\ntoken_file: /etc/yima-edge/status.token\nlow_stock_warning: 500\n",
                StatusConfig.class);
        assertThat(c).isEqualTo(new StatusConfig("0.0.0.0", 9090, Path.of("/etc/yima-edge/status.token"), 500));
        assertThat(c.exposedBeyondLoopback()).isTrue();
    }

    @Test
    void dashboardThresholdsHaveDefaultsAndAreRead() throws Exception {
        StatusConfig d = StatusConfig.defaults();
        assertThat(d.rejectAmberPercent()).isEqualTo(2.0);
        assertThat(d.rejectRedPercent()).isEqualTo(5.0);
        assertThat(d.staleAfter()).isEqualTo(Duration.ofSeconds(5));
        StatusConfig c = YAML.readValue("reject_amber_percent: 1.5\nreject_red_percent: 3\nstale_after_seconds: 10\n",
                StatusConfig.class);
        assertThat(c.rejectAmberPercent()).isEqualTo(1.5);
        assertThat(c.rejectRedPercent()).isEqualTo(3.0);
        assertThat(c.staleAfter()).as("the older key, in seconds").isEqualTo(Duration.ofSeconds(10));
        assertThat(c.validate()).isEmpty();
        assertThat(YAML.readValue("stale_after: 2500ms\n", StatusConfig.class).staleAfter())
                .isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void staleAfterAndTheOlderStaleAfterSecondsAreNotGivenTogether() {
        String yaml = "vault: { path: vault.db }\nstatus:\n  stale_after: 5s\n  stale_after_seconds: 5\n";
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, null))
                .hasMessage("status: give stale_after (e.g. 5s), or the older stale_after_seconds, not both"
                        + " (line 2, column 1)");
    }

    @Test
    void dashboardThresholdsOutOfRangeAreNamed() {
        assertThat(new StatusConfig("127.0.0.1", 80, null, 1, StatusConfig.DEFAULT_REQUEST_TIMEOUT,
                StatusConfig.DEFAULT_MAX_CONNECTIONS, 0, 5, FIVE).validate())
                .containsExactly("status.reject_amber_percent: must be above 0 and at most 100, got 0.0");
        assertThat(new StatusConfig("127.0.0.1", 80, null, 1, StatusConfig.DEFAULT_REQUEST_TIMEOUT,
                StatusConfig.DEFAULT_MAX_CONNECTIONS, 4, 3, FIVE).validate())
                .containsExactly("status.reject_red_percent: must be between reject_amber_percent (4.0) and 100, got 3.0");
        assertThat(new StatusConfig("127.0.0.1", 80, null, 1, StatusConfig.DEFAULT_REQUEST_TIMEOUT,
                StatusConfig.DEFAULT_MAX_CONNECTIONS, 2, 5, Duration.ofSeconds(1)).validate())
                .containsExactly("status.stale_after: must be between 2s and 300s, got 1s");
    }

    @Test
    void validationNamesTheBadField() {
        assertThat(new StatusConfig("127.0.0.1", 70_000, null, 1).validate())
                .containsExactly("status.port: must be between 0 and 65535, got 70000");
        assertThat(new StatusConfig("127.0.0.1", 80, null, -1).validate())
                .containsExactly("status.low_stock_warning: must be 0 or more, got -1");
        assertThat(new StatusConfig(" ", 80, null, 1).validate()).singleElement().asString()
                .startsWith("status.bind:");
    }

    @Test
    void anUnknownKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> YAML.readValue("prot: 8080\n", StatusConfig.class))
                .hasMessageContaining("prot");
    }

    @Test
    void aShortOrMissingTokenFileIsRefusedWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path shortToken = Files.writeString(dir.resolve("short"), "hunter2");
        assertThatThrownBy(() -> BearerToken.load(shortToken))
                .hasMessageStartingWith("status.token_file:").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> BearerToken.load(dir.resolve("missing")))
                .hasMessageStartingWith("status.token_file: cannot read");
    }

    @Test
    void theTokenIsTrimmedComparedExactlyAndNeverPrinted(@TempDir Path dir) throws Exception {
        BearerToken t = BearerToken.load(Files.writeString(dir.resolve("t"), "  s3cr3t-s3cr3t-s3cr3t\n"));
        assertThat(t.admits("Bearer s3cr3t-s3cr3t-s3cr3t")).isTrue();
        assertThat(t.admits("Bearer s3cr3t-s3cr3t-s3cr3")).isFalse();
        assertThat(t.admits("Bearer s3cr3t-s3cr3t-s3cr3tt")).isFalse();
        assertThat(t.admits("bearer s3cr3t-s3cr3t-s3cr3t")).isFalse();
        assertThat(t.admits(null)).isFalse();
        assertThat(t.toString()).doesNotContain("s3cr3t");
        assertThat(BearerToken.none().admits("Bearer ")).isFalse();
    }
}
