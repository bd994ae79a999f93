package io.yima.status;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.daemon.JobView;
import io.yima.export.MqttExport;
import io.yima.line.DeviceState;
import io.yima.line.ItemIssued;
import io.yima.line.JobAccount;
import io.yima.line.JobOrder;
import io.yima.line.LabelOutput;
import io.yima.line.LineSnapshot;
import io.yima.line.LineStatus;
import io.yima.line.ProductionLine;
import io.yima.line.RecoveredResults;
import io.yima.modbus.ModbusHandshake;
import io.yima.modbus.RegisterMap;
import io.yima.plc.PlcMessage;
import io.yima.plc.PlcSessionHandler;
import io.yima.vault.CodeVault;
import io.yima.vault.JobHistory;
import io.yima.vault.JobReport;
import io.yima.vault.TestPackages;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.awaitility.Awaitility;

/**
 * Issue 20, "one account, one place": random runs of a real line on a real SQLite vault — prints, reads that bind,
 * reads that reject (no read, a later label, a foreign or a duplicate code), printer faults that drop the labels
 * the printer held, vault faults, restarts (the vault recovered as the daemon recovers it), stops, closes (which
 * void the labels still awaiting their read) and new jobs — and after every step every surface reachable in
 * process shows the same figures as {@code job report} (the vault's {@link JobReport}): the line's account and
 * snapshot, the status page's job JSON, the job history row, the PLC's STATUS reply, the Modbus registers, the MQTT
 * export's retained line state and the metrics scraped as text. OPC UA's {@code Counters} are written from the
 * snapshot's counts (compared here); reading them needs a running server.
 */
class JobAccountProperties {
    private static final String LINE = "line-1";
    private static final int CODES = 80;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOREIGN = "P.URL.CN/NOT/IN/THE/VAULT00";

    enum Step { START, PRINT, READ_NEXT, READ_LATER, READ_LAST, NO_READ, FOREIGN_READ, DUPLICATE_READ, PRINTER_FAULT,
        PRINTER_BACK, VAULT_FAULT, RESTART, STOP, CLOSE }

    /** Prints and reads come more often than faults, restarts and closes. */
    private static final Step[] WEIGHTED = {Step.START, Step.PRINT, Step.PRINT, Step.PRINT, Step.PRINT,
        Step.READ_NEXT, Step.READ_NEXT, Step.READ_LATER, Step.NO_READ, Step.FOREIGN_READ, Step.DUPLICATE_READ,
        Step.PRINTER_FAULT, Step.PRINTER_BACK, Step.VAULT_FAULT, Step.RESTART, Step.STOP, Step.CLOSE,
        Step.READ_LAST};

    /** A printer whose sends succeed at once; it counts what it was handed, as a printer session does. */
    static final class Printer implements LabelOutput {
        int handed;

        @Override
        public synchronized CompletableFuture<Void> send(byte[] label) {
            handed++;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void askProgress() {
        }

        @Override
        public void cancelQueued() {
        }

        synchronized int handed() {
            return handed;
        }
    }

    /** One edge on one vault file: the line, its printer and its Modbus handshake. */
    static final class Edge implements AutoCloseable {
        final Path file;
        final LineConfig config;
        CodeVault vault;
        ProductionLine line;
        Printer printer;
        ModbusHandshake modbus;
        final EdgeMetrics metrics = new EdgeMetrics();

