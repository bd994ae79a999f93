package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import io.yima.edge.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem of a config at once, port clashes and privileged ports before anything opens, tabs where they are. */
class ConfigProblemsTest {

    private static final String LINE = """
              - id: L1
                application: 581865877
                printer: { uri: "tcp://127.0.0.1:9100" }
                scanner: { uri: "tcp://127.0.0.1:9004" }
                plc: { port: 7001 }
            """;

    @Test
    void everyProblemIsReportedAtOnceEachWithLineAndColumn() {
        String yaml = """
                vault: { path: vault.db }
                applications: [ { id: 581865877 } ]
                status:
                  port: 70000
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcpp://127.0.0.1:9100" }
                    scanner: { uri: "tcp://127.0.0.1:9004" }
                    plc: { port: 7001 }
                  - id: L2
                    application: 42
                    printer: { uri: "tcp://127.0.0.1:9101" }
                    scanner: { uri: "tcp://127.0.0.1:9005" }
                    plc: { port: 7002 }
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Path.of("/etc/yima-edge")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("the config has 3 problems:\n")
                .hasMessageContaining("  status.port: must be between 0 and 65535, got 70000 (line 4, column 3)")
                .hasMessageContaining("  lines[0].printer.uri: unsupported scheme 'tcpp' (use serial, tcp) (line 8, column 16)")
                .hasMessageContaining("  lines[1].application: application 42 is not listed under applications (line 12, column 5)");
    }

    @Test
    void oneProblemStaysOneLine() {
        String yaml = "vault: { path: vault.db }\napplications: [ { id: 581865877 } ]\nstatus: { port: 70000 }\n";
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Path.of("/tmp")))
                .hasMessage("status.port: must be between 0 and 65535, got 70000 (line 3, column 11)");
    }

    @Test
    void twoSectionsOnOnePortAreRefusedNamingBoth() {
        String yaml = "vault: { path: vault.db }\napplications: [ { id: 581865877 } ]\nstatus: { port: 7001 }\n"
                + "lines:\n" + LINE;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Path.of("/tmp")))
                .hasMessage("lines[0].plc.port: port 7001 is also status.port; each listening port needs a number"
                        + " of its own (line 9, column 12)");
        String apart = "vault: { path: vault.db }\napplications: [ { id: 581865877 } ]\n"
                + "status: { bind: 127.0.0.2, port: 7001 }\nlines:\n" + LINE;
        assertThat(ConfigLoader.parse(apart, Path.of("/tmp")).lines()).hasSize(1);
    }

    @Test
    void twoLinesOnOnePlcPortAreRefusedOnceWhateverTheirAddresses() {
        String yaml = "vault: { path: vault.db }\napplications: [ { id: 581865877 } ]\nlines:\n" + LINE
                + LINE.replace("L1", "L2").replace("9100", "9101").replace("9004", "9005")
                        .replace("plc: { port: 7001 }", "plc: { bind: 10.0.0.5, port: 7001 }");
        // the one port check (ListenPorts) names it once, in the words the line check used
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Path.of("/tmp")))
                .hasMessage("lines[1].plc.port: port 7001 is used by another line (line 13, column 28)");
    }

    @Test
    void aPrivilegedPortWithoutTheCapabilityNamesTheCapabilityWithLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge.yaml");
        Files.writeString(file, "vault: { path: vault.db }\napplications: [ { id: 581865877 } ]\n"
                + "status: { port: 80 }\nlines:\n" + LINE.replace("plc: { port: 7001 }",
                "plc: { port: 7001 }\n    modbus: { mode: server }"));
        EdgeConfig c = ConfigLoader.load(file);
        ListenPorts.Privilege plain = new ListenPorts.Privilege(false, false, 1024);
        assertThatThrownBy(() -> ConfigLoader.requireListenable(file, c, plain))
                .hasMessageStartingWith("the config has 2 problems:")
                .hasMessageContaining("status.port: port 80 is below 1024 and this process is not root and lacks the"
                        + " capability CAP_NET_BIND_SERVICE")
                .hasMessageContaining("(line 3, column 11)")
                .hasMessageContaining("lines[0].modbus.port: port 502 is below 1024")
                .hasMessageNotContaining("another program");
        ConfigLoader.requireListenable(file, c, new ListenPorts.Privilege(false, true, 1024));
        ConfigLoader.requireListenable(file, c, new ListenPorts.Privilege(true, false, 1024));
        ConfigLoader.requireListenable(file, c, new ListenPorts.Privilege(false, false, 80));
    }

    @Test
    void aTabPointsAtItsOwnLine() {
        String yaml = "vault: { path: vault.db }\napplications: [ { id: 581865877 } ]\nstatus:\n  port: 8080\n"
                + "\tbind: 127.0.0.1\n";
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Path.of("/tmp")))
                .hasMessageStartingWith("config: not valid YAML at line 5, column 1:")
                .hasMessageContaining("TAB");
    }
}
