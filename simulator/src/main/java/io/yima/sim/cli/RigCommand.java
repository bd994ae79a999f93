package io.yima.sim.cli;

import io.yima.sim.console.Verdict;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeUnderTest;
import io.yima.sim.rig.InProcessEdge;
import io.yima.sim.rig.LineRig;
import io.yima.sim.rig.PlcProtocol;
import io.yima.sim.rig.RigReport;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.rig.VaultSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import io.yima.edge.ConfigLoader;
import io.yima.sim.rig.RigStock;

/** {@code yima-sim rig}: a whole emulated line around a real edge, then a JSON report. */
@Command(name = "rig", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim rig --items 1000 --rate 20 --no-read-rate 0.02 --forge 10000 --work-dir rig", "  yima-sim rig --items 200 --rate 10 --edge-config /etc/yima-edge/edge.yaml",
                "  yima-sim rig --plc modbus-client --items 600 --rate 20 --forge 700",
                "  yima-sim rig --forge 2000 --items 600 --rate 20 --print-rate 15 --printer-buffer 1000",
                "  yima-sim rig --forge 2000 --items 600 --rate 30 --per-case 12 --case-mode scan"},
        description = "Runs N items at R items/s through emulated printer, scanner and PLC around a real edge "
                + "(in-process, or one already running with --edge-config) and writes a JSON report.")
