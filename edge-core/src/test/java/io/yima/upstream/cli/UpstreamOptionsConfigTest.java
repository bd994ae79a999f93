package io.yima.upstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.upstream.UpstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wechat --config FILE} reads the file with the edge's own loader: the same keys, errors and paths as run. */
class UpstreamOptionsConfigTest {
    private static final String EDGE = """
            vault: { path: data/vault.db }
            applications:
              - { id: 581865877, key_file: keys/app.key }
            upstream:
              appid: wx1234567890abcdef
              secret_file: secrets/wechat.secret
              request_timeout: 7s
            lines:
              - id: L1
                application: 581865877
                printer: { uri: "tcp://127.0.0.1:9100" }
                scanner: { uri: "tcp://127.0.0.1:9004" }
                plc: { port: 7001 }
            """;

    @TempDir
    Path dir;

    private UpstreamOptions options(String yaml) throws Exception {
        UpstreamOptions o = new UpstreamOptions();
        o.configFile = Files.writeString(dir.resolve("edge.yaml"), yaml);
        return o;
    }

    @Test
    void theUpstreamSectionAndItsPathsAreWhatRunReads() throws Exception {
        UpstreamOptions o = options(EDGE);
        UpstreamConfig c = o.config();
        assertThat(c).isEqualTo(ConfigLoader.load(o.configFile).upstream());
        assertThat(c.secretFile()).isEqualTo(dir.resolve("secrets/wechat.secret"));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(o.configuredVault()).contains(dir.resolve("data/vault.db"));
        assertThat(o.configuredKeyFile(581865877)).contains(dir.resolve("keys/app.key"));
        assertThat(o.configuredKeyFile(42)).isEmpty();
        assertThat(o.configIfGiven()).contains(c);
    }

    @Test
    void anUnknownKeyInTheUpstreamSectionIsRefusedAsRunRefusesIt() throws Exception {
        UpstreamOptions o = options(EDGE.replace("request_timeout: 7s", "request_timout: 7s"));
        String run = messageOf(() -> ConfigLoader.load(o.configFile));
        assertThat(run).startsWith("upstream.request_timout: unknown key").contains("(line 7, column 3)");
        assertThatThrownBy(o::config).hasMessage(run);
    }

    /** The old reader looked at the upstream section only: a typo elsewhere passed wechat and stopped run later. */
    @Test
    void aTypoElsewhereInTheFileIsRefusedToo() throws Exception {
        UpstreamOptions o = options(EDGE.replace("vault: { path: data/vault.db }",
                "vault: { path: data/vault.db, reserve_blok: 64 }"));
        String run = messageOf(() -> ConfigLoader.load(o.configFile));
        assertThat(run).startsWith("vault.reserve_blok: unknown key");
        assertThatThrownBy(o::config).hasMessage(run);
        assertThatThrownBy(o::configuredVault).hasMessage(run);
    }

    /** A file for the wechat commands alone needs no vault or lines: only its upstream section is checked. */
    @Test
    void aFileWithOnlyAnUpstreamSectionIsEnough() throws Exception {
        UpstreamOptions o = options("upstream:\n  appid: wx1\n  secret_file: wechat.secret\n");
        assertThat(o.config().secretFile()).isEqualTo(dir.resolve("wechat.secret"));
        assertThat(o.configuredVault()).isEmpty();
        assertThatThrownBy(() -> options("upstream:\n  base_url: ftp://nowhere\n  appid: wx\n").config())
                .hasMessageStartingWith("upstream.base_url: must be an http(s) URL");
        assertThatThrownBy(() -> options("vault: { path: v.db }\n").config())
                .hasMessageEndingWith("edge.yaml: no upstream: section");
        assertThat(options("vault: { path: v.db }\n").configIfGiven()).isEmpty();
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }
}
