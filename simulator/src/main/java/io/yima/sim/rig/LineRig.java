package io.yima.sim.rig;

import io.yima.sim.FreePorts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcScenario;
import io.yima.sim.plc.ScenarioCheck;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.plc.ScenarioSpec;
import io.yima.sim.plc.modbus.ClientPort;
import io.yima.sim.plc.modbus.ModbusPlc;
import io.yima.sim.plc.modbus.RegisterPort;
import io.yima.sim.plc.modbus.ServerPort;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScanRecord;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A whole emulated line around an edge: printer → conveyor → scanner, and a PLC driving a job. Writes the
 * edge config for the emulators' ports (or, attached, reads the ports from the running edge's config), runs
 * the scenario and accounts for every item and every label.
 */
public final class LineRig {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RigSpec spec;
    private final EdgeUnderTest edge;
    private final Path attachedConfig;
    private ActivationSource activations;
    private PlcProtocol plcProtocol = PlcProtocol.ASCII;
    private double lostWriteRate;
    private double duplicateTriggerRate;
    private long[] modbusFaultsInjected = {0, 0};
    private java.util.function.Consumer<io.yima.sim.printer.PrinterFaults> printerSetup = f -> { };

    /**
     * @param attachedConfig the config of an edge already running (emulators take its ports), or null to write a
     *                       config and start {@code edge} with it
     */
    public LineRig(RigSpec spec, EdgeUnderTest edge, Path attachedConfig) {
        this.spec = spec;
        this.edge = edge;
        this.attachedConfig = attachedConfig;
    }

    /** Sets the printer emulator up before the job (print speed, receive buffer …). */
    public LineRig printer(java.util.function.Consumer<io.yima.sim.printer.PrinterFaults> setup) {
        this.printerSetup = setup;
        return this;
    }

    public LineRig activations(ActivationSource source) {
        this.activations = source;
        return this;
    }

    /**
     * The PLC's protocol: ASCII (default), or Modbus with the edge as server (the PLC emulator is its client) or
     * as client (the emulator is a Modbus server the edge polls). Modbus needs the in-process edge.
     */
    private boolean progressBar;

    /** Shows a progress bar (labels the printer printed of the items) on standard output while the job runs. */
    public LineRig progressBar() {
        this.progressBar = true;
        return this;
    }

    private RigPacking packing;

    /** A packing line: the case packer, case printer and case reader or camera after the kicker (ASCII PLC). */
    public LineRig packing(RigPacking station) {
        this.packing = station;
        return this;
    }

    public LineRig plc(PlcProtocol protocol) {
        this.plcProtocol = protocol;
        return this;
    }

    /**
     * Modbus PLC faults: the share of trigger writes lost on the way (repeated after the PLC's 2 s echo timeout)
     * and of items triggered twice. Both must cost neither a duplicate label nor a second result.
     */
    public LineRig modbusFaults(double lostWrites, double duplicateTriggers) {
        this.lostWriteRate = lostWrites;
        this.duplicateTriggerRate = duplicateTriggers;
        return this;
    }

    /** After a Modbus run: {trigger writes lost, items triggered twice}. */
    public long[] modbusFaultsInjected() {
        return modbusFaultsInjected.clone();
    }