        Edge(Path dir) {
            file = dir.resolve("vault.db");
            vault = CodeVault.open(file);
            new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                    TestPackages.base64(TestPackages.text(TestPackages.lines(0, CODES))))));
            config = new LineConfig(LINE, APP, LineMode.TRIGGERED,
                    new LineConfig.Printer(null, null, null, null, null, null), null, null,
                    new LineConfig.Plc(null, null, null, null, null, null, null, Duration.ofMillis(300)),
                    new LineConfig.Verify(Duration.ofHours(1), 8), new LineConfig.Stream(3), null);
            metrics.observe(new StatusSource() {
                @Override
                public StatusSnapshot snapshot() {
                    LineSnapshot s = line.snapshot();
                    StatusSnapshot.Line view = new StatusSnapshot.Line(LINE, "TRIGGERED",
                            StatusSnapshot.LineState.RUNNING, null, null, null, JobView.of(s),
                            s.account().rejectedSorted(), 0, StatusSnapshot.Latency.NONE);
                    return new StatusSnapshot("test", 0, List.of(view), List.of(), StatusSnapshot.Outbox.EMPTY, null);
                }

                @Override
                public Optional<Object> jobReport(String jobId) {
                    return Optional.empty();
                }

                @Override
                public HealthReport health() {
                    throw new UnsupportedOperationException("not scraped here");
                }
            });
            startLine();
        }

        void startLine() {
            line = new ProductionLine(config, vault, 8);
            printer = new Printer();
            line.start(printer);
            line.printerState(DeviceState.ONLINE, null);
            line.scannerState(DeviceState.ONLINE, null);
            modbus = new ModbusHandshake(line, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        /** A clean stop and start: the vault is recovered as the daemon recovers it at start-up. */
        void restart() {
            modbus.close();
            line.beginShutdown();
            line.shutdown();
            vault.close();
            vault = CodeVault.open(file);
            vault.recover(new RecoveredResults());
            startLine();
        }

        @Override
        public void close() {
            modbus.close();
            line.beginShutdown();
            line.shutdown();
            vault.close();
        }
    }

    @Property(tries = 12)
    void everySurfaceShowsTheJobReportAfterEveryStep(@ForAll long seed,
                                                     @ForAll @Size(min = 6, max = 22)
                                                     List<@IntRange(min = 0, max = 17) Integer> steps)
            throws Exception {
        JobAccount last = run(seed, steps);
        Statistics.label("voided by reason").collect(new TreeMap<>(last.voidedByReason()).keySet());
    }

    /**
     * A paper-out with labels in the printer, reads after it, a vault fault, a restart with labels on their way
     * (recovery voids them: REJECT VOIDED, code voided CRASH) and a close with labels awaiting their read.
     */
    @Example
    void aPaperOutARestartAndACloseAddUpOnEverySurface() throws Exception {
        // PRINTER_FAULT/BACK first: from the printer's first queue report on, labels wait in it until reported;
        // a label printed after the paper-out and read passes the dropped ones: they are voided PRINTER_FAULT
        List<Integer> steps = List.of(11, 12, 1, 1, 1, 1, 11, 12, 1, 17, 1, 5, 8, 13, 1, 1, 14, 1, 1, 16);
        JobAccount closed = run(7, steps);
        assertThat(closed.voidedByReason()).containsKeys("PRINTER_FAULT", "CRASH", "JOB_CLOSED");
        assertThat(closed.rejectedByReason()).containsKey("NO_READ");
    }

    private JobAccount run(long seed, List<Integer> steps) throws Exception {
        Path dir = Files.createTempDirectory("account");
        Random random = new Random(seed);
        List<String> issued = new ArrayList<>(); // codes of the open job, in issue order
        List<String> done = new ArrayList<>(); // codes read once already
        int jobs = 0;
        int items = 0;
        try (Edge edge = new Edge(dir)) {
            start(edge, "J" + ++jobs);
            for (int n : steps) {
                Step step = WEIGHTED[n];
                switch (step) {
                    case START -> {
                        if (edge.line.currentJobId() == null) {
                            start(edge, "J" + ++jobs);
                            issued.clear();
                        }
                    }
                    case PRINT -> print(edge, "item-" + ++items).ifPresent(i -> issued.add(code(edge, i)));
                    case READ_NEXT -> first(issued, done).ifPresent(c -> read(edge, c, done));
                    case READ_LAST -> {
                        if (!issued.isEmpty() && !done.contains(issued.get(issued.size() - 1))) {
                            read(edge, issued.get(issued.size() - 1), done);
                        }
                    }
                    case READ_LATER -> {
                        List<String> unread = issued.stream().filter(c -> !done.contains(c)).toList();
                        if (!unread.isEmpty()) {
                            read(edge, unread.get(random.nextInt(unread.size())), done);
                        }
                    }
                    case NO_READ -> edge.line.scanned(null);
                    case FOREIGN_READ -> edge.line.scanned(FOREIGN);
                    case DUPLICATE_READ -> {
                        if (!done.isEmpty()) {
                            edge.line.scanned(done.get(random.nextInt(done.size())));
                        }
                    }
                    case PRINTER_FAULT -> {
                        // the printer says it still holds some labels, then runs out of paper: they are dropped
                        int handed = edge.printer.handed();
                        edge.line.printerReported(handed, Math.min(handed, 1 + random.nextInt(3)));
                        edge.line.printerState(DeviceState.FAULT, "[PAPER_OUT]");
                    }
                    case PRINTER_BACK -> edge.line.printerState(DeviceState.ONLINE, null);
                    case VAULT_FAULT -> {
                        failWrites(edge.file, true);
                        print(edge, "item-" + ++items).ifPresent(i -> issued.add(code(edge, i)));
                        edge.line.scanned(null);
                        compare(edge); // nothing committed, nothing counted
                        failWrites(edge.file, false);
                        Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                                .until(() -> edge.line.currentSnapshot().toCompletableFuture().get().vaultFault()
                                        == null);
                    }
                    case RESTART -> edge.restart();
                    case STOP -> edge.line.stop().toCompletableFuture().handle((r, e) -> null).get(10, TimeUnit.SECONDS);
                    case CLOSE -> {
                        edge.line.close().toCompletableFuture().handle((r, e) -> null).get(10, TimeUnit.SECONDS);
                        if (edge.line.currentJobId() == null) {
                            issued.clear();
                        }
                    }
                }
                compare(edge);
            }
            edge.line.close().toCompletableFuture().handle((r, e) -> null).get(10, TimeUnit.SECONDS);
            JobAccount closed = compare(edge);
            assertThat(vault(edge, closed).balanced()).isTrue();
            assertThat(closed.awaiting()).isZero();
            assertThat(closed.printed()).as("printed = bound + rejected + voided once closed")
                    .isEqualTo(closed.bound() + closed.rejected() + closed.voided());
            return closed;
        } finally {
            deleteAll(dir);
        }
    }

    private static void start(Edge edge, String job) throws Exception {
        edge.line.start(new JobOrder(job, "SKU-1", "B7", 40, null, null, null, null)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** A PRINT as the PLC sends it; empty when the line refuses it (paused, stale, no job, vault fault). */
    private static Optional<ItemIssued> print(Edge edge, String item) {
        try {
            return Optional.of(edge.line.print(item).toCompletableFuture().get(10, TimeUnit.SECONDS));
        } catch (Exception refused) {
            return Optional.empty();
        }
    }

    private static String code(Edge edge, ItemIssued i) {
        return edge.vault.byIndex(APP, i.codeIndex()).orElseThrow().code();
    }

    private static Optional<String> first(List<String> issued, List<String> done) {
        return issued.stream().filter(c -> !done.contains(c)).findFirst();
    }

    private static void read(Edge edge, String code, List<String> done) {
        edge.line.scanned(code);
        done.add(code);
    }

    private static JobReport vault(Edge edge, JobAccount a) {
        return edge.vault.jobReport(a.jobId());
    }

    /** Every surface against job report, at a quiet moment of the line; returns the line's account. */
    private static JobAccount compare(Edge edge) throws Exception {
        LineSnapshot s = edge.line.currentSnapshot().toCompletableFuture().get(10, TimeUnit.SECONDS);
        JobAccount a = s.account();
        if (a.jobId() == null) {
            return a;
        }
        JobReport r = vault(edge, a);
        // the account: each code in exactly one bucket, by the report's rules
        assertThat(List.of(a.printed(), a.awaiting(), a.bound(), a.rejected(), a.voided()))
                .as("printed, awaiting, bound, rejected, voided of %s", a.jobId())
                .containsExactly(r.printed(), r.sent(), r.bound(), r.rejected(), r.voided());
        assertThat(a.rejectedByReason()).isEqualTo(r.rejectedByReason());
        assertThat(a.voidedByReason()).isEqualTo(r.voidedByReason());
        assertThat(a.printed()).isEqualTo(r.sent() + r.bound() + r.rejected() + r.voidedAfterSent());
        // the snapshot (dashboard, OPC UA Counters, MQTT state)
        assertThat(List.of(s.printed(), s.bound(), s.rejected(), s.voided()))
                .containsExactly(r.printed(), r.bound(), r.rejected(), r.voided());
        Map<String, Long> snapshotReasons = new HashMap<>();
        s.rejectsByReason().forEach((reason, n) -> snapshotReasons.put(reason.name(), n));
        assertThat(snapshotReasons).isEqualTo(r.rejectedByReason());
        // the dashboard's job history (/api/jobs)
        JobHistory.JobSummary row = new JobHistory(edge.vault).recentJobs(100).stream()
                .filter(j -> j.id().equals(a.jobId())).findFirst().orElseThrow();
        assertThat(List.of(row.counts().printed(), row.counts().bound(), row.counts().rejected(),
                row.counts().voided())).containsExactly(r.printed(), r.bound(), r.rejected(), r.voided());
        // the PLC's STATUS reply
        LineStatus status = edge.line.status().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String[] reply = PlcMessage.ack(7, PlcSessionHandler.statusFields(status)).line().split(",", -1);
        assertThat(List.of(reply[4], reply[5], reply[6], reply[7])).as("ACK,7,state,job,printed,bound,rejected,voided")
                .containsExactly(Long.toString(r.printed()), Long.toString(r.bound()), Long.toString(r.rejected()),
                        Long.toString(r.voided()));
        if (s.jobId() != null) {
            // /api/status's job object
            JsonNode job = JSON.readTree(StatusJson.bytes(JobView.of(s)));
            assertThat(List.of(job.get("printed").asLong(), job.get("awaiting").asLong(), job.get("bound").asLong(),
                    job.get("rejected").asLong(), job.get("voided").asLong()))
                    .containsExactly(r.printed(), r.sent(), r.bound(), r.rejected(), r.voided());
            assertThat(longs(job.get("rejected_by_reason"))).isEqualTo(new TreeMap<>(r.rejectedByReason()));
            assertThat(longs(job.get("voided_by_reason"))).isEqualTo(new TreeMap<>(r.voidedByReason()));
            // the MQTT export's retained line state
            JsonNode mqtt = JSON.readTree(MqttExport.lineState(s)).get("job");
            assertThat(List.of(mqtt.get("printed").asLong(), mqtt.get("awaiting").asLong(),
                    mqtt.get("bound").asLong(), mqtt.get("rejected").asLong(), mqtt.get("voided").asLong()))
                    .containsExactly(r.printed(), r.sent(), r.bound(), r.rejected(), r.voided());
            assertThat(longs(mqtt.get("voided_by_reason"))).isEqualTo(new TreeMap<>(r.voidedByReason()));
            // /metrics
            String text = new String(edge.metrics.scrape(), StandardCharsets.UTF_8);
            assertThat(metric(text, "yima_job_labels_printed{line=\"" + LINE + "\"}")).isEqualTo(r.printed());
            assertThat(List.of(metric(text, codes("awaiting")), metric(text, codes("bound")),
                    metric(text, codes("rejected")), metric(text, codes("voided"))))
                    .containsExactly(r.sent(), r.bound(), r.rejected(), r.voided());
            r.voidedByReason().forEach((reason, n) -> assertThat(metric(text,
                    "yima_job_voided_codes{line=\"" + LINE + "\",reason=\"" + reason + "\"}")).isEqualTo(n));
            r.rejectedByReason().forEach((reason, n) -> assertThat(metric(text,
                    "yima_job_rejected_codes{line=\"" + LINE + "\",reason=\"" + reason + "\"}")).isEqualTo(n));
        }
        // the Modbus registers: refreshed by the handshake's own thread after the line's events
        Awaitility.await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            int[] area = edge.modbus.edgeArea();
            assertThat(List.of(u32(area, RegisterMap.PRINTED), u32(area, RegisterMap.BOUND),
                    u32(area, RegisterMap.REJECTED), u32(area, RegisterMap.VOIDED)))
                    .as("Modbus PRINTED, BOUND, REJECTED, VOIDED")
                    .containsExactly(r.printed(), r.bound(), r.rejected(), r.voided());
        });
        return a;
    }

    private static String codes(String state) {
        return "yima_job_codes{line=\"" + LINE + "\",state=\"" + state + "\"}";
    }

    private static long u32(int[] area, int register) {
        int at = register - RegisterMap.EDGE_AREA;
        return ((long) (area[at] & 0xFFFF) << 16) | (area[at + 1] & 0xFFFF);
    }

    private static Map<String, Long> longs(JsonNode node) {
        Map<String, Long> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    /** A series' value in the Prometheus text; fails when the series is missing. */
    private static long metric(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("series %s in%n%s", series, text).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** SQLite refuses every vault change (each appends to `event`) while the trigger exists, as a full disk would. */
    private static void failWrites(Path vault, boolean fail) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + vault); var st = c.createStatement()) {
            st.execute(fail ? "CREATE TRIGGER fail_event BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                    : "DROP TRIGGER fail_event");
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
