package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeYaml;
import io.yima.sim.rig.VaultSeed;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash torture: the edge runs as its own process and is killed with SIGKILL at random moments while labels
 * flow, then restarted on the same vault; the PLC resumes the job. The printer emulator's record of every label
 * it received lives in this JVM, outside the edge, and is the ground truth: no code may be printed twice, and
 * every printed code must end BOUND, REJECTED or VOIDED. {@code -Dtorture.trials=N} (default 10) and
 * {@code -Dtorture.seed=S} change the run.
 */
class CrashTortureIT {
    private static final long APP = 581865877L;
    private static final int QUANTITY = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheEdgeNeverPrintsACodeTwiceAndAccountsForEveryLabel() throws Exception {
        int trials = Integer.getInteger("torture.trials", 10);
        Random rng = new Random(Long.getLong("torture.seed", 20261126L));
        Path vaultFile = dir.resolve("vault.db");
        VaultSeed.importForged(vaultFile, APP, Math.max(10_000, trials * 1_000), dir);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Conveyor belt = new Conveyor();
        Path printed = dir.resolve("printed.jsonl");
        int plcPort = freePort();
        List<String> jobs = new ArrayList<>();
        List<String> crashes = new ArrayList<>();
        ExecutorService driver = Executors.newSingleThreadExecutor();

        try (LabelLog record = new LabelLog(new LabelDecoder()::text, printed);
             PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, loopback, 0, record, belt,
                     null).start();
             ScannerEmulator scanner = new ScannerEmulator(ReaderStyle.KEYENCE, belt, new ScannerFaults(1), null,
                     false, 0).listen(loopback, 0).start()) {
            Path config = new EdgeYaml(vaultFile, APP)
                    .line(new EdgeYaml.Line("L1", printer.port(), scanner.port(), plcPort, "TRIGGERED"))
                    .write(dir.resolve("edge.yaml"));
            EdgeProcess edge = new EdgeProcess(config, dir.resolve("edge.log"), plcPort);
            edge.start();
            TorturePlc plc = new TorturePlc();
            try (PlcConversation conversation = new PlcConversation("127.0.0.1", plcPort, "PLC-TORTURE", 1000, plc)) {
                conversation.open(10_000);
                plc.attach(conversation);
                for (int t = 1; t <= trials; t++) {
                    String job = "TORTURE-" + t;
                    jobs.add(job);
                    long labelsBefore = printer.labelsPrinted();
                    Future<?> run = driver.submit(() -> {
                        plc.run(job, QUANTITY);
                        return null;
                    });
                    int kills = rng.nextInt(3) == 0 ? 2 : 1;
                    long threshold = labelsBefore;
                    for (int k = 0; k < kills; k++) {
                        threshold += 10 + rng.nextInt(QUANTITY / (kills + 1));
                        long at = threshold;
                        await("trial " + t + ": labels to reach " + at).atMost(Duration.ofSeconds(60))
                                .until(() -> printer.labelsPrinted() >= at || run.isDone());
                        if (run.isDone()) {
                            break;
                        }
                        edge.kill();
                        crashes.add(job + " after " + (printer.labelsPrinted() - labelsBefore) + " labels");
                        edge.start();
                    }
                    run.get(120, TimeUnit.SECONDS);
                    assertThat(plc.unexpected).as("PLC requests refused").isEmpty();
                    // Everything printed has been read and sent to the edge before the job closes.
                    await("trial " + t + ": belt empty").atMost(Duration.ofSeconds(30))
                            .until(() -> belt.size() == 0 && scanner.records().size() == printer.labelsPrinted()
                                    && printer.formatsBuffered() == 0);
                    assertThat(plc.requestAnswered("CLOSE")).as("CLOSE " + job).isEqualTo("ACK");
                    await("CLOSED " + job).atMost(Duration.ofSeconds(20)).until(() -> plc.closed(job) != null);
                    PlcFrame closed = plc.closed(job);
                    // CLOSED,ev,job,printed,bound,rejected,voided
                    long p = Long.parseLong(closed.field(3));
                    long b = Long.parseLong(closed.field(4));
                    long r = Long.parseLong(closed.field(5));
                    long v = Long.parseLong(closed.field(6));
                    assertThat(p).as(closed.encode()).isEqualTo(b + r + v);
                    assertThat(b).as("labels bound in " + job).isPositive();
                }
                assertThat(plc.resumes).as("START acknowledged as a resume after restarts").isGreaterThanOrEqualTo(
                        crashes.size() / 2);
            } finally {
                edge.kill(); // a last crash: what the vault holds now must stand on its own after recovery
                driver.shutdownNow();
            }
        }

        System.out.printf("crash torture: %d trials, %d SIGKILLs (%s), %d labels printed%n", trials, crashes.size(),
                crashes, Files.readAllLines(printed).size());
        List<String> reads = new ArrayList<>();
        for (String line : Files.readAllLines(printed)) {
            JsonNode n = JSON.readTree(line);
            reads.add(n.path("read").isNull() ? null : n.path("read").asText());
        }
        assertThat(reads).as("every label the printer received reads").doesNotContainNull();
        assertThat(reads).as("codes printed twice (crashes: %s)", crashes).doesNotHaveDuplicates();
        assertThat(crashes).as("crashes happened while labels flowed").hasSizeGreaterThanOrEqualTo(trials);

        try (CodeVault vault = CodeVault.open(vaultFile)) {
            vault.recover();
            Set<Long> printedIndexes = new HashSet<>();
            for (String read : reads) {
                CodeRecord c = vault.resolveRead(read).orElseThrow(() -> new AssertionError("not in vault: " + read));
                assertThat(c.state()).as("code %d (%s) printed", c.index(), read)
                        .isIn(CodeState.BOUND, CodeState.REJECTED, CodeState.VOIDED);
                assertThat(jobs).contains(c.jobId());
                printedIndexes.add(c.index());
            }
            var states = vault.stats().applications().get(0).states();
            assertThat(states.get(CodeState.RESERVED) + states.get(CodeState.SENT)).as("left RESERVED or SENT")
                    .isZero();
            for (String job : jobs) {
                JobReport r = vault.jobReport(job);
                assertThat(r.balanced()).as(job + " balanced").isTrue();
                assertThat(r.printed()).as(job).isEqualTo(r.bound() + r.rejected() + r.voidedAfterSent());
                // A code can only be bound if its label was printed and read.
                assertThat(printedIndexes).as("bound codes of " + job + " on printed labels")
                        .containsAll(r.indexes().get(CodeState.BOUND));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vaultFile);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
