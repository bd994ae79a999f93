package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.CliFailureHandler;
import io.yima.cli.StatusCommand;
import io.yima.cli.YimaEdge;
import io.yima.common.ExportView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code yima-edge status} against a real status port on 127.0.0.1 (ephemeral port). */
class StatusCommandIT {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = YimaEdge.commandLine();
        return execute(cli, args);
    }

    /** The command as a shell with {@code env} would run it (LANG, LC_ALL, COLUMNS). */
    private static Run runWith(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new StatusCommand(env));
        cli.setExecutionExceptionHandler(new CliFailureHandler());
        return execute(cli, args);
    }

    private static Run execute(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void printsLinesDevicesJobVaultAndOutbox(@TempDir Path dir) {
        try (StatusPort port = StatusPort.withToken(dir)) {
            port.line.printer = StatusSnapshot.Link.fault("head open");
            port.line.printed = 1234;
            port.line.rejected = 3;
            port.line.available = 9_000;
            Run r = run("status", "--lang", "en", "--url", port.url(""));
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.out)
                    .contains("Yima Edge 0.1.0-test  up 1h 02m")
                    .contains("Line L1  print-verify  RUNNING")
                    .contains("printer fault: print head open")
                    .contains("Job J-1  SKU SKU-42  batch B-7")
                    .contains("printed 1,234 / of 1,000")
                    .contains("rejects:  no read 3")
                    .contains("application 7:  available 9,000 / of 100,000  LOW STOCK")
                    .contains("pending 2  queued 1  activated 30  failed 1")
                    .contains("waiting until 2026-11-26T15:00:00Z")
                    .contains("MQTT export:  off")
                    .doesNotContain(FakeLine.AES_KEY).doesNotContain(StatusPort.TOKEN)
                    .doesNotContain("NO_READ").doesNotContain("[");
        }
    }

    @Test
    void chineseWhenLangSaysZhAndLcAllWins(@TempDir Path dir) {
        try (StatusPort port = StatusPort.withToken(dir)) {
            port.line.rejected = 2;
            port.line.printer = StatusSnapshot.Link.fault("[PAPER_OUT, HEAD_OPEN]");
            Run zh = runWith(Map.of("LANG", "zh_CN.UTF-8"), "--url", port.url(""));
            assertThat(zh.exit).as(zh.err).isZero();
            assertThat(zh.out).contains("已运行 1 小时 02 分").contains("产线 L1").contains("运行中").contains("打印机 故障：缺纸、打印头打开")
                    .contains("工单 J-1").contains("已打印").contains("剔除原因：  未读到码 2")
                    .contains("码库库存").contains("激活队列").doesNotContain("PAPER_OUT").doesNotContain("NO_READ");
            Run en = runWith(Map.of("LANG", "zh_CN.UTF-8", "LC_ALL", "en_US.UTF-8"), "--url", port.url(""));
            assertThat(en.out).contains("Line L1").doesNotContain("产线");
            Run forced = runWith(Map.of("LANG", "en_US.UTF-8"), "--lang", "zh", "--url", port.url(""));
            assertThat(forced.out).contains("产线 L1");
        }
    }

    @Test
    void fitsEightyColumnsWithoutBreakingAWord(@TempDir Path dir) {
        String reason = "connection refused by tcp://printer-hall-3-north.factory.example:9100 after 12 attempts"
                + " over the last minute while the line waited";
        try (StatusPort port = StatusPort.withToken(dir)) {
            port.line.printer = StatusSnapshot.Link.offline(reason.replace("connection refused", "lost link"));
            port.line.stale = 498;
            port.line.export = new ExportView("tcp://broker.factory.example:1883", "disconnected",
                    "connection refused by the broker at tcp://broker.factory.example:1883", 12_345, 734,
                    1000, 500, "backlog 12,345 events over the alarm of 10,000 for 12 min");
            for (String lang : new String[] {"en", "zh"}) {
                Run r = runWith(Map.of(), "--lang", lang, "--url", port.url(""));
                assertThat(r.exit).as(r.err).isZero();
                for (String line : r.out.split("\\R")) {
                    assertThat(TerminalLines.columns(line)).as(line).isLessThanOrEqualTo(80);
                }
                // words are what lies between spaces (and after the Chinese colon that introduces a reason)
                String flowed = String.join(" ", r.out.split("[\\s：]+"));
                for (String word : "lost link by tcp://printer-hall-3-north.factory.example:9100 after 12 attempts"
                        .split(" ")) {
                    assertThat(Arrays.asList(flowed.split(" "))).as(lang + ": " + word + " whole").contains(word);
                }
                assertThat(r.out).contains("498").contains("12,345");
            }
            Run en = runWith(Map.of(), "--lang", "en", "--url", port.url(""));
            assertThat(en.out).contains("stale triggers 498").contains("must be re-run or kicked out")
                    .contains("MQTT export:  disconnected  backlog 12,345  oldest waiting 12 min");
            Run zh = runWith(Map.of(), "--lang", "zh", "--url", port.url(""));
            // Chinese wraps between characters (no spaces to wrap at); joined again it reads whole
            assertThat(zh.out.replaceAll("\\R +", "")).contains("触发过期 498").contains("必须重新过线或剔除")
                    .contains("积压 12,345");
        }
    }

    @Test
    void exitCodeIsOneWhileALineIsInFaultAndZeroAgainAfter(@TempDir Path dir) {
        try (StatusPort port = StatusPort.withToken(dir)) {
            port.line.state = StatusSnapshot.LineState.FAULT;
            Run fault = run("status", "--url", port.url(""));
            assertThat(fault.exit).isEqualTo(1);
            assertThat(fault.out).contains("FAULT");
            port.line.state = StatusSnapshot.LineState.PAUSED;
            assertThat(run("status", "--url", port.url("")).exit).isZero();
        }
    }

    @Test
    void anUnreachableEdgeIsOneClearLineAndExitTwo() throws Exception {
        int free = freePort();
        Run r = run("status", "--lang", "en", "--url", "http://127.0.0.1:" + free);
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).startsWith("error: cannot reach the status port at http://127.0.0.1:" + free);
        assertThat(r.err.lines()).hasSize(1);
    }

    @Test
    void watchRefreshesUntilTheCountAndEndsWithAVerdict(@TempDir Path dir) throws Exception {
        try (StatusPort port = StatusPort.withToken(dir)) {
            Run r = run("status", "--lang", "en", "--watch", "1", "--count", "2", "--url", port.url(""));
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.out.split("Line L1  print-verify", -1)).hasSize(3);
            assertThat(r.out.trim()).endsWith("Result: OK");
        }
        int free = freePort();
        Run gone = run("status", "--lang", "en", "--watch", "--count", "1", "--url", "127.0.0.1:" + free);
        assertThat(gone.exit).isEqualTo(2);
        assertThat(gone.out).contains("cannot reach the status port").contains("Result: stale data");
    }

    @Test
    void configFileGivesThePort(@TempDir Path dir) throws Exception {
        try (StatusPort port = StatusPort.withToken(dir)) {
            Files.writeString(dir.resolve("edge.yaml"), """
                    vault: { path: vault.db }
                    applications: [ { id: 581865877, key_file: keys/app.key } ]
                    status: { bind: 0.0.0.0, port: %d }
                    lines:
                      - id: L1
                        application: 581865877
                        mode: STREAM
                        printer: { uri: "tcp://127.0.0.1:9100", language: zpl }
                        label: { width_mm: 30, height_mm: 20, dpi: 300, symbol: QR, size_mm: 10 }
                        scanner: { uri: "tcp://127.0.0.1:9004" }
                        plc: { port: 7001, heartbeat: 2s }
                    """.formatted(port.server.port()));
            Run r = run("status", "--lang", "en", "--config", dir.resolve("edge.yaml").toString());
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.out).contains("Line L1  print-verify");
        }
        Run missing = run("status", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("nope.yaml: no such file");
    }

    @Test
    void hostAndPortWithoutSchemeReachTheSamePort(@TempDir Path dir) {
        try (StatusPort port = StatusPort.withToken(dir)) {
            String hostPort = port.url("").replaceFirst("^http://", "").replaceFirst("/$", "");
            Run r = run("status", "--lang", "en", "--url", hostPort);
            assertThat(r.exit).as(r.err).isZero();
            assertThat(r.out).contains("Line L1  print-verify");
        }
    }

    @Test
    void aMalformedUrlIsOneClearLineWithAnExample() {
        Run r = run("status", "--url", "ftp://x:1");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).startsWith("error: --url 'ftp://x:1' is not a status port address").contains("127.0.0.1:8080");
        assertThat(r.err.lines()).hasSize(1);
    }
}
