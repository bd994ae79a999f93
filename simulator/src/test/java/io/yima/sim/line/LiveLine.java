package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.line.DeviceState;
import io.yima.line.LineSnapshot;
import io.yima.line.ProductionLine;
import io.yima.sim.forge.PackageForge;
import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.PlcScenario;
import io.yima.sim.plc.ScenarioCheck;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.plc.ScenarioSpec;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeConfigFile;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScanRecord;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One whole line for the line ITs: a vault file with forged codes, the real {@link EdgeDaemon} in this JVM, an
 * emulated printer (ZPL unless told otherwise; its own label record), a conveyor, a Keyence scanner with seeded
 * faults, and a PLC
 * conversation driving a job. The checks compare three independent records — the vault file, the printer's
 * label record and the PLC's results — and the scanner's per-label ground truth.
 */
final class LiveLine implements AutoCloseable {
    static final long APP = 581865877L;
    static final String LINE = "L1";
    private static final String KEY = "lineItsKey16byte";

    private final LabelLog record;
    private final PrinterEmulator printer;
    private final ScannerEmulator scanner;
    private final Path config;
    private EdgeDaemon edge;
    private final List<PlcConversation> plcs = new ArrayList<>();
    /** The PLC runs started and not yet known finished (their conversations are closed once they are). */
    private final List<PlcRun> running = new ArrayList<>();

    /**
     * @param codes        codes imported into the vault before the edge starts
     * @param lineSettings edge config line keys to set (mode, stream, verify …)
     */
    LiveLine(Path dir, int codes, ScannerFaults faults, Map<String, Object> lineSettings) throws Exception {
        this(dir, codes, faults, lineSettings, Map.of());
    }

    /** @param edgeSettings edge config sections to add (e.g. {@code opcua}) */
    LiveLine(Path dir, int codes, ScannerFaults faults, Map<String, Object> lineSettings,
             Map<String, Object> edgeSettings) throws Exception {
        this(dir, codes, faults, lineSettings, edgeSettings, PrinterLanguage.ZPL, false);
    }

    /** @param language the emulated printer's language (the edge's {@code printer.language} follows it) */
    LiveLine(Path dir, int codes, ScannerFaults faults, Map<String, Object> lineSettings,
             Map<String, Object> edgeSettings, PrinterLanguage language) throws Exception {
        this(dir, codes, faults, lineSettings, edgeSettings, language, false);
    }