    /** Runs the line and returns the report (also written to {@code report} when not null). */
    public RigReport run(Path report) throws Exception {
        Files.createDirectories(spec.workDir());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        EdgeConfigFile.LineEndpoints ports = attachedConfig == null ? null : EdgeConfigFile.read(attachedConfig);
        PrinterLanguage language = ports == null ? spec.language()
                : PrinterLanguage.valueOf(ports.printerLanguage().toUpperCase());
        Conveyor conveyor = new Conveyor();
        long cpuBefore = EmulatorCpu.emulatorNanos();
        try (LabelLog record = new LabelLog(new LabelDecoder()::text, spec.workDir().resolve("printed.jsonl"));
             PrinterEmulator printer = new PrinterEmulator("P1", language, loopback,
                     ports == null ? 0 : ports.printerPort(), record, conveyor, null).start();
             ScannerEmulator scanner = new ScannerEmulator(ReaderStyle.KEYENCE, conveyor, faults(), null, false, 0)
                     .listen(loopback, ports == null ? 0 : ports.scannerPort()).start()) {
            printerSetup.accept(printer.faults());
            String plcHost = ports == null ? "127.0.0.1" : ports.plcHost();
            int[] picked = FreePorts.distinct(2); // the edge's PLC port and Modbus port, told apart
            int plcPort = ports == null ? picked[0] : ports.plcPort();
            if (ports != null && plcProtocol != PlcProtocol.ASCII) {
                throw new IOException("--plc " + plcProtocol.word() + " needs the in-process edge (no --edge-config)");
            }
            if (packing != null && (ports != null || plcProtocol != PlcProtocol.ASCII)) {
                throw new IOException("--per-case needs the in-process edge and --plc ascii");
            }
            int modbusPort = plcProtocol == PlcProtocol.MODBUS_SERVER ? picked[1] : -1;
            try (ServerPort plcMemory = plcProtocol == PlcProtocol.MODBUS_CLIENT
                    ? new ServerPort("127.0.0.1", 0, MODBUS_BASE) : null) {
                if (ports == null) {
                    Path config = spec.workDir().resolve("edge.yaml");
                    Map<String, Object> lineSettings = new HashMap<>(modbusSettings(modbusPort, plcMemory));
                    if (packing != null) {
                        lineSettings.putAll(packing.start(spec.workDir()).edgeSettings());
                    }
                    EdgeConfigFile.write(config, spec, printer.port(), scanner.port(), plcPort, lineSettings);
                    edge.start(config);
                }
                try (io.yima.sim.console.ProgressBar bar = progressBar ? new io.yima.sim.console.ProgressBar(
                        System.out, spec.items(), printer::labelsPrinted, () -> "labels printed").start() : null) {
                    long t0 = System.nanoTime();
                    awaitListening(plcHost, plcPort, 30_000, edge);
                    ScenarioResult result;
                    if (plcProtocol == PlcProtocol.ASCII) {
                        PlcScenario scenario = new PlcScenario();
                        PlcConversation.Listener listener = scenario;
                        if (packing != null) {
                            listener = packing.listener(scenario);
                            scenario.beforeClose(p -> {
                                packing.closeLastCase(p, Math.max(5000, spec.settleMillis()));
                                packing.closeLastPallet(p, Math.max(5000, spec.settleMillis()));
                            });
                        }
                        try (PlcConversation plc = new PlcConversation(plcHost, plcPort, "RIG-PLC", 2000, listener)
                                .version(packing != null ? "2" : "1")) {
                            plc.open(5000);
                            result = scenario.run(plc, scenarioSpec());
                        }
                    } else {
                        try (RegisterPort registers = plcMemory != null ? plcMemory
                                : new ClientPort("127.0.0.1", modbusPort, 1)) {
                            ModbusPlc plc = new ModbusPlc(registers, spec.seed(), lostWriteRate,
                                    duplicateTriggerRate);
                            plc.open(30_000);
                            result = plc.run(scenarioSpec());
                            modbusFaultsInjected = new long[] {plc.lostWrites(), plc.duplicates()};
                        }
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    RigReport r = report(result, printer, scanner, record, seconds,
                            (EmulatorCpu.emulatorNanos() - cpuBefore) / 1e6);
                    if (report != null) {
                        JSON.writeValue(report.toFile(), r);
                    }
                    return r;
                } finally {
                    edge.stop();
                    if (packing != null) {
                        packing.close();
                    }
                }
            }
        }
    }

    /** Where the emulated Modbus-server PLC keeps the block (an H5U's D1000). */
    private static final int MODBUS_BASE = 1000;

    private Map<String, Object> modbusSettings(int serverPort, ServerPort plcMemory) {
        return switch (plcProtocol) {
            case ASCII -> Map.of();
            case MODBUS_SERVER -> Map.of("modbus", Map.of("mode", "server", "bind", "127.0.0.1", "port", serverPort));
            case MODBUS_CLIENT -> Map.of("modbus", Map.of("mode", "client", "host", "127.0.0.1", "port",
                    plcMemory.port(), "base", MODBUS_BASE, "poll", "10ms"));
        };
    }

    private ScannerFaults faults() {
        return new ScannerFaults(spec.seed()).noReadRate(spec.noReadRate()).misreadRate(spec.misreadRate())
                .duplicateRate(spec.duplicateRate()).delayRate(spec.delayRate(), 200)
                .garbageRate(spec.garbageRate()).disconnectRate(spec.disconnectRate());
    }

    private ScenarioSpec scenarioSpec() {
        String job = "RIG-" + LocalDate.now() + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        return new ScenarioSpec(job, "SKU-RIG", "B1", spec.items(), spec.itemsPerSecond(),
                Map.of("symbol", spec.symbol(), "mode", "TRIGGERED"), spec.settleMillis(), "item-");
    }

    private RigReport report(ScenarioResult result, PrinterEmulator printer, ScannerEmulator scanner,
                             LabelLog record, double seconds, double emulatorCpuMillis) {
        List<ItemOutcome> items = result.items();
        long printed = items.stream().filter(i -> i.printedAt() > 0).count();
        long bound = items.stream().filter(i -> "OK".equals(i.result())).count();
        long naks = items.stream().filter(i -> "NAK".equals(i.result())).count();
        Map<String, Long> rejected = new TreeMap<>();
        items.stream().filter(i -> "REJECT".equals(i.result()))
                .forEach(i -> rejected.merge(i.detail(), 1L, Long::sum));
        long voided = -1;
        long unaccounted = 0;
        if (result.closed() != null) {
            long cPrinted = number(result.closed().field(3));
            long cBound = number(result.closed().field(4));
            long cRejected = number(result.closed().field(5));
            voided = number(result.closed().field(6));
            unaccounted += Math.abs(cPrinted - cBound - cRejected - voided);
        }
        unaccounted += Math.max(0, printer.labelsPrinted() - printed);

        Set<String> seen = new HashSet<>();
        long duplicates = record.reads().stream().filter(Objects::nonNull).filter(r -> !seen.add(r)).count();

        List<ScanRecord> scans = scanner.records();
        Map<String, Long> injections = new TreeMap<>();
        scans.forEach(s -> injections.merge(s.injected().name(), 1L, Long::sum));
        Set<String> mustReject = mustReject(items, scans);

        List<Long> toPrinted = new ArrayList<>();
        List<Long> toResult = new ArrayList<>();
        for (ItemOutcome i : items) {
            if (i.printedAt() > 0) {
                toPrinted.add(i.printedAt() - i.triggeredAt());
            }
            if (i.resultAt() > 0) {
                toResult.add(i.resultAt() - i.triggeredAt());
            }
        }
        List<String> violations = new ArrayList<>(ScenarioCheck.violations(result, mustReject));
        if (packing != null) {
            violations.addAll(packing.violations());
        }
        if (duplicates > 0) {
            violations.add(duplicates + " codes printed on more than one label");
        }
        if (unaccounted > 0) {
            violations.add(unaccounted + " codes unaccounted");
        }
        long outOfCodes = items.stream().filter(i -> "NAK".equals(i.result()) && "OUT_OF_CODES".equals(i.detail()))
                .count();
        if (outOfCodes > 0) {
            // A rig whose vault holds no (or too few) codes measures nothing: say so instead of passing.
            violations.add(outOfCodes + " triggers refused OUT_OF_CODES: the vault has too few AVAILABLE codes of"
                    + " application " + spec.applicationId() + " (import or forge codes into it first)");
        }
        return new RigReport(spec.items(), printed, printer.labelsPrinted(), bound, rejected, naks, voided,
                duplicates, unaccounted,
                activations == null ? null : activations.activatedRanges(spec.applicationId()),
                Percentiles.ofNanos(toPrinted), Percentiles.ofNanos(toResult), injections,
                new RigReport.EmulatorCost(printer.bytesReceived(), printer.errors(), scanner.decodeNanos() / 1e6,
                        emulatorCpuMillis),
                violations, seconds, falseRejects(items, scans), packing == null ? null : packing.report());
    }

    /**
     * Rejected items whose label came off the printer and was read truthfully by the scanner (nothing injected):
     * the edge threw away a good item. Same mapping as {@link #mustReject}.
     */
    static long falseRejects(List<ItemOutcome> items, List<ScanRecord> scans) {
        List<ItemOutcome> inPrintOrder = items.stream().filter(i -> i.printedAt() > 0)
                .sorted(Comparator.comparingLong(ItemOutcome::printedAt)).toList();
        Map<Long, ScanRecord> bySeq = new HashMap<>();
        scans.stream().filter(s -> s.printer() != null).forEach(s -> bySeq.put(s.labelSeq(), s));
        long n = 0;
        for (int k = 0; k < inPrintOrder.size(); k++) {
            ScanRecord s = bySeq.get((long) k + 1);
            if (s != null && !s.edgeCannotHaveRead() && "REJECT".equals(inPrintOrder.get(k).result())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Items the edge must have rejected: the k-th label off the printer belongs to the k-th item in PRINTED order
     * (one printer, one belt, nothing lost), and labels the scanner could not honestly report must not be bound.
     */
    static Set<String> mustReject(List<ItemOutcome> items, List<ScanRecord> scans) {
        List<ItemOutcome> inPrintOrder = items.stream().filter(i -> i.printedAt() > 0)
                .sorted(Comparator.comparingLong(ItemOutcome::printedAt)).toList();
        Map<Long, ScanRecord> bySeq = new HashMap<>();
        scans.stream().filter(s -> s.printer() != null).forEach(s -> bySeq.put(s.labelSeq(), s));
        Set<String> out = new HashSet<>();
        for (int k = 0; k < inPrintOrder.size(); k++) {
            ScanRecord s = bySeq.get((long) k + 1);
            if (s != null && s.edgeCannotHaveRead()) {
                out.add(inPrintOrder.get(k).item());
            }
        }
        return out;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }


    private static void awaitListening(String host, int port, long timeoutMillis, EdgeUnderTest edge)
            throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try (Socket s = new Socket(host, port)) {
                return;
            } catch (IOException e) {
                String ended = edge.ended();
                if (ended != null) {
                    throw new IOException(ended + " before its PLC port " + host + ":" + port + " opened");
                }
                if (System.currentTimeMillis() > end) {
                    throw new IOException("edge PLC port " + host + ":" + port + " not listening after "
                            + timeoutMillis + " ms");
                }
                Thread.sleep(100);
            }
        }
    }
}
