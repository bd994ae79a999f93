package io.yima.sim.rig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineRigIT {
    @TempDir
    Path dir;

    @Test
    void aCleanRunAccountsForEveryItemAndRejectsEveryUnreadLabel() throws Exception {
        FakeEdge edge = new FakeEdge(-1);
        RigSpec spec = RigSpec.defaults(dir, 30, 60).withScannerFaults(0.2, 0.1, 0.1);

        RigReport r = new LineRig(spec, edge, null).activations(app -> java.util.List.of(new long[] {0, 9}))
                .run(dir.resolve("report.json"));

        assertThat(r.violations()).isEmpty();
        assertThat(r.items()).isEqualTo(30);
        assertThat(r.printed()).isEqualTo(30);
        assertThat(r.labelsPrinted()).isEqualTo(30);
        assertThat(r.bound() + r.rejectedByReason().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
        assertThat(r.rejectedByReason()).containsKey("NO_READ");
        assertThat(r.scannerInjections()).containsKeys("NO_READ", "NONE");
        assertThat(r.duplicatesPrinted()).isZero();
        assertThat(r.codesUnaccounted()).isZero();
        assertThat(r.voided()).isZero();
        assertThat(r.triggerToResult().count()).isEqualTo(30);
        assertThat(r.activatedRanges()).singleElement().isEqualTo(new long[] {0, 9});

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.path("duplicatesPrinted").asLong()).isZero();
        String config = Files.readString(edge.configSeen);
        assertThat(config).contains("vault:", "applications:", "581865877", "mode: \"TRIGGERED\"",
                "uri: \"tcp://127.0.0.1:", "language: \"zpl\"", "job_defaults:");
    }

    @Test
    void aRigWhoseVaultHasNoCodesIsRefusedBeforeItStartsAndForgeFillsIt() throws Exception {
        picocli.CommandLine cli = io.yima.sim.YimaSim.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int rc;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            rc = cli.execute("rig", "--items", "5", "--rate", "50", "--settle-ms", "2000",
                    "--work-dir", dir.toString());
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(java.nio.charset.StandardCharsets.UTF_8) + err;
        assertThat(rc).as(text).isEqualTo(2);
        assertThat(text).contains("holds 0 AVAILABLE codes of application 581865877, fewer than --items 5",
                "give --forge 10000");
        assertThat(text).doesNotContain("items at"); // refused before any device or edge started

        captured.reset();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            rc = cli.execute("rig", "--items", "5", "--rate", "50", "--settle-ms", "2000", "--forge", "10000",
                    "--work-dir", dir.toString());
        } finally {
            System.setOut(original);
        }
        text = captured.toString(java.nio.charset.StandardCharsets.UTF_8) + err;
        assertThat(rc).as(text).isZero();
        assertThat(text).contains("PASS  5 items: printed 5 = bound 5");
        assertThat(RigStock.available(dir.resolve("vault.db"), 581865877L)).isEqualTo(10_000 - 5);
    }

    @Test
    void anEdgeThatPrintsACodeTwiceIsCaught() throws Exception {
        RigSpec spec = RigSpec.defaults(dir, 6, 60).withSettleMillis(1000);

        RigReport r = new LineRig(spec, new FakeEdge(3), null).run(null);

        assertThat(r.duplicatesPrinted()).isEqualTo(1);
        assertThat(r.violations()).contains("1 codes printed on more than one label");
    }

    @Test
    void attachedToARunningEdgeTheRigTakesThePortsFromItsConfig() throws Exception {
        Path config = dir.resolve("running.yaml");
        int printerPort = freePort();
        int scannerPort = freePort();
        int plcPort = freePort();
        EdgeConfigFile.write(config, RigSpec.defaults(dir, 1, 1), printerPort, scannerPort, plcPort);
        FakeEdge running = new FakeEdge(-1);

        running.start(config);
        RigReport r = new LineRig(RigSpec.defaults(dir.resolve("attached"), 5, 50), EdgeUnderTest.attached(), config)
                .run(null);
        running.stop();

        assertThat(r.violations()).isEmpty();
        assertThat(r.bound()).isEqualTo(5);
    }

    @Test
    void anEdgeThatExitsAtStartIsReportedAtOnce() {
        EdgeUnderTest exited = new EdgeUnderTest() {
            @Override
            public void start(Path configFile) {
            }

            @Override
            public void stop() {
            }

            @Override
            public String ended() {
                return "the edge exited with code 2";
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new LineRig(RigSpec.defaults(dir, 1, 1), exited, null).run(null))
                .hasMessageContaining("the edge exited with code 2 before its PLC port");
    }

    @Test
    void theConfigFileRoundTripsTheEndpoints() throws Exception {
        Path config = dir.resolve("edge.yaml");
        EdgeConfigFile.write(config, RigSpec.defaults(dir, 1, 1), 9100, 9004, 7001);

        assertThat(EdgeConfigFile.read(config))
                .isEqualTo(new EdgeConfigFile.LineEndpoints("L1", 9100, "zpl", 9004, "127.0.0.1", 7001));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
