package io.yima.sim.bench;

import io.yima.sim.rig.LineRig;
import io.yima.sim.rig.RigPacking;
import io.yima.sim.rig.RigReport;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.rig.VaultSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim bench-packing}: a TRIGGERED line at a fixed rate, without packing (the baseline) and packing into
 * cases in count-and-close and scan-to-aggregate mode, side by side. The edge runs as its own process
 * ({@code yima-edge.jar run}); this JVM holds the emulators (printer, belt, scanner, case packer, case printer,
 * case reader or camera) and the PLC. Each run gets a fresh copy of one seeded vault. Reports cases/min, item OK →
 * CASE_PACKED latency (the item's bind to its case's result as the PLC hears them), trigger → result latency and the
 * edge's CPU per item.
 */
@Command(name = "bench-packing", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim bench-packing --items 100000 --rate 30 --per-case 12,24",
                "  yima-sim bench-packing --items 3600 --rate 30 --per-case 12,24 --dir target/bench-packing"},
        description = "Benchmark packing: cases/min and item -> case latency, count and scan modes, beside the same"
                + " line without packing.")
public final class PackingBenchCommand implements Callable<Integer> {
    private static final long APP = 581865877L;

    @Option(names = "--items", defaultValue = "100000", description = "items per run (default ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--rate", defaultValue = "30", description = "items per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--per-case", split = ",", defaultValue = "12,24",
            description = "case sizes to run, each in count and scan mode (default ${DEFAULT-VALUE})")
    List<Integer> perCase;

    @Option(names = "--codes", defaultValue = "0",
            description = "codes in the vault (default: items + 10%, at least 100,000)")
    int codes;

    @Option(names = "--edge-jar", defaultValue = "edge-core/target/yima-edge.jar",
            description = "the edge build under test (default ${DEFAULT-VALUE})")
    Path edgeJar;

    @Option(names = "--dir", description = "work folder (default: a new temporary folder)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("yima-bench-packing");
        int stock = codes > 0 ? codes : Math.max(100_000, items + items / 10);
        System.out.printf(Locale.ROOT, "bench-packing in %s: %d items at %.0f/s per run, cases of %s, a %d-code"
                        + " vault; edge %s in its own process; %d cores%n", work, items, rate, perCase, stock,
                edgeJar, Runtime.getRuntime().availableProcessors());
        Path seeded = work.resolve("seed").resolve("vault.db");
        if (!Files.exists(seeded)) {
            Files.createDirectories(seeded.getParent());
            VaultSeed.importForged(seeded, APP, stock, seeded.getParent());
        }
        List<String> rows = new ArrayList<>();
        rows.add(runOne(work, seeded, null));
        for (int n : perCase) {
            rows.add(runOne(work, seeded, new RigPacking(n, RigPacking.Mode.COUNT)));
            rows.add(runOne(work, seeded, new RigPacking(n, RigPacking.Mode.SCAN)));
        }
        System.out.println();
        System.out.println("| line | items OK (of) | cases packed / refused / no result | cases/min | item OK → CASE_PACKED"
                + " p50 / p99 ms | trigger → result p50 / p99 ms | edge CPU ms / item | violations | load 1 min before → after |");
        System.out.println("|---|---:|---|---:|---|---|---:|---:|---|");
        rows.forEach(System.out::println);
        return 0;
    }

    private String runOne(Path work, Path seeded, RigPacking packing) throws Exception {
        String name = packing == null ? "baseline" : packing.mode().name().toLowerCase() + "-" + packing.perCase();
        Path runDir = Files.createDirectories(work.resolve(name));
        Files.copy(seeded, runDir.resolve("vault.db"), StandardCopyOption.REPLACE_EXISTING);
        RigSpec spec = RigSpec.defaults(runDir, items, rate).withSettleMillis(20_000);
        ChildEdge edge = new ChildEdge(edgeJar.toAbsolutePath());
        String loadBefore = load();
        System.out.printf("%s: %d items at %.0f/s …%n", name, items, rate);
        RigReport r = new LineRig(spec, edge, null).packing(packing).run(runDir.resolve("report.json"));
        String loadAfter = load();
        double cpuPerItem = edge.cpuNanos() / 1e6 / Math.max(1, r.bound());
        String cases = "–";
        String perMinute = "–";
        String itemToCase = "–";
        String line = "no packing (baseline)";
        if (r.cases() != null) {
            RigPacking.Cases c = r.cases();
            long refused = c.refusedByReason().values().stream().mapToLong(Long::longValue).sum();
            cases = c.packed() + " / " + refused + " / " + c.unsettled();
            perMinute = String.format(Locale.ROOT, "%.1f", c.casesPerMinute());
            itemToCase = String.format(Locale.ROOT, "%.1f / %.1f", c.itemToCasePacked().p50(),
                    c.itemToCasePacked().p99());
            line = c.mode() + ", cases of " + c.perCase();
        }
        String row = String.format(Locale.ROOT, "| %s | %d (%d) | %s | %s | %s | %.1f / %.1f | %.2f | %d | %s → %s |",
                line, r.bound(), r.items(), cases, perMinute, itemToCase, r.triggerToResult().p50(),
                r.triggerToResult().p99(), cpuPerItem, r.violations().size(), loadBefore, loadAfter);
        System.out.println(row);
        r.violations().forEach(v -> System.out.println("  violation: " + v));
        return row;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
