package io.yima.sim.crash;

import static org.awaitility.Awaitility.await;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.packing.CameraFaults;
import io.yima.sim.packing.CameraRecord;
import io.yima.sim.packing.CaseCamera;
import io.yima.sim.packing.CasePacker;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeConfigFile;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.rig.VaultSeed;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.Sscc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A packing line for the torture tests: the edge as its own process with a packing section (count-and-close or
 * scan-to-aggregate, SSCC case codes), and in this JVM the item printer, belt and scanner, the case packer, the
 * case printer and its belt, the case reader (count: a scanner reading case labels; scan: the camera above the
 * case) and a {@link PackingTorturePlc}. The printers', packer's and camera's records are the ground truth. What
 * went wrong on the line is collected in {@link #problems()} so a run still reaches its verdict.
 */
final class PackingTortureLine implements AutoCloseable {
    enum Mode { COUNT, SCAN }

    static final long APP = TortureLine.APP;
    static final String COMPANY_PREFIX = "0614141";
    static final int PER_CASE = 12;
    /** Items per job: some 20 cases, enough for an outage to land mid-case. */
    static final int QUANTITY = 240;

    final Mode mode;
    final CasePacker packer = new CasePacker(PER_CASE);
    private final Conveyor belt = new Conveyor();
    private final Conveyor caseBelt = new Conveyor();
    private final LabelLog record;
    private final LabelLog caseRecord;
    private final PrinterEmulator printer;
    private final ScannerEmulator scanner;
    private final PrinterEmulator casePrinter;
    private final ScannerEmulator caseReader;
    private final CaseCamera camera;
    private final EdgeProcess edge;
    final PackingTorturePlc plc;
    private final PlcConversation conversation;
    private final ExecutorService driver = Executors.newSingleThreadExecutor();
    final List<String> jobs = new ArrayList<>();
    final List<String> outages = new ArrayList<>();
    /** Items kicked out with the open case at each outage. */
    final List<String> kicked = new CopyOnWriteArrayList<>();
    /** Case labels thrown away at the labeller after outages (printed for cases that never reached it). */
    final List<String> labelsThrownAway = new CopyOnWriteArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private volatile int caseLabelsAtResume;

    PackingTortureLine(Path dir, Path vaultFile, Mode mode) throws IOException {
        this.mode = mode;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        LabelDecoder decoder = new LabelDecoder();
        record = new LabelLog(decoder::text, dir.resolve("printed.jsonl"));
        caseRecord = new LabelLog(decoder::text, dir.resolve("case-printed.jsonl"));
        printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, loopback, 0, record, belt, null).start();
        scanner = new ScannerEmulator(ReaderStyle.KEYENCE, belt, new ScannerFaults(3).noReadRate(0.02), null, false, 0)
                .listen(loopback, 0).start();
        casePrinter = new PrinterEmulator("CASE", PrinterLanguage.ZPL, loopback, 0, caseRecord, caseBelt, null).start();
        int readerPort;
        if (mode == Mode.COUNT) {
            caseReader = new ScannerEmulator(ReaderStyle.KEYENCE, caseBelt, new ScannerFaults(5).noReadRate(0.05), null,
                    false, 0)
                    .listen(loopback, 0).start();
            camera = null;
            readerPort = caseReader.port();
        } else {
            caseReader = null;
            camera = new CaseCamera(packer, caseBelt, new CameraFaults(7).missingRate(0.04).foreignRate(0.03)
                    .caseNoReadRate(0.03), 3000).listen(loopback, 0).start();
            readerPort = camera.port();
        }
        int plcPort = freePort();
        Map<String, Object> packing = new HashMap<>();
        packing.put("mode", mode == Mode.COUNT ? "count" : "scan");
        packing.put("per_case", PER_CASE);
        packing.put("case_codes", Map.of("source", "sscc", "company_prefix", COMPANY_PREFIX, "extension", 0));
        packing.put("case_printer", Map.of("uri", "tcp://127.0.0.1:" + casePrinter.port(), "language", "zpl",
                "status_poll", "1s"));
        packing.put("case_scanner", Map.of("uri", "tcp://127.0.0.1:" + readerPort, "no_read", "ERROR"));
        packing.put("case_window", "4s");
        Map<String, Object> settings = new HashMap<>();
        settings.put("packing", packing);
        // judged on results, not timing: a trigger is never refused STALE on the shared test machine
        settings.put("plc", Map.of("bind", "127.0.0.1", "port", plcPort, "heartbeat", "2s", "trigger_deadline",
                "10s"));
        Path config = dir.resolve("edge.yaml");
        EdgeConfigFile.write(config, RigSpec.defaults(dir, 0, 1), printer.port(), scanner.port(), plcPort, settings,
                Map.of("vault", Map.of("path", vaultFile.toString())));
        edge = new EdgeProcess(config, dir.resolve("edge.log"), plcPort);
        edge.start();
        plc = new PackingTorturePlc(packer, kicked::addAll, this::throwAwayCaseLabels);
        conversation = new PlcConversation("127.0.0.1", plcPort, "PLC-PACK", 1000, plc).version("2");
        conversation.open(10_000);
        plc.attach(conversation);
    }

    /** Seeds {@code vaultFile} with enough item codes for {@code trials} jobs. */
    static void seed(Path vaultFile, int trials, Path work) throws IOException {
        VaultSeed.importForged(vaultFile, APP, Math.max(5_000, trials * 1_000), work);
    }

    /** After an outage: labels on the case belt belong to cases kicked out or lost; the labeller drops them. */
    private void throwAwayCaseLabels() {
        try {
            for (var l = caseBelt.take(0, TimeUnit.MILLISECONDS); l != null; l = caseBelt.take(0, TimeUnit.MILLISECONDS)) {
                labelsThrownAway.add(String.valueOf(l));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        caseLabelsAtResume = (int) caseRecord.size();
    }

    List<String> problems() {
        return problems;
    }

    /**
     * Runs job {@code job} of {@link #QUANTITY} items and strikes the edge once (a third of the trials twice) after
     * a random number of its labels; then closes the short last case, waits for every case the running edge closed
     * to be settled, closes the job and checks CLOSED balances.
     */
    void trial(String job, Random rng, TortureLine.Outage outage) throws Exception {
        jobs.add(job);
        long labelsBefore = printer.labelsPrinted();
        long caseLabelsBefore = casePrinter.labelsPrinted();
        caseLabelsAtResume = (int) caseRecord.size();
        Future<?> run = driver.submit(() -> {
            plc.run(job, QUANTITY);
            return null;
        });
        int strikes = rng.nextInt(3) == 0 ? 2 : 1;
        long threshold = labelsBefore;
        for (int k = 0; k < strikes; k++) {
            threshold += 10 + rng.nextInt(QUANTITY / (strikes + 1));
            long at = threshold;
            await(job + ": labels to reach " + at).atMost(Duration.ofSeconds(60))
                    .until(() -> printer.labelsPrinted() >= at || run.isDone());
            if (rng.nextBoolean()) {
                // half the strikes land as a case label leaves the case printer: the case is in flight
                long cases = casePrinter.labelsPrinted();
                await(job + ": a case label").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                        .until(() -> casePrinter.labelsPrinted() > cases || run.isDone());
            }
            if (run.isDone()) {
                break;
            }
            outage.strike(edge);
            outages.add(job + " after " + (printer.labelsPrinted() - labelsBefore) + " labels and "
                    + (casePrinter.labelsPrinted() - caseLabelsBefore) + " case labels");
        }
        try {
            run.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            problems.add(job + ": the job did not reach its quantity within 120 s");
            return;
        }
        plc.unexpected.forEach(u -> problems.add(job + ": PLC request refused: " + u));
        plc.unexpected.clear();
        // Everything printed has been read and every item's result heard before the last case closes.
        await(job + ": belt empty").atMost(Duration.ofSeconds(30))
                .until(() -> belt.size() == 0 && scanner.records().size() == printer.labelsPrinted()
                        && printer.formatsBuffered() == 0 && plc.awaitingResults() == 0);
        plc.settleOutage();
        closeLastCase(job);
        TortureLine.closeBalanced(job, j -> plc.requestAnswered("CLOSE", j), plc::closed, problems);
    }

    /**
     * CLOSE_CASE for the short last case: the edge's count of its open case must be the packer's (both count the
     * items bound since the last restart); then every case label printed since the line resumed gets its result.
     */
    private void closeLastCase(String job) {
        int expected = packer.openCase().size();
        PlcFrame reply = plc.closeCase();
        if (reply == null || !reply.command().equals("ACK")) {
            problems.add(job + ": CLOSE_CASE answered " + (reply == null ? "nothing" : reply.encode()));
            return;
        }
        int edgeCount = Integer.parseInt(reply.field(2));
        packer.closeCase();
        if (edgeCount != expected) {
            problems.add(job + ": the edge closed its open case with " + edgeCount + " items, the packer's held "
                    + expected);
        }
        try {
            await(job + ": every case label printed since the line resumed settled").atMost(Duration.ofSeconds(30))
                    .until(() -> unsettledCaseLabels().isEmpty());
        } catch (ConditionTimeoutException e) {
            problems.add(job + ": case labels without a result: " + unsettledCaseLabels());
        }
    }

    private List<String> unsettledCaseLabels() {
        List<String> reads = caseRecord.reads();
        List<String> open = new ArrayList<>();
        for (String read : reads.subList(Math.min(caseLabelsAtResume, reads.size()), reads.size())) {
            String digits = Sscc.digitsOf(read);
            if (plc.caseResults.stream().noneMatch(r -> digits.equals(r.code()))) {
                open.add(digits);
            }
        }
        return open;
    }

    /** What the item printer read off every label it received, in order (null: unreadable). */
    List<String> reads() {
        return record.reads();
    }

    /** What the case printer read off every case label it received, in order (null: unreadable). */
    List<String> caseReads() {
        return caseRecord.reads();
    }

    /** Scan mode: the camera's record of every case it saw (items and the label on it); empty in count mode. */
    List<CameraRecord> cameraRecords() {
        return camera == null ? List.of() : camera.records();
    }

    /** Stops the line; the edge is killed, as a last crash: what the vault holds must stand on its own. */
    @Override
    public void close() throws Exception {
        try {
            edge.kill();
            driver.shutdownNow();
            conversation.close();
        } finally {
            if (camera != null) {
                camera.close();
            }
            if (caseReader != null) {
                caseReader.close();
            }
            try (record; caseRecord; printer; scanner; casePrinter) {
                // closed in reverse order
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
