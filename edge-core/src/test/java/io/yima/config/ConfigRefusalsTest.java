package io.yima.config;

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

/** Settings a line cannot run with are refused before anything starts, naming the field. */
class ConfigRefusalsTest {
    private static EdgeConfig parse(String from, String to) {
        return ConfigLoader.parse(ConfigLoaderTest.GOOD.replace(from, to), null);
    }

    @Test
    void aDurationWithoutUnitIsRefusedWithTheUnitsToChooseFrom() {
        assertThatThrownBy(() -> parse("heartbeat: 2s", "heartbeat: 2"))
                .hasMessage("lines[0].plc.heartbeat: '2' needs a unit: write 2ms, 2s or 2m (line 10, column 24)");
    }

    @Test
    void zeroOrTinyDurationsWhereZeroMakesNoSenseAreRefused() {
        assertThatThrownBy(() -> parse("heartbeat: 2s", "heartbeat: 0ms"))
                .hasMessage("lines[0].plc.heartbeat: 0ms is too short (at least 100ms) (line 10, column 24)");
        assertThatThrownBy(() -> parse("plc: { port: 7001, heartbeat: 2s }",
                "plc: { port: 7001, heartbeat: 2s }\n    verify: { window: 0s }"))
                .hasMessage("lines[0].verify.window: 0ms is too short (at least 100ms) (line 11, column 15)");
        assertThatThrownBy(() -> parse("status_poll: 500ms", "status_poll: 5ms"))
                .hasMessage("lines[0].printer.status_poll: 5ms is too short (at least 50ms) (line 7, column 74)");
        assertThatCode(() -> parse("heartbeat: 2s", "heartbeat: 100ms")).doesNotThrowAnyException();
    }

    @Test
    void thePlcPortsFenceIsCheckedEntryByEntry() {
        String plc = "plc: { port: 7001, heartbeat: 2s }";
        assertThatThrownBy(() -> parse(plc, "plc: { port: 7001, allow: [10.0.0.5, 10.0.0.0/40] }"))
                .hasMessage("lines[0].plc.allow[1]: '10.0.0.0/40': the prefix after '/' must be 0 to 32 (line 10, column 42)");
        assertThatThrownBy(() -> parse(plc, "plc: { port: 7001, allow: [plc.local] }"))
                .hasMessageStartingWith("lines[0].plc.allow[0]: 'plc.local' is not an IP address or network");
        assertThatThrownBy(() -> parse(plc, "plc: { port: 7001, max_connections: 0 }"))
                .hasMessage("lines[0].plc.max_connections: must be between 1 and 1000 (line 10, column 24)");
        assertThatThrownBy(() -> parse(plc, "plc: { port: 7001, hello_timeout: 0s }"))
                .hasMessage("lines[0].plc.hello_timeout: 0ms is too short (at least 100ms) (line 10, column 24)");
        EdgeConfig ok = parse(plc, "plc: { port: 7001, takeover: true, allow: [10.0.0.5, 10.0.0.0/24], "
                + "max_connections: 2, hello_timeout: 5s }");
        LineConfig.Plc p = ok.lines().get(0).plc();
        assertThat(p.takeover()).isTrue();
        assertThat(p.allow()).containsExactly("10.0.0.5", "10.0.0.0/24");
        assertThat(p.maxConnections()).isEqualTo(2);
        assertThat(p.helloTimeout()).hasSeconds(5);
    }

    @Test
    void theStatusPortsBoundsAreChecked() {
        assertThatThrownBy(() -> parse("lines:", "status: { request_timeout: 10ms }\nlines:"))
                .hasMessage("status.request_timeout: 10ms is too short (at least 100ms) (line 3, column 11)");
        assertThatThrownBy(() -> parse("lines:", "status: { max_connections: 0 }\nlines:"))
                .hasMessage("status.max_connections: must be between 1 and 10000, got 0 (line 3, column 11)");
    }

