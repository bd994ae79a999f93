package io.yima.sim.demo;

import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.Folders;
import io.yima.sim.rig.LineRig;
import io.yima.sim.rig.PlcProtocol;
import io.yima.sim.rig.RigReport;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.rig.VaultSeed;
import io.yima.sim.wechat.ActivatedRange;
import io.yima.sim.wechat.WechatEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim demo}: the whole line on the simulator, end to end — forge an encrypted package, import it
 * into a fresh vault with the real edge CLI, start the edge around an emulated ZPL printer, scanner, PLC and
 * WeChat upstream, run one job with a small no-read rate at a visible pace, then show the reconciliation and
 * the activated ranges.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim demo", "  yima-sim demo --items 500 --rate 50 --no-read-rate 0.05 --dir demo-run",
                "  yima-sim demo --plc modbus-server --items 500 --rate 50",
                "  yima-sim demo --items 600 --rate 30 --per-case 12"},
        description = "Run the demo line: import -> print -> scan -> bind -> activate, on the simulator.")
public final class DemoCommand implements Callable<Integer> {
    static final long APPLICATION = 581865877L;

    @Option(names = "--items", defaultValue = "3000", description = "items in the job (default ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--rate", defaultValue = "150", description = "items per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--no-read-rate", defaultValue = "0.01", description = "scanner no-read rate (default ${DEFAULT-VALUE})")
    double noReadRate;

    @Option(names = "--codes", defaultValue = "20000", description = "codes to forge and import (default ${DEFAULT-VALUE})")
    int codes;

    @Option(names = "--symbol", defaultValue = "QR", description = "QR or MICROCODE (default ${DEFAULT-VALUE})")
    String symbol;

    @Option(names = "--plc", converter = PlcProtocol.Converter.class, defaultValue = "ascii",
            description = "how the PLC talks to the edge: ascii, modbus-server (the edge is the Modbus TCP server) or"
                    + " modbus-client (the edge polls the PLC every 10 ms; one trigger in flight, so expect about"
                    + " 40 items/s at most) (default: ${DEFAULT-VALUE})")
    PlcProtocol plc;

    @picocli.CommandLine.Mixin
    io.yima.sim.cli.PackingOptions packingOptions;

    @Option(names = "--dir", description = "work folder to keep: vault, packages, key, report (default: a temporary"
            + " folder, deleted when the demo ends)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (dir != null) {
            Path work = Files.createDirectories(dir);
            System.out.println("demo line in " + work);
            return run(work);
        }
        // The folder holds an AES key, an app secret and a vault: without --dir nothing of it may stay behind,
        // not even after Ctrl-C.
        Path work = Files.createTempDirectory("yima-demo");
        System.out.println("demo line in " + work + " (deleted when the demo ends)");
        Thread cleanup = new Thread(() -> Folders.deleteTree(work), "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            int exit = run(work);
            if (exit != 0) {
                System.out.println("(the work folder is deleted; run again with --dir DIR to keep vault and report)");
            }
            return exit;
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            Folders.deleteTree(work);
        }
    }

    private int run(Path work) throws Exception {
        io.yima.sim.rig.RigPacking packing;
        try {
            packing = packingOptions.station();
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            return 2;
        }
        if (packing != null && plc != PlcProtocol.ASCII) {
            System.err.println("demo: --per-case needs --plc ascii");
            return 2;
        }
        Path secret = work.resolve("wechat.secret");
        Files.writeString(secret, "demo-app-secret", StandardCharsets.UTF_8);

        System.out.println("1. forging " + codes + " codes into encrypted package files (10,000 per file)");
        System.out.print("2. ");
        System.out.flush();
        Path key = VaultSeed.importForged(work.resolve("vault.db"), APPLICATION, codes, work);

        System.out.println("   edge log: " + work.resolve("edge.log"));
        // the edge's own log (one WARN per rejected item, links, jobs) goes to a file; the console keeps the story
        try (io.yima.sim.console.ConsoleLog log = io.yima.sim.console.ConsoleLog.toFile(work.resolve("edge.log"));
             WechatEmulator wechat = new WechatEmulator(WechatEmulator.Settings.forTests(VaultSeed.KEY)).start()
                .adoptApplication(APPLICATION, codes)) {
            System.out.println("3. WeChat API emulator on " + wechat.baseUrl());
            RigSpec spec = new RigSpec(work, items, rate, PrinterLanguage.ZPL, symbol.toUpperCase(), APPLICATION, key,
                    wechat.baseUrl(), secret, noReadRate, 0, 0, 0, 0, 0, 1, 10_000);
            DemoEdge edge = new DemoEdge(items);
            System.out.printf("4. running a job of %d items at %.0f/s with %.1f %% scanner no-reads%n", items, rate,
                    noReadRate * 100);
            if (packing != null) {
                System.out.printf("   packing into cases of %d (%s), SSCC case labels on a case printer%n",
                        packing.perCase(), packing.mode().name().toLowerCase());
                if (packing.perPallet() > 0) {
                    System.out.printf("   stacking the cases onto pallets of %d, SSCC pallet labels on a pallet"
                            + " printer%n", packing.perPallet());
                }
            }
            RigReport r = new LineRig(spec, edge, null).plc(plc).packing(packing)
                    .activations(app -> wechat.activations().stream()
                            .filter(a -> a.applicationId() == app)
                            .map(a -> new long[] {a.codeStart(), a.codeEnd()}).toList())
                    .run(work.resolve("report.json"));
            System.out.println("5. reconciliation (from the vault, after the job closed):");
            edge.report().forEach(line -> System.out.println("   " + line));
            List<ActivatedRange> ranges = wechat.activations();
            long activated = ranges.stream().mapToLong(a -> a.codeEnd() - a.codeStart() + 1).sum();
            System.out.printf("6. activated upstream: %d codes in %d codeactive call(s) (minimal contiguous ranges)%n",
                    activated, ranges.size());
            System.out.printf("   printer emulator saw %d labels; duplicates printed %d; codes unaccounted %d%n",
                    r.labelsPrinted(), r.duplicatesPrinted(), r.codesUnaccounted());
            System.out.println("   trigger -> label printed ms p50/p99: " + r.triggerToPrinted().p50() + " / "
                    + r.triggerToPrinted().p99());
            if (r.cases() != null) {
                System.out.println("   " + io.yima.sim.cli.PackingOptions.words(r.cases()).replace("\n", "\n   "));
            }
            r.violations().forEach(v -> System.out.println("   violation: " + v));
            boolean balanced = edge.balanced() && activated == r.bound();
            System.out.println(balanced && r.violations().isEmpty()
                    ? "demo finished: every code accounted for, every bound code activated once."
                    : "demo finished WITH PROBLEMS (see above); report: " + work.resolve("report.json"));
            io.yima.vault.JobReport a = edge.account();
            java.util.Map<String, Long> faults = new java.util.TreeMap<>(a == null ? java.util.Map.of()
                    : a.rejectedByReason());
            System.out.println(io.yima.sim.console.Verdict.line(r.violations().size() + (balanced ? 0 : 1), items,
                    a == null ? r.printed() : a.printed(), a == null ? r.bound() : a.bound(),
                    a == null ? 0 : a.rejected(), a == null ? 0 : a.voidedAfterSent(), faults));
            return balanced && r.violations().isEmpty() ? 0 : 1;
        }
    }
}