    /**
     * @param language the emulated printer's language (the edge config says the same)
     * @param serial   the edge reaches the printer over a pty pair (socat) instead of TCP
     */
    LiveLine(Path dir, int codes, ScannerFaults faults, Map<String, Object> lineSettings,
             Map<String, Object> edgeSettings, PrinterLanguage language, boolean serial) throws Exception {
        RigSpec spec = RigSpec.defaults(dir, 0, 1).withLanguage(language);
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            new PackageImporter(vault).importStreams(APP, KEY.getBytes(StandardCharsets.US_ASCII),
                    List.of(NamedInput.ofBase64("codes", PackageForge.base64Package(APP, 0, codes - 1, KEY))));
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Conveyor conveyor = new Conveyor();
        record = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
        printer = new PrinterEmulator("P1", language, loopback, 0, record, conveyor, null).start();
        scanner = new ScannerEmulator(ReaderStyle.KEYENCE, conveyor, faults, null, false, 0).listen(loopback, 0).start();
        config = dir.resolve("edge.yaml");
        Map<String, Object> settings = new HashMap<>(lineSettings);
        if (serial || lineSettings.containsKey("printer")) {
            // printer keys given are set over the defaults the config file would write
            Map<String, Object> p = new HashMap<>(Map.of("uri", "tcp://127.0.0.1:" + printer.port(),
                    "language", language.name().toLowerCase(), "status_poll", "1s"));
            p.putAll(settingsOf(lineSettings, "printer"));
            if (serial) {
                p.put("uri", "serial:" + printer.openSerial() + "?baud=115200&parity=none&flow=none");
            }
            settings.put("printer", p);
        }
        // These tests judge results, not timing: on the shared 2-core test machine the line can stall for seconds,
        // and a PRINT refused STALE there would only be retried. PrintSyncIT tests the default deadline.
        settings.putIfAbsent("plc", Map.of("bind", "127.0.0.1", "port", 0, "heartbeat", "2s",
                "trigger_deadline", "10s"));
        EdgeConfigFile.write(config, spec, printer.port(), scanner.port(), 0, settings, edgeSettings);
        startEdge();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settingsOf(Map<String, Object> settings, String key) {
        Object v = settings.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private void startEdge() throws Exception {
        edge = EdgeDaemon.start(ConfigLoader.load(config), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            LineSnapshot s = line().snapshot();
            return s.printerLink() == DeviceState.ONLINE && s.scannerLink() == DeviceState.ONLINE;
        });
    }

    /** A service restart: the edge stops cleanly and a new one starts on the same vault file and devices. */
    void restartEdge() throws Exception {
        plcs.forEach(PlcConversation::close);
        plcs.clear();
        running.clear();
        edge.close();
        startEdge();
    }

    EdgeDaemon edge() {
        return edge;
    }

    int plcPort() {
        return edge.plcPort(LINE);
    }

    int statusPort() {
        return edge.statusPort();
    }

    PrinterEmulator printer() {
        return printer;
    }

    ScannerEmulator scanner() {
        return scanner;
    }

    CodeVault vault() {
        return edge.vault();
    }

    ProductionLine line() {
        return edge.lines().get(LINE);
    }

    /** A PLC connected to the line and a job running on a thread of its own. */
    record PlcRun(PlcConversation plc, String job, CompletableFuture<ScenarioResult> result) {
        ScenarioResult await() throws Exception {
            return result.get(5, TimeUnit.MINUTES);
        }

        /** Every frame the PLC received of one command (events and replies). */
        List<PlcFrame> frames(String command) {
            return plc.received().stream().filter(f -> f.command().equals(command)).toList();
        }
    }

    /** The printer's record of every label it printed. */
    LabelLog record() {
        return record;
    }

    /** The edge's config file. */
    Path configFile() {
        return config;
    }

    /** Connects a PLC and runs a job of {@code items} at {@code rate} items/s with the given START fields. */
    PlcRun run(String job, int items, double rate, Map<String, String> startFields) throws Exception {
        return run(job, "SKU-IT", "B1", items, rate, startFields);
    }

    /** As above, with the job's SKU and batch. */
    PlcRun run(String job, String sku, String batch, int items, double rate, Map<String, String> startFields)
            throws Exception {
        // One PLC runs the jobs one after the other: a finished run's conversation is closed before the next one
        // says HELLO. Left open it would reconnect by itself when the next conversation (same PLC id, same host)
        // replaces it, replace that one in turn, and the two would take the line from each other every 300 ms.
        for (var it = running.iterator(); it.hasNext(); ) {
            PlcRun earlier = it.next();
            if (earlier.result().isDone()) {
                earlier.plc().close();
                it.remove();
            }
        }
        // These tests judge results, not speed: the PLC stops its infeed while the edge refuses a trigger, so a
        // stall of the shared machine costs time, not items (see PlcScenario#holdWhileRefused)
        PlcScenario scenario = new PlcScenario().holdWhileRefused();
        PlcConversation plc = new PlcConversation("127.0.0.1", edge.plcPort(LINE), "IT-PLC", 1000, scenario);
        plcs.add(plc);
        plc.open(5000);
        ScenarioSpec spec = new ScenarioSpec(job, sku, batch, items, rate, startFields, 15_000, "item-");
        CompletableFuture<ScenarioResult> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(scenario.run(plc, spec));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "plc-scenario-" + job);
        t.setDaemon(true);
        t.start();
        PlcRun run = new PlcRun(plc, job, result);
        running.add(run);
        return run;
    }

    /** The job's codes by the item they were issued to, from the vault file. */
    Map<String, CodeRecord> codesByItem(String job) {
        Map<String, CodeRecord> out = new HashMap<>();
        vault().jobReport(job).indexes().values().forEach(indexes -> indexes.forEach(i -> {
            CodeRecord c = vault().byIndex(APP, i).orElseThrow();
            if (c.itemId() != null) {
                assertThat(out.put(c.itemId(), c)).as("item %s got a second code %s", c.itemId(), c.index()).isNull();
            }
        }));
        return out;
    }

    /** Decoded content of every label the printer printed, in print order (null = unreadable label). */
    List<String> labelReads() {
        return record.reads();
    }

