package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.YimaEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `run` against a port another program holds: one line naming the field, the address and the port. */
class PortClashIT {
    private static String config(Path dir, int plcPort, int statusPort) throws Exception {
        String yaml = """
                vault: { path: vault.db }
                applications: [ { id: 581865877 } ]
                status: { port: %d }
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcp://127.0.0.1:9" }
                    scanner: { uri: "tcp://127.0.0.1:9" }
                    plc: { port: %d }
                """.formatted(statusPort, plcPort);
        // run never creates a vault: the site makes one first
        assertThat(YimaEdge.commandLine().execute("vault", "init", "--vault", dir.resolve("vault.db").toString()))
                .isZero();
        return Files.writeString(dir.resolve("edge.yaml"), yaml).toString();
    }

    private static String run(String config) {
        CommandLine cli = YimaEdge.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("run", "--config", config);
        assertThat(exit).isEqualTo(1);
        return err.toString();
    }

    @Test
    void aPlcPortInUseNamesTheLinesFieldAndPort(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String err = run(config(dir, taken.getLocalPort(), 0));
            assertThat(err).startsWith("error: lines[0].plc.port: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (address already in use)").doesNotContain("Exception");
            assertThat(err.lines()).hasSize(1);
        }
    }

    @Test
    void aStatusPortInUseNamesTheStatusField(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String err = run(config(dir, 0, taken.getLocalPort()));
            assertThat(err).startsWith("error: status.port: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("Exception");
        }
    }
}
