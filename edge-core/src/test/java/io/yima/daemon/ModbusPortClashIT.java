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

/** A Modbus server port another program holds: the edge refuses to start with one line naming the field. */
class ModbusPortClashIT {

    @Test
    void aModbusPortInUseNamesTheLinesModbusField(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String yaml = """
                    vault: { path: vault.db }
                    applications: [ { id: 581865877 } ]
                    status: { port: 0 }
                    lines:
                      - id: L1
                        application: 581865877
                        printer: { uri: "tcp://127.0.0.1:9" }
                        scanner: { uri: "tcp://127.0.0.1:9" }
                        plc: { port: 0 }
                        modbus: { mode: server, port: %d }
                    """.formatted(taken.getLocalPort());
            Path config = Files.writeString(dir.resolve("edge.yaml"), yaml);
            assertThat(YimaEdge.commandLine().execute("vault", "init", "--vault", dir.resolve("vault.db").toString()))
                    .isZero();
            CommandLine cli = YimaEdge.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));

            assertThat(cli.execute("run", "--config", config.toString())).isEqualTo(1);

            assertThat(err.toString()).startsWith("error: lines[0].modbus.port: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + " (address already in use)").doesNotContain("Exception");
            assertThat(err.toString().lines()).hasSize(1);
        }
    }
}
