package io.yima.sim.preprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.line.LineObserver;
import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.label.PrintedLabel;
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
import io.yima.sim.wechat.ActivatedRange;
import io.yima.sim.wechat.WechatEmulator;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PREPRINT mode on the real edge: labels are printed without goods, a later scan at packing binds each one, and
 * job close voids the pre-printed labels that never met goods. Ground truth is the printer emulator's record.
 */
class PreprintLineIT {
    private static final long APP = 581865877L;
    private static final int QUANTITY = 1000;
    private static final int PACKED = 990;

    @TempDir
    Path dir;

    @Test
    void preprintedLabelsAreBoundAtPackingAndTheUnusedOnesVoidedAtClose() throws Exception {
        Path vaultFile = dir.resolve("vault.db");
        VaultSeed.importForged(vaultFile, APP, 3000, dir);
        Path secret = Files.writeString(dir.resolve("wechat.secret"), "rig-secret", StandardCharsets.UTF_8);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Conveyor stack = new Conveyor(); // the pre-printed roll, waiting for goods
        Conveyor packing = new Conveyor(); // labels as the packer presents them to the scanner
        List<PlcFrame> events = new CopyOnWriteArrayList<>();

        try (WechatEmulator wechat = new WechatEmulator(WechatEmulator.Settings.forTests(VaultSeed.KEY)).start()
                     .adoptApplication(APP, 3000);
             LabelLog record = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
             PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, loopback, 0, record, stack,
                     null).start();
             ScannerEmulator scanner = new ScannerEmulator(ReaderStyle.KEYENCE, packing, new ScannerFaults(1), null,
                     false, 0).listen(loopback, 0).start()) {
            Path config = new EdgeYaml(vaultFile, APP).upstream(wechat.baseUrl(), secret)
                    .line(new EdgeYaml.Line("L1", printer.port(), scanner.port(), freePort(), "PREPRINT"))
                    .write(dir.resolve("edge.yaml"));
            EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(config), LineObserver.NONE);
            JobReport report;
            List<String> packedReads = new ArrayList<>();
            List<String> unpackedReads = new ArrayList<>();
            try (PlcConversation plc = new PlcConversation("127.0.0.1", edge.plcPort("L1"), "PLC-PACK", 2000,
                    events::add)) {
                plc.open(5000);
                PlcFrame started = plc.call(5000, "START", "PRE-1", "SKU-9", "B1", Integer.toString(QUANTITY),
                        "mode=PREPRINT", "symbol=QR");
                assertThat(started.command()).as(started.encode()).isEqualTo("ACK");

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(new long[] {
                        count(events, "PRINTED"), printer.labelsPrinted(), stack.size()})
                        .as("PRINTED events, labels printed, labels on the roll; edge: %s; frames: %s; replays %d",
                                edge.lines().get("L1").snapshot(), summary(plc.received()), plc.replays())
                        .containsExactly(QUANTITY, QUANTITY, QUANTITY));
                List<PrintedLabel> roll = new ArrayList<>();
                for (int i = 0; i < QUANTITY; i++) {
                    roll.add(stack.take(1, TimeUnit.SECONDS));
                }
                List<String> reads = record.reads();
                assertThat(reads).doesNotContainNull().doesNotHaveDuplicates().hasSize(QUANTITY);
                // The packer takes labels off the roll in no particular order and leaves ten unused.
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < QUANTITY; i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(42));
                for (int k = 0; k < QUANTITY; k++) {
                    int i = order.get(k);
                    (k < PACKED ? packedReads : unpackedReads).add(reads.get(i));
                    if (k < PACKED) {
                        packing.place(roll.get(i));
                    }
                }

                await().atMost(Duration.ofSeconds(90)).until(() -> count(events, "OK") + count(events, "REJECT")
                        >= PACKED);
                assertThat(count(events, "REJECT")).as("rejects at packing").isZero();
                assertThat(count(events, "OK")).isEqualTo(PACKED);
                assertThat(plc.call(5000, "CLOSE").command()).isEqualTo("ACK");
                await().atMost(Duration.ofSeconds(10)).until(() -> count(events, "CLOSED") == 1);
                PlcFrame closed = events.stream().filter(e -> e.command().equals("CLOSED")).findFirst().orElseThrow();
                // CLOSED,ev,job,printed,bound,rejected,voided
                assertThat(closed.fields().subList(2, 7)).containsExactly("PRE-1", "1000", "990", "0", "10");

                CodeVault live = edge.vault();
                Set<Long> boundIndexes = new TreeSet<>();
                for (String read : packedReads) {
                    CodeRecord c = live.resolveRead(read).orElseThrow();
                    assertThat(c.state()).as(read).isEqualTo(CodeState.BOUND);
                    assertThat(c.jobId()).isEqualTo("PRE-1");
                    assertThat(c.itemId()).startsWith("pack-");
                    boundIndexes.add(c.index());
                }
                for (String read : unpackedReads) {
                    CodeRecord c = live.resolveRead(read).orElseThrow();
                    assertThat(c.state()).as(read).isEqualTo(CodeState.VOIDED);
                    assertThat(c.reason()).isEqualTo("JOB_CLOSED");
                }
                report = live.jobReport("PRE-1");

                // Activation: exactly the bound codes, each once, in the fewest contiguous ranges.
                await().atMost(Duration.ofSeconds(30)).until(() -> activated(wechat) >= PACKED);
                List<ActivatedRange> ranges = wechat.activations();
                Set<Long> activated = new HashSet<>();
                for (ActivatedRange r : ranges) {
                    assertThat(r.applicationId()).isEqualTo(APP);
                    for (long i = r.codeStart(); i <= r.codeEnd(); i++) {
                        assertThat(activated.add(i)).as("index %d activated twice", i).isTrue();
                    }
                }
                assertThat(activated).isEqualTo(boundIndexes);
                assertThat(ranges).hasSize(runs(boundIndexes));
            } finally {
                edge.close();
            }

            assertThat(report.printed()).isEqualTo(QUANTITY);
            assertThat(report.bound()).isEqualTo(PACKED);
            assertThat(report.rejected()).isZero();
            assertThat(report.voidedAfterSent()).isEqualTo(QUANTITY - PACKED);
            assertThat(report.printed()).isEqualTo(report.bound() + report.rejected() + report.voidedAfterSent());
            assertThat(report.balanced()).isTrue();
            assertThat(record.size()).as("labels the printer printed").isEqualTo(QUANTITY);
        }
        try (CodeVault vault = CodeVault.open(vaultFile);
             java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + vaultFile);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
            var states = vault.stats().applications().get(0).states();
            assertThat(states.get(CodeState.RESERVED) + states.get(CodeState.SENT)).isZero();
            assertThat(states.get(CodeState.BOUND)).isEqualTo(PACKED);
        }
    }

    private static long count(List<PlcFrame> events, String kind) {
        return events.stream().filter(e -> e.command().equals(kind)).count();
    }

    private static String summary(List<PlcFrame> frames) {
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        StringBuilder hb = new StringBuilder();
        long previous = 0;
        StringBuilder outOfOrder = new StringBuilder();
        for (PlcFrame f : frames) {
            byKind.merge(f.command(), 1L, Long::sum);
            if (f.command().equals("HB")) {
                hb.append(f.number()).append(' ');
            } else if (!f.command().equals("ACK") && !f.command().equals("NAK")) {
                if (f.number() != previous + 1) {
                    outOfOrder.append(previous).append("->").append(f.number()).append(' ');
                }
                previous = f.number();
            }
        }
        return byKind + " HB at " + hb + " gaps " + outOfOrder;
    }

    private static long activated(WechatEmulator wechat) {
        return wechat.activations().stream().mapToLong(ActivatedRange::length).sum();
    }

    /** Maximal runs of consecutive indexes: the fewest ranges that cover exactly this set. */
    private static int runs(Set<Long> sorted) {
        int runs = 0;
        long previous = Long.MIN_VALUE;
        for (long i : sorted) {
            if (i != previous + 1) {
                runs++;
            }
            previous = i;
        }
        return runs;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
