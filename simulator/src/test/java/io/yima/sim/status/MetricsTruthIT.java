package io.yima.sim.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.line.LineObserver;
import io.yima.ops.BuildInfo;
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
import io.yima.sim.wechat.Fault;
import io.yima.sim.wechat.WechatEmulator;
import io.yima.vault.CodeState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's "metrics that tell the truth": every metric is read off a running daemon's /metrics while a real
 * line runs on the emulators, and compared with what the PLC was told and what WeChat received. Also checks that
 * every metric the operations guide documents and every metric the shipped Grafana dashboard queries exists.
 */
class MetricsTruthIT {
    private static final long APP = 581865877L;
    private static final int BLOCK = 8;
    private static final int ITEMS = 20;
    private static final Pattern SAMPLE = Pattern.compile("(?m)^(yima_[a-z_]+)(?:\\{([^}]*)})? (\\S+)$");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void everyCounterAndGaugeMovesWithTheLineTheVaultAndTheUpstream() throws Exception {
        Path vaultFile = dir.resolve("vault.db");
        VaultSeed.importForged(vaultFile, APP, 2000, dir);
        Path secret = Files.writeString(dir.resolve("wechat.secret"), "rig-secret", StandardCharsets.UTF_8);
        InetAddress lo = InetAddress.getLoopbackAddress();
        Conveyor conveyor = new Conveyor();
        List<PlcFrame> events = new CopyOnWriteArrayList<>();
        try (WechatEmulator wechat = new WechatEmulator(WechatEmulator.Settings.forTests(VaultSeed.KEY)).start()
                     .adoptApplication(APP, 2000);
             LabelLog record = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
             PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, lo, 0, record, conveyor, null)
                     .start();
             ScannerEmulator scanner = new ScannerEmulator(ReaderStyle.KEYENCE, conveyor,
                     new ScannerFaults(7).noReadRate(0.25), null, false, 0).listen(lo, 0).start()) {
            Path config = new EdgeYaml(vaultFile, APP).reserveBlock(BLOCK).upstream(wechat.baseUrl(), secret)
                    .line(new EdgeYaml.Line("L1", printer.port(), scanner.port(), freePort(), "TRIGGERED"))
                    .write(dir.resolve("edge.yaml"));
            try (EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(config), LineObserver.NONE);
                 PlcConversation plc = new PlcConversation("127.0.0.1", edge.plcPort("L1"), "PLC-M", 2000,
                         events::add)) {
                int port = edge.statusPort();
                plc.open(5000);
                // Job 1: labels, binds, no-read rejects, then close; its bound codes are activated upstream.
                assertThat(plc.call(5000, "START", "J1", "SKU-1", "B-1", Integer.toString(ITEMS), "symbol=QR")
                        .command()).isEqualTo("ACK");
                assertThat(metric(scrape(port), "yima_line_state", "line=\"L1\",state=\"RUNNING\"")).isEqualTo(1);
                for (int i = 1; i <= ITEMS; i++) {
                    assertThat(plc.call(5000, "PRINT", "j1-" + i).command()).isEqualTo("ACK");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> count(events, "OK") + count(events, "REJECT") == ITEMS);
                // the open job's account: exists while the job is open, and says what the PLC was told
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    String open = scrape(port);
                    assertThat(metric(open, "yima_job_labels_printed", "line=\"L1\"")).isEqualTo(ITEMS);
                    assertThat(metric(open, "yima_job_codes", "line=\"L1\",state=\"bound\""))
                            .isEqualTo(count(events, "OK"));
                    assertThat(metric(open, "yima_job_codes", "line=\"L1\",state=\"rejected\""))
                            .isEqualTo(count(events, "REJECT"));
                    // voided codes are listed by reason, so that gauge has no sample until the job voids a code
                    assertThat(sampleNames(open)).as("the open job's account, documented in docs/operations.md")
                            .containsAll(documentedMetrics().stream().filter(n -> n.startsWith("yima_job_"))
                                    .filter(n -> !n.equals("yima_job_voided_codes")).toList());
                    assertThat(metric(open, "yima_job_codes", "line=\"L1\",state=\"voided\"")).isZero();
                });
                assertThat(plc.call(5000, "CLOSE").command()).isEqualTo("ACK");
                long bound = count(events, "OK");
                await().atMost(Duration.ofSeconds(30)).until(() -> activated(wechat) == bound);

                String m = scrape(port);
                long printed = count(events, "PRINTED");
                assertThat(printed).isEqualTo(ITEMS);
                assertThat(metric(m, "yima_labels_printed_total", "line=\"L1\"")).isEqualTo(printed);
                assertThat(metric(m, "yima_codes_bound_total", "line=\"L1\"")).isEqualTo(bound);
                long noReads = events.stream().filter(e -> e.command().equals("REJECT")
                        && e.fields().get(3).equals("NO_READ")).count();
                assertThat(noReads).as("the scanner's 25 %% no-reads").isPositive();
                assertThat(metric(m, "yima_rejects_total", "line=\"L1\",reason=\"NO_READ\"")).isEqualTo(noReads);
                // codes come from the vault in committed blocks of BLOCK: one block per BLOCK labels, rounded up, and
                // at most one more, reserved ahead when between a quarter and a half of a block was left
                long reserved = metric(m, "yima_codes_reserved_total", "line=\"L1\"");
                long needed = (printed + BLOCK - 1) / BLOCK * BLOCK;
                assertThat(reserved % BLOCK).as("whole blocks: %d", reserved).isZero();
                assertThat(reserved).isBetween(needed, needed + BLOCK);
                // WeChat has the ranges; the edge counts them once their outcome is committed, and the outbox
                // gauges come from the backlog the daemon re-reads every 2 s
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    String o = scrape(port);
                    assertThat(metric(o, "yima_codes_activated_total", "")).isEqualTo(bound);
                    assertThat(metric(o, "yima_outbox_codes", "state=\"activated\"")).isEqualTo(bound);
                    assertThat(metric(o, "yima_outbox_ranges", "state=\"activated\""))
                            .isEqualTo(wechat.activations().size()).isLessThan(bound);
                });
                assertThat(metric(m, "yima_upstream_quota_waits_total", "")).isZero();
                assertThat(metric(m, "yima_line_state", "line=\"L1\",state=\"IDLE\"")).isEqualTo(1);
                assertThat(metric(m, "yima_line_state", "line=\"L1\",state=\"RUNNING\"")).isZero();
                assertThat(metric(m, "yima_device_up", "device=\"printer\",line=\"L1\"")).as(m).isEqualTo(1);
                // stock is re-read every 2 s: wait for the read after the close returned the unused block
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        metric(scrape(port), "yima_vault_available_codes", "application=\"" + APP + "\""))
                        .isEqualTo(edge.vault().stats().applications().get(0).states().get(CodeState.AVAILABLE)));
                assertThat(metric(m, "yima_trigger_to_print_seconds_count", "line=\"L1\"")).isEqualTo(printed);
                assertThat(metric(m, "yima_trigger_to_result_seconds_count", "line=\"L1\"")).isEqualTo(ITEMS);
                assertThat(m).contains("yima_build_info{java=\"" + System.getProperty("java.version")
                        + "\",version=\"" + BuildInfo.current().version() + "\"} 1");
                assertThat(BuildInfo.current().version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");

                // Job 2: WeChat answers the daily quota errcode; the range waits in the outbox, counted as a range.
                wechat.faults().next(Fault.QUOTA_DAY, 3);
                assertThat(plc.call(5000, "START", "J2", "SKU-1", "B-2", "6", "symbol=QR").command())
                        .isEqualTo("ACK");
                events.clear();
                for (int i = 1; i <= 6; i++) {
                    assertThat(plc.call(5000, "PRINT", "j2-" + i).command()).isEqualTo("ACK");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> count(events, "OK") + count(events, "REJECT") == 6);
                assertThat(plc.call(5000, "CLOSE").command()).isEqualTo("ACK");
                long bound2 = count(events, "OK");
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        metric(scrape(port), "yima_upstream_quota_waits_total", "") == 1);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    String q = scrape(port);
                    assertThat(metric(q, "yima_outbox_codes", "state=\"queued\"")).isEqualTo(bound2);
                    assertThat(metric(q, "yima_outbox_ranges", "state=\"queued\"")).isBetween(1L, bound2);
                    assertThat(metric(q, "yima_codes_voided_total", "line=\"L1\"")).isEqualTo(
                            edge.vault().stats().applications().get(0).states().get(CodeState.VOIDED));
                });
                assertThat(activated(wechat)).as("nothing activated past the quota answer").isEqualTo(bound);

                // The port's refusals: a second PLC while this one holds the line, and a frame before HELLO.
                try (java.net.Socket second = new java.net.Socket(lo, edge.plcPort("L1"))) {
                    second.setSoTimeout(5000);
                    second.getOutputStream().write("HELLO,1,1,PLC-OTHER\r\n".getBytes(StandardCharsets.US_ASCII));
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(second.getInputStream(),
                            StandardCharsets.US_ASCII));
                    assertThat(in.readLine()).startsWith("NAK,1,IN_USE");
                }
                try (java.net.Socket third = new java.net.Socket(lo, edge.plcPort("L1"))) {
                    third.setSoTimeout(5000);
                    third.getOutputStream().write("PRINT,7,item-x\r\n".getBytes(StandardCharsets.US_ASCII));
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(third.getInputStream(),
                            StandardCharsets.US_ASCII));
                    assertThat(in.readLine()).startsWith("NAK,7,NO_HELLO");
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    String r = scrape(port);
                    assertThat(metric(r, "yima_connections_refused_total", "port=\"plc:L1\",reason=\"in_use\""))
                            .isEqualTo(1);
                    assertThat(metric(r, "yima_requests_refused_total", "port=\"plc:L1\",reason=\"NO_HELLO\""))
                            .isEqualTo(1);
                });
                // the open job's account (yima_job_*) exists only while a job is open: checked during job 1 above
                assertThat(documentedMetrics()).isNotEmpty().filteredOn(name -> !name.startsWith("yima_job_"))
                        .allSatisfy(name ->
                        assertThat(sampleNames(scrape(port))).as("documented in docs/operations.md").contains(name));
                // export metrics exist only with export on: ExportBacklogAlarmIT checks those on such an edge
                assertThat(dashboardMetrics()).hasSizeGreaterThan(10).filteredOn(name -> !name.startsWith("yima_export_") && !name.startsWith("yima_job_"))
                        .allSatisfy(name ->
                        assertThat(sampleNames(scrape(port))).as("queried by docs/grafana/yima-edge.json")
                                .contains(name));
            }
        }
    }

    private String scrape(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The sample's value (0 when the series is absent); {@code labels} exactly as exposed, in label-name order. */
    private static long metric(String scrape, String name, String labels) {
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            if (m.group(1).equals(name) && (m.group(2) == null ? "" : m.group(2)).equals(labels)) {
                return Math.round(Double.parseDouble(m.group(3)));
            }
        }
        return 0;
    }

    private static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> documentedMetrics() throws Exception {
        String ops = Files.readString(repo().resolve("docs/operations.md"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `(yima_[a-z_]+)` \\| (counter|gauge|histogram)").matcher(ops);
        while (m.find()) {
            names.add(m.group(2).equals("histogram") ? m.group(1) + "_count" : m.group(1));
        }
        return names;
    }

    private static Set<String> dashboardMetrics() throws Exception {
        var root = new ObjectMapper().readTree(repo().resolve("docs/grafana/yima-edge.json").toFile());
        Set<String> names = new TreeSet<>();
        for (var panel : root.path("panels")) {
            for (var target : panel.path("targets")) {
                Matcher m = Pattern.compile("yima_[a-z_]+").matcher(target.path("expr").asText());
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("docs/operations.md"))) {
            p = p.getParent();
        }
        return p;
    }

    private static long activated(WechatEmulator wechat) {
        return wechat.activations().stream().mapToLong(r -> r.codeEnd() - r.codeStart() + 1).sum();
    }

    private static long count(List<PlcFrame> events, String kind) {
        return events.stream().filter(e -> e.command().equals(kind)).count();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
