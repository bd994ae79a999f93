package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.YimaEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandIT {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = YimaEdge.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsLinesDevicesJobVaultAndOutbox(@TempDir Path dir) {
        try (StatusPort port = StatusPort.withToken(dir)) {
            port.line.printer = StatusSnapshot.Link.fault("head open");
            port.line.printed = 1234;
            port.line.rejected = 3;
            port.line.available = 9_000;
            Run r = run("status", "--url", port.url(""));
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.out)
                    .contains("Yima Edge 0.1.0-test, up 1h 02m")
                    .contains("Line L1 (print-verify)  RUNNING")
                    .contains("printer FAULT (head open)")
                    .contains("job J-1  SKU SKU-42  batch B-7  printed 1,234")
                    .contains("rejects NO_READ 3")
                    .contains("application 7: 9,000 available of 100,000  LOW STOCK")
                    .contains("pending 2, queued 1, activated 30, failed 1")
                    .contains("waiting until 2026-11-26T15:00:00Z")
                    .doesNotContain(FakeLine.AES_KEY).doesNotContain(StatusPort.TOKEN);
        }
    }

    @Test
    void anUnreachableEdgeIsOneClearLine() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Run r = run("status", "--url", "http://127.0.0.1:" + free);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).startsWith("error: cannot reach the status port at http://127.0.0.1:" + free);
        assertThat(r.err.lines()).hasSize(1);
    }

    @Test
    void hostAndPortWithoutSchemeReachTheSamePort(@TempDir Path dir) {
        try (StatusPort port = StatusPort.withToken(dir)) {
            String hostPort = port.url("").replaceFirst("^http://", "").replaceFirst("/$", "");
            Run r = run("status", "--url", hostPort);
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.out).contains("Line L1 (print-verify)");
        }
    }

    @Test
    void aMalformedUrlIsOneClearLineWithAnExample() {
        Run r = run("status", "--url", "ftp://x:1");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).startsWith("error: --url 'ftp://x:1' is not a status port address").contains("127.0.0.1:8080");
        assertThat(r.err.lines()).hasSize(1);
    }
}