public final class RigCommand implements Callable<Integer> {
    @Option(names = "--items",
            description = "items (PRINT triggers) in the job (default: ${DEFAULT-VALUE})", defaultValue = "100")
    int items;
    @Option(names = "--rate", description = "items per second", defaultValue = "5") double rate;
    @Option(names = "--protocol", description = "zpl | escpos | tspl", defaultValue = "zpl") PrinterLanguage protocol;
    @Option(names = "--symbol", description = "QR | MICROCODE", defaultValue = "QR") String symbol;
    @Option(names = "--no-read-rate",
            description = "share of labels the scanner reports as no-read, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double noRead;
    @Option(names = "--misread-rate",
            description = "share of labels the scanner reads as another code, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double misread;
    @Option(names = "--duplicate-rate",
            description = "share of labels the scanner reports twice, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double duplicate;
    @Option(names = "--delay-rate",
            description = "share of labels the scanner reports 200 ms late, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double delay;
    @Option(names = "--garbage-rate",
            description = "share of labels followed by a garbage frame from the scanner, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double garbage;
    @Option(names = "--disconnect-rate",
            description = "share of labels after which the scanner drops its connection, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double disconnect;
    @Option(names = "--seed",
            description = "seed of the fault random generator, same seed = same faults (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;
    @Option(names = "--settle-ms",
            description = "milliseconds to wait for outstanding results after the last trigger (default: ${DEFAULT-VALUE})",
            defaultValue = "10000")
    long settle;
    @Option(names = "--application", description = "WeChat application id", defaultValue = "581865877")
    long application;
    @Option(names = "--key-file",
            description = "16-character AES key of the application, written into the edge config (default: none)")
    Path keyFile;
    @Option(names = "--upstream-url", description = "base URL of the WeChat API emulator") String upstreamUrl;
    @Option(names = "--secret-file", description = "WeChat app secret file for the upstream emulator") Path secretFile;
    @Option(names = "--work-dir", description = "edge config, vault, printer record (default: a temp dir)")
    Path workDir;
    @Option(names = "--report", description = "JSON report file (default: WORK_DIR/report.json)") Path report;
    @Option(names = "--edge-config", description = "attach to an edge already running with this config")
    Path edgeConfig;
    @Option(names = "--forge", paramLabel = "N",
            description = "forge N encrypted codes of --application and import them into the rig's vault before the "
                    + "run (in-process edge only; default: 0, use the codes the vault holds)")
    int forge;

    @Mixin
    PackingOptions packingOptions;

    @Spec
    CommandSpec command;
    @Option(names = "--plc", converter = PlcProtocol.Converter.class, defaultValue = "ascii",
            description = "how the PLC talks to the edge: ascii (TCP text protocol), modbus-server (the edge is the"
                    + " Modbus TCP server, the PLC its client) or modbus-client (the edge polls the PLC every 10 ms);"
                    + " Modbus needs the in-process edge (default: ${DEFAULT-VALUE})")
    PlcProtocol plc;
    @Option(names = "--lost-write-rate", defaultValue = "0",
            description = "Modbus only: share of items whose first trigger write never reaches the edge, 0..1; the PLC"
                    + " repeats the item after its 2 s echo timeout (default: ${DEFAULT-VALUE})")
    double lostWriteRate;
    @Option(names = "--duplicate-trigger-rate", defaultValue = "0",
            description = "Modbus only: share of items the PLC triggers twice, 0..1 (default: ${DEFAULT-VALUE})")
    double duplicateTriggerRate;
    @Option(names = "--print-rate", description = "printer speed in labels per second, 0 = as fast as labels come "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "0")
    double printRate;
    @Option(names = "--printer-buffer", description = "printer receive buffer in formats (labels) "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "64")
    int printerBuffer;

    @Option(names = "--paper-out-after", description = "the printer's roll ends after N labels, then is reloaded "
            + "--reload-after-ms later; -1 = never (default: ${DEFAULT-VALUE})", defaultValue = "-1")
    int paperOutAfter;
    @Option(names = "--reload-after-ms", description = "milliseconds from the paper running out to the new roll "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "3000")
    long reloadAfterMs;

    @Override
    public Integer call() throws Exception {
        io.yima.sim.rig.RigPacking packing;
        try {
            packing = packingOptions.station();
        } catch (IllegalArgumentException e) {
            command.commandLine().getErr().println("rig: " + e.getMessage());
            return 2;
        }
        if (packing != null && (edgeConfig != null || plc != PlcProtocol.ASCII)) {
            command.commandLine().getErr().println("rig: --per-case needs the in-process edge (no --edge-config) and"
                    + " --plc ascii");
            return 2;
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("yima-rig");
        Path out = report != null ? report : dir.resolve("report.json");
        if (forge > 0) {
            if (edgeConfig != null) {
                command.commandLine().getErr().println("rig: --forge fills the rig's own vault; an attached edge's vault is its own");
                return 2;
            }
            Files.createDirectories(dir);
            Path forgedKey = VaultSeed.importForged(dir.resolve("vault.db"), application, forge, dir);
            if (keyFile == null) {
                keyFile = forgedKey;
            }
        }
        Path vaultFile = edgeConfig != null ? Path.of(ConfigLoader.load(edgeConfig).vault().path())
                : dir.resolve("vault.db");
        long available = RigStock.available(vaultFile, application);
        if (available < items) {
            command.commandLine().getErr().println("rig: " + vaultFile + " holds " + available + " AVAILABLE codes of application "
                    + application + ", fewer than --items " + items + "; import codes first or give --forge "
                    + Math.max(10_000, items) + " (in-process edge)");
            return 2;
        }
        RigSpec spec = new RigSpec(dir, items, rate, protocol, symbol, application, keyFile, upstreamUrl, secretFile,
                noRead, misread, duplicate, delay, garbage, disconnect, seed, settle);
        EdgeUnderTest edge = edgeConfig != null ? EdgeUnderTest.attached() : new InProcessEdge();
        System.out.println("rig: " + items + " items at " + rate + "/s, PLC " + plc.word() + ", work dir " + dir
                + (edgeConfig != null ? ", attached to the edge of " + edgeConfig : ", edge in-process"));
        RigReport r;
        // the in-process edge's log (a WARN per rejected item) goes to a file; the console keeps the verdict
        try (io.yima.sim.console.ConsoleLog log = edgeConfig == null
                ? io.yima.sim.console.ConsoleLog.toFile(dir.resolve("edge.log")) : null) {
            if (log != null) {
                System.out.println("edge log: " + dir.resolve("edge.log"));
            }
            r = new LineRig(spec, edge, edgeConfig).plc(plc).packing(packing).progressBar().modbusFaults(lostWriteRate, duplicateTriggerRate)
                .printer(f -> {
                        f.printRate(printRate).receiveBuffer(printerBuffer);
                        if (paperOutAfter >= 0) {
                            PaperRoll.runOutAndReload(f, paperOutAfter, reloadAfterMs, System.out);
                        }
                    }).run(out);
        }
        long rejected = r.rejectedByReason().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("labels printed %d, duplicates printed %d, codes unaccounted %d, false rejects %d, NAKs %d%n",
                r.labelsPrinted(), r.duplicatesPrinted(), r.codesUnaccounted(), r.falseRejects(), r.naks());
        System.out.println("trigger -> PRINTED " + r.triggerToPrinted().words());
        System.out.println("trigger -> result  " + r.triggerToResult().words());
        java.util.Map<String, Long> injected = new java.util.TreeMap<>(r.scannerInjections());
        injected.keySet().removeIf(k -> k.equalsIgnoreCase("none"));
        System.out.println("faults injected by the scanner: " + Verdict.tally(injected));
        if (r.cases() != null) {
            System.out.println(PackingOptions.words(r.cases()));
        }
        r.violations().forEach(v -> System.out.println("violation: " + v));
        System.out.println("report: " + out);
        System.out.println(Verdict.line(r.violations().size(), r.items(), r.printed(), r.bound(), rejected,
                r.voided(), r.rejectedByReason()));
        return r.violations().isEmpty() ? 0 : 1;
    }
}
