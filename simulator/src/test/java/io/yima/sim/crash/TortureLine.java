package io.yima.sim.crash;

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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One TRIGGERED line for the torture tests: the edge as its own process, and in this JVM the printer emulator
 * (whose record of every label is the ground truth), the belt, the scanner and a {@link TorturePlc}. A trial runs a
 * job and strikes the edge with an {@link Outage} at random moments while labels flow. What went wrong on the line
 * is collected in {@link #problems()} rather than thrown, so a run still reaches the verdict on the printer's record.
 */
final class TortureLine implements AutoCloseable {
    /** What happens to the edge mid-job (SIGKILL, a power cut); it must leave the edge running again. */
    interface Outage {
        void strike(EdgeProcess edge) throws Exception;
    }

    /** The application every torture vault is seeded with. */
    static final long APP = 581865877L;
    /** Items per job: enough for an outage to land mid-job, few enough for many trials. */
    static final int QUANTITY = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path printed;
    private final Conveyor belt = new Conveyor();
    private final LabelLog record;
    private final PrinterEmulator printer;
    private final ScannerEmulator scanner;
    private final ScannerFaults scannerFaults = new ScannerFaults(1);
    private final EdgeProcess edge;
    private final TorturePlc plc = new TorturePlc();
    private final PlcConversation conversation;
    private final ExecutorService driver = Executors.newSingleThreadExecutor();
    final List<String> jobs = new ArrayList<>();
    final List<String> outages = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    TortureLine(Path dir, Path vaultFile) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        printed = dir.resolve("printed.jsonl");
        record = new LabelLog(new LabelDecoder()::text, printed);
        printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, loopback, 0, record, belt, null).start();
        scanner = new ScannerEmulator(ReaderStyle.KEYENCE, belt, scannerFaults, null, false, 0)
                .listen(loopback, 0).start();
        int plcPort = freePort();
        Path config = new EdgeYaml(vaultFile, APP)
                .line(new EdgeYaml.Line("L1", printer.port(), scanner.port(), plcPort, "TRIGGERED"))
                .write(dir.resolve("edge.yaml"));
        edge = new EdgeProcess(config, dir.resolve("edge.log"), plcPort);
        edge.start();
        conversation = new PlcConversation("127.0.0.1", plcPort, "PLC-TORTURE", 1000, plc);
        conversation.open(10_000);
        plc.attach(conversation);
    }

    EdgeProcess edge() {
        return edge;
    }

    TorturePlc plc() {
        return plc;
    }

    /** The scanner's faults, to change mid-trial (none unless a test sets some). */
    ScannerFaults scannerFaults() {
        return scannerFaults;
    }

    /** Labels the printer printed that the scanner has not read yet (queued on the belt or being read). */
    long labelsUnread() {
        return printer.labelsPrinted() - scanner.records().size();
    }

    /** True once the PLC was told {@code FAULT,ev,vault,…} (the line stopped on its vault). */
    boolean plcSawVaultFault() {
        return plc.events.stream().anyMatch(e -> e.command().equals("FAULT") && e.field(2).equals("vault"));
    }

    /** The PLC's event counter reset by a technician (see {@link PlcConversation#forgetEvents()}). */
    void plcForgetsEvents() {
        conversation.forgetEvents();
    }

    int resumes() {
        return plc.resumes;
    }

    List<String> problems() {
        return problems;
    }

    /** Seeds {@code vaultFile} with enough codes for {@code trials} jobs (forged packages go to {@code work}). */
    static void seed(Path vaultFile, int trials, Path work) throws IOException {
        VaultSeed.importForged(vaultFile, APP, Math.max(10_000, trials * 1_000), work);
    }

    /**
     * Runs job {@code job} of {@link #QUANTITY} items; strikes once (a third of the trials twice, possibly right
     * after the restart) after a random number of its labels, then closes the job and checks CLOSED balances.
     */
    void trial(String job, Random rng, Outage outage) throws Exception {
        jobs.add(job);
        long labelsBefore = printer.labelsPrinted();
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
            if (run.isDone()) {
                break;
            }
            outage.strike(edge);
            outages.add(job + " after " + (printer.labelsPrinted() - labelsBefore) + " labels");
        }
        run.get(120, TimeUnit.SECONDS);
        plc.unexpected.forEach(u -> problems.add(job + ": PLC request refused: " + u));
        plc.unexpected.clear();
        // Everything printed has been read and sent to the edge before the job closes.
        await(job + ": belt empty").atMost(Duration.ofSeconds(30))
                .until(() -> belt.size() == 0 && scanner.records().size() == printer.labelsPrinted()
                        && printer.formatsBuffered() == 0);
        TortureLine.closeBalanced(job, j -> plc.requestAnswered("CLOSE", j), plc::closed, problems);
    }

    /**
     * CLOSE for {@code job}, then its CLOSED within 20 s, whose account must balance (printed = bound + rejected +
     * voided, something bound); each miss is added to {@code problems}. Shared with {@link PackingTortureLine}.
     */
    static void closeBalanced(String job, Function<String, String> closeRequest, Function<String, PlcFrame> closedOf,
                              List<String> problems) {
        String close = closeRequest.apply(job);
        if (!close.equals("ACK")) {
            problems.add(job + ": CLOSE answered " + close);
            return;
        }
        try {
            await("CLOSED " + job).atMost(Duration.ofSeconds(20)).until(() -> closedOf.apply(job) != null);
        } catch (ConditionTimeoutException e) {
            problems.add(job + ": no CLOSED within 20 s");
            return;
        }
        PlcFrame closed = closedOf.apply(job);
        // CLOSED,ev,job,printed,bound,rejected,voided
        long p = Long.parseLong(closed.field(3));
        long b = Long.parseLong(closed.field(4));
        long r = Long.parseLong(closed.field(5));
        long v = Long.parseLong(closed.field(6));
        if (p != b + r + v || b == 0) {
            problems.add(job + ": unbalanced or nothing bound: " + closed.encode());
        }
    }

    /** What the printer read off every label it received, in order (null: unreadable). */
    List<String> reads() throws IOException {
        List<String> reads = new ArrayList<>();
        for (String line : Files.readAllLines(printed)) {
            JsonNode n = JSON.readTree(line);
            reads.add(n.path("read").isNull() ? null : n.path("read").asText());
        }
        return reads;
    }

    /** Stops the line; the edge is killed, as a last crash: what the vault holds must stand on its own. */
    @Override
    public void close() throws Exception {
        try {
            edge.kill();
            driver.shutdownNow();
            conversation.close();
        } finally {
            try (record; printer; scanner) {
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