    /**
     * The checks every line test makes: each item has exactly one result, and it is the vault's verdict; the job
     * report balances and agrees with CLOSED; no code is on two labels; every label the printer printed carries
     * a code of this job with a final verdict; no label the scanner could not honestly read was bound.
     */
    void assertAccounted(ScenarioResult r, String job) {
        JobReport report = vault().jobReport(job);
        assertThat(report.balanced()).as("no code left RESERVED or SENT: %s", report).isTrue();
        assertThat(report.printed()).isEqualTo(report.bound() + report.rejected() + report.voidedAfterSent());
        assertThat(r.closed()).as("CLOSED event").isNotNull();
        assertThat(List.of(r.closed().field(2), r.closed().field(3), r.closed().field(4), r.closed().field(5)))
                .containsExactly(job, Long.toString(report.printed()), Long.toString(report.bound()),
                        Long.toString(report.rejected()));

        List<String> reads = labelReads();
        assertThat(reads).as("every printed label decodes").doesNotContainNull();
        assertThat(new HashSet<>(reads)).as("no code printed on two labels").hasSameSizeAs(reads);
        for (String read : reads) {
            CodeRecord c = vault().resolveRead(read).orElseThrow(() -> new AssertionError("label " + read
                    + " carries no vault code"));
            assertThat(c.jobId()).isEqualTo(job);
            assertThat(c.state()).as("code %s", c.index()).isIn(CodeState.BOUND, CodeState.REJECTED, CodeState.VOIDED);
        }
        assertThat(reads).as("labels printed <= codes the vault counts as printed").hasSizeLessThanOrEqualTo(
                (int) report.printed());

        Set<String> mustReject = new HashSet<>();
        Map<String, CodeRecord> byItem = codesByItem(job);
        for (ScanRecord s : scanner.records()) {
            if (s.edgeCannotHaveRead()) {
                mustReject.add(vault().resolveRead(s.truth()).orElseThrow().itemId());
            }
        }
        assertThat(ScenarioCheck.violations(r, mustReject)).isEmpty();
        for (ItemOutcome item : r.items()) {
            CodeRecord c = byItem.get(item.item());
            assertThat(c).as("code of %s", item.item()).isNotNull();
            switch (item.result()) {
                case "OK" -> {
                    assertThat(c.state()).as(item.item()).isEqualTo(CodeState.BOUND);
                    assertThat(item.detail()).isEqualTo(c.code());
                }
                case "REJECT" -> {
                    if (item.detail().equals("PRINTER_FAULT")) {
                        assertThat(c.state()).as(item.item()).isEqualTo(CodeState.VOIDED);
                    } else {
                        assertThat(c.state()).as(item.item()).isEqualTo(CodeState.REJECTED);
                        assertThat(c.reason()).as(item.item()).isEqualTo(item.detail());
                    }
                }
                default -> throw new AssertionError(item + " has no item result");
            }
        }
    }

    /**
     * For a scanner without faults: an item whose label came off the printer is bound (or, its send having
     * failed after the bytes got through, rejected PRINTER_FAULT); an item whose label never came off the printer
     * is rejected NO_READ, TIMEOUT or PRINTER_FAULT. Returns the reasons given to items whose label was lost.
     */
    Map<String, Long> assertPrintedLabelsDecideItems(ScenarioResult r, String job) {
        Set<String> onLabels = new HashSet<>(labelReads());
        Map<String, CodeRecord> byItem = codesByItem(job);
        Map<String, Long> lost = new HashMap<>();
        for (ItemOutcome item : r.items()) {
            CodeRecord c = byItem.get(item.item());
            String verdict = item.result() + " " + item.detail();
            if (onLabels.contains(c.url())) {
                assertThat(verdict).as("%s, its label printed", item.item()).matches("OK .*|REJECT PRINTER_FAULT");
            } else {
                assertThat(verdict).as("%s, its label never printed", item.item())
                        .isIn("REJECT NO_READ", "REJECT TIMEOUT", "REJECT PRINTER_FAULT");
                lost.merge(item.detail(), 1L, Long::sum);
            }
        }
        return lost;
    }

    /** Labels the scanner saw, with the vault's verdict on each: the ground truth the tests compare against. */
    List<LabelVerdict> scannedLabels() {
        List<LabelVerdict> out = new ArrayList<>();
        for (ScanRecord s : scanner.records()) {
            out.add(new LabelVerdict(s, vault().resolveRead(s.truth()).orElseThrow()));
        }
        return out;
    }

    record LabelVerdict(ScanRecord scan, CodeRecord code) {
    }

    @Override
    public void close() throws Exception {
        plcs.forEach(PlcConversation::close);
        edge.close();
        scanner.close();
        printer.close();
        record.close();
    }
}