    @Test
    void aListeningScannersFenceIsCheckedAndOnlyWhereTheReaderConnects() {
        String scanner = "scanner: { uri: \"tcp://127.0.0.1:9004\" }";
        assertThatThrownBy(() -> parse(scanner, "scanner: { uri: \"tcp://127.0.0.1:9004\", allow: [10.0.0.5] }"))
                .hasMessageStartingWith("lines[0].scanner.allow: only for a listen:// scanner");
        assertThatThrownBy(() -> parse(scanner, "scanner: { uri: \"listen://0.0.0.0:3000\", allow: [reader.local] }"))
                .hasMessageStartingWith("lines[0].scanner.allow[0]: 'reader.local' is not an IP address or network");
        assertThatThrownBy(() -> parse(scanner, "scanner: { uri: \"listen://0.0.0.0:3000\", max_connections: 0 }"))
                .hasMessageStartingWith("lines[0].scanner.max_connections: must be between 1 and 16");
        LineConfig.Scanner s = parse(scanner, "scanner: { uri: \"listen://0.0.0.0:3000\", allow: [10.0.0.7] }")
                .lines().get(0).scanner();
        assertThat(s.allowOrDefault()).containsExactly("10.0.0.7");
        assertThat(s.maxConnectionsOrDefault()).isEqualTo(1);
    }

    @Test
    void theStatusPortsHostNamesAndWrongTokenLimitAreChecked() {
        assertThatThrownBy(() -> parse("lines:", "status: { allowed_hosts: [\"http://edge01/\"] }\nlines:"))
                .hasMessageStartingWith("status.allowed_hosts[0]: 'http://edge01/' is not a host name");
        assertThatThrownBy(() -> parse("lines:", "status: { max_wrong_tokens: 0 }\nlines:"))
                .hasMessageStartingWith("status.max_wrong_tokens: must be between 1 and 1000, got 0");
        EdgeConfig ok = parse("lines:", "status: { allowed_hosts: [edge01, edge01.factory.local], "
                + "max_wrong_tokens: 10 }\nlines:");
        assertThat(ok.status().allowedHosts()).containsExactly("edge01", "edge01.factory.local");
        assertThat(ok.status().maxWrongTokens()).isEqualTo(10);
    }

    @Test
    void mappingErrorsCarryNoParserInternals() {
        assertThatThrownBy(() -> parse("plc: { port: 7001,", "plc: { port: [1, 2],"))
                .hasMessageStartingWith("lines[0].plc.port: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("[Source", "java.", "Exception"));
    }

    @Test
    void aKeyFileMustExistAndHoldSixteenCharacters(@TempDir Path dir) throws Exception {
        EdgeConfig c = ConfigLoader.parse(ConfigLoaderTest.GOOD, dir);
        assertThatThrownBy(() -> ConfigFiles.requireReadable(c))
                .hasMessage("applications[0].key_file: " + dir.resolve("keys/app.key") + " does not exist");
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/app.key"), "0123456789abcde\n");
        assertThatThrownBy(() -> ConfigFiles.requireReadable(c))
                .hasMessage("applications[0].key_file: " + dir.resolve("keys/app.key")
                        + " must hold the 16-character AES key of the application, found 15 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("0123456789abcde"));
        Files.writeString(dir.resolve("keys/app.key"), "0123456789abcdef\n");
        assertThatCode(() -> ConfigFiles.requireReadable(c)).doesNotThrowAnyException();
    }

    @Test
    void secretAndTokenFilesMustExistAndNotBeEmpty(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/app.key"), "0123456789abcdef");
        String yaml = ConfigLoaderTest.GOOD + """
                upstream: { appid: wxAPP, secret_file: wechat.secret }
                status: { token_file: status.token }
                """;
        EdgeConfig c = ConfigLoader.parse(yaml, dir);
        assertThatThrownBy(() -> ConfigFiles.requireReadable(c))
                .hasMessage("upstream.secret_file: " + dir.resolve("wechat.secret") + " does not exist");
        Files.writeString(dir.resolve("wechat.secret"), "s3cret");
        assertThatThrownBy(() -> ConfigFiles.requireReadable(c))
                .hasMessage("status.token_file: " + dir.resolve("status.token") + " does not exist");
        Files.writeString(dir.resolve("status.token"), "  \n");
        assertThatThrownBy(() -> ConfigFiles.requireReadable(c))
                .hasMessage("status.token_file: " + dir.resolve("status.token") + " is empty");
        Files.writeString(dir.resolve("status.token"), "t0ken");
        assertThatCode(() -> ConfigFiles.requireReadable(c)).doesNotThrowAnyException();
    }
}
