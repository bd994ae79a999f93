package io.yima.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigFiles;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code opcua:} section: off by default, loopback by default, and every mistake named by its field. */
class OpcUaConfigTest {
    static final String BASE = "vault: { path: v.db }\n";

    private static EdgeConfig parse(String opcua, Path dir) {
        return ConfigLoader.parse(BASE + "opcua:\n" + opcua, dir);
    }

    @Test
    void withoutTheSectionOrWithAnEmptyOneThereIsNoServerAndTheDefaultsAreSafe(@TempDir Path dir) {
        assertThat(ConfigLoader.parse(BASE, dir).opcua()).isNull();
        OpcUaConfig c = parse("  port: 4841\n", dir).opcua();
        assertThat(c.enabled()).isFalse();
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.exposedBeyondLoopback()).isFalse();
        assertThat(c.securityPolicies()).containsExactly("Basic256Sha256");
        assertThat(c.anonymous()).isFalse();
        assertThat(c.certificateUsers()).isFalse();
        assertThat(c.pkiDirOr(dir.resolve("data/vault.db"))).isEqualTo(dir.resolve("data/opcua-pki").toAbsolutePath());
    }

    @Test
    void relativeFilesResolveAgainstTheConfigFolder(@TempDir Path dir) {
        OpcUaConfig c = parse("  enabled: true\n  username: mes\n  password_file: secrets/ua.pw\n  pki_dir: pki\n", dir)
                .opcua();
        assertThat(c.passwordFile()).isEqualTo(dir.resolve("secrets/ua.pw"));
        assertThat(c.pkiDir()).isEqualTo(dir.resolve("pki"));
    }

    @Test
    void anEnabledServerNeedsAWayToLogIn(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("  enabled: true\n", dir))
                .hasMessageStartingWith("opcua: no way to log in: set username + password_file, users_file or"
                        + " certificate_users: true");
        assertThatCode(() -> parse("  enabled: true\n  certificate_users: true\n", dir)).doesNotThrowAnyException();
        assertThatCode(() -> parse("  enabled: true\n  anonymous: true\n", dir)).doesNotThrowAnyException();
    }

    @Test
    void mistakesAreNamedByTheirField(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("  security_policies: [Basic128Rsa15]\n", dir))
                .hasMessage("opcua.security_policies: 'Basic128Rsa15' is not one of Basic256Sha256, None (line 3, column 3)");
        assertThatThrownBy(() -> parse("  security_policies: []\n", dir))
                .hasMessage("opcua.security_policies: list at least one of Basic256Sha256, None (line 3, column 3)");
        assertThatThrownBy(() -> parse("  port: 70000\n", dir))
                .hasMessage("opcua.port: must be between 0 and 65535, got 70000 (line 3, column 3)");
        assertThatThrownBy(() -> parse("  username: mes\n", dir))
                .hasMessage("opcua.password_file: username and password_file go together (line 2, column 1)");
        assertThatThrownBy(() -> parse("  username: \"m es\"\n  password_file: p\n", dir))
                .hasMessage("opcua.username: 1-64 letters, digits, '.', '-', '_' or '@' (line 3, column 3)");
        assertThatThrownBy(() -> parse("  username: mes\n  password_file: p\n  users_file: u\n", dir))
                .hasMessage("opcua.users_file: give users_file or username + password_file, not both (line 5, column 3)");
        assertThatThrownBy(() -> parse("  hostname: \"edge 7\"\n", dir))
                .hasMessageStartingWith("opcua.hostname: 'edge 7' is not a host name");
        assertThatThrownBy(() -> parse("  passwd: x\n", dir)).hasMessage("opcua.passwd: unknown key (keys here: anonymous, bind, certificate_users, enabled, hostname, "
                        + "lockout, max_failed_logins, password_file, pki_dir, port, security_policies, username, "
                        + "users_file) (line 3, column 3)");
        assertThatThrownBy(() -> parse("  max_failed_logins: 0\n", dir))
                .hasMessage("opcua.max_failed_logins: 1 to 1000 refused logins per address (line 3, column 3)");
        assertThatThrownBy(() -> parse("  lockout: 100ms\n", dir))
                .hasMessage("opcua.lockout: 1s to 24h (line 3, column 3)");
    }

    @Test
    void thePasswordFileIsCheckedAtStartAndItsContentNeverQuoted(@TempDir Path dir) throws Exception {
        EdgeConfig c = parse("  enabled: true\n  username: mes\n  password_file: ua.pw\n", dir);
        assertThatThrownBy(() -> ConfigFiles.requireReadable(c))
                .hasMessage("opcua.password_file: " + dir.resolve("ua.pw") + " does not exist");
        Files.writeString(dir.resolve("ua.pw"), "short\n");
        assertThatThrownBy(() -> ConfigFiles.requireReadable(c))
                .hasMessage("opcua.password_file: " + dir.resolve("ua.pw") + ": a password has 8 to 256 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
        Files.writeString(dir.resolve("ua.pw"), "long-enough-secret\n");
        assertThatCode(() -> ConfigFiles.requireReadable(c)).doesNotThrowAnyException();
    }
}
