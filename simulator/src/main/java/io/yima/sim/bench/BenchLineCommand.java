package io.yima.sim.bench;

import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.sim.forge.PackageForge;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.PlcScenario;
import io.yima.sim.plc.ScenarioSpec;
import io.yima.sim.rig.EdgeYaml;
import io.yima.sim.rig.EmulatorCpu;
import io.yima.sim.rig.Percentiles;
import io.yima.sim.rig.VaultSeed;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim bench-line}: one edge (in this JVM) on loopback emulators. Measures sustained labels/s over
 * several lines in STREAM mode, with the emulators' CPU apart from the edge's, and trigger → PRINTED latency of
 * a triggered line alone and while a second application's package is imported into the same vault file by a
 * separate {@code yima-edge import} process. Runs the baseline (reserve block 1: SQLite reserve per label) and
 * the default (block 256) side by side.
 */
@Command(name = "bench-line", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim bench-line --lines 2 --labels 10000 --rate 300"},
        description = "Benchmark the line: labels/s, trigger -> PRINTED latency alone and during a 1M import.")
public final class BenchLineCommand implements Callable<Integer> {
    private static final long APP = 581865877L;
    private static final long IMPORT_APP = 581865878L;

    @Option(names = "--lines", defaultValue = "2", description = "lines for the throughput run (default ${DEFAULT-VALUE})")
    int lines;

    @Option(names = "--labels", defaultValue = "10000", description = "labels per line in the throughput run (default ${DEFAULT-VALUE})")
    int labels;

    @Option(names = "--symbol", defaultValue = "QR",
            description = "QR or MICROCODE (default ${DEFAULT-VALUE}; forged microcode matrices carry no finder patterns, so the emulated scanner cannot read them)")
    String symbol;

    @Option(names = "--graphic", defaultValue = "Z64", description = "ZPL graphic: Z64, RLE, HEX, NATIVE (default ${DEFAULT-VALUE})")
    String graphic;

    @Option(names = "--depth", defaultValue = "64", description = "STREAM print-ahead depth per line (default ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--rate", defaultValue = "300", description = "triggers/s in the latency runs (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--latency-items", defaultValue = "3000", description = "items in the latency-alone run (default ${DEFAULT-VALUE})")
    int latencyItems;

    @Option(names = "--import-codes", defaultValue = "1000000", description = "codes imported concurrently (default ${DEFAULT-VALUE}; 0 = skip)")
    int importCodes;

    @Option(names = "--import-window", defaultValue = "30", description = "seconds of triggers while the import runs (default ${DEFAULT-VALUE})")
    double importWindow;

    @Option(names = "--blocks", split = ",", defaultValue = "1,256", description = "vault.reserve_block values to compare (default ${DEFAULT-VALUE})")
    List<Integer> blocks;

    @Option(names = "--dir", description = "work folder (default: a new temporary folder)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        quietLogs();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("yima-bench-line");
        System.out.printf("bench-line in %s: %d line(s) x %d labels, %s/%s, depth %d; latency at %.0f/s; %d cores%n",
                work, lines, labels, symbol, graphic, depth, rate, Runtime.getRuntime().availableProcessors());
        List<Path> importFiles = List.of();
        Path importKey = work.resolve("import.key");
        if (importCodes > 0) {
            Files.writeString(importKey, VaultSeed.KEY, StandardCharsets.UTF_8);
            importFiles = PackageForge.forge(importCodes, 0, VaultSeed.KEY, work.resolve("import-package"), false,
                    IMPORT_APP);
        }
        List<String> rows = new ArrayList<>();
        for (int block : blocks) {
            rows.add(runOne(work.resolve("block-" + block), block, importFiles, importKey));
        }
        System.out.println();
        System.out.println("| reserve_block | labels/s (wall) | edge CPU ms/label | emulators CPU ms/label | "
                + "latency alone p50/p99/max ms | during import p50/p99/max ms | import s | NAKs during import |");
        System.out.println("|---:|---:|---:|---:|---|---|---:|---:|");
        rows.forEach(System.out::println);
        return 0;
    }

    private String runOne(Path work, int block, List<Path> importFiles, Path importKey) throws Exception {
        Files.createDirectories(work);
        Path vault = work.resolve("vault.db");
        int stock = lines * labels + latencyItems + (int) (rate * importWindow) + 10_000;
        VaultSeed.importForged(vault, APP, stock, work);
        List<EmulatedLine> emulated = new ArrayList<>();
        LineTally tally = new LineTally();
        try {
            EdgeYaml yaml = new EdgeYaml(vault, APP).reserveBlock(block).streamDepth(depth).symbol(symbol, graphic)
                    .verify("5s", Math.max(64, depth * 2));
            for (int i = 1; i <= lines; i++) {
                EmulatedLine l = new EmulatedLine("L" + i);
                emulated.add(l);
                yaml.line(l.config("STREAM"));
            }
            try (EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(yaml.write(work.resolve("edge.yaml"))), tally)) {
                // 1. Throughput: every line streams its job at once; the edge prints ahead of the scanners.
                List<PlcConversation> plcs = new ArrayList<>();
                for (EmulatedLine l : emulated) {
                    PlcConversation plc = new PlcConversation("127.0.0.1", l.plcPort, "BENCH-" + l.id, 1000, e -> { });
                    plc.open(10_000);
                    plcs.add(plc);
                }
                long[] cpu0 = {EmulatorCpu.processNanos(), EmulatorCpu.emulatorNanos()};
                long t0 = System.nanoTime();
                for (int i = 0; i < plcs.size(); i++) {
                    PlcFrame ack = plcs.get(i).call(10_000, "START", "TP-" + block + "-" + (i + 1), "SKU-B", "B1",
                            Integer.toString(labels), "mode=STREAM", "symbol=" + symbol);
                    if (!ack.command().equals("ACK")) {
                        throw new IOException("START refused: " + ack.encode());
                    }
                }
                long total = (long) lines * labels;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (tally.results() < total && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(5); // a benchmark's poll, not test synchronisation
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long[] cpu1 = {EmulatorCpu.processNanos(), EmulatorCpu.emulatorNanos()};
                long done = tally.results();
                double emulatorMs = (cpu1[1] - cpu0[1]) / 1e6;
                double edgeMs = (cpu1[0] - cpu0[0]) / 1e6 - emulatorMs;
                for (PlcConversation plc : plcs) {
                    plc.call(10_000, "CLOSE");
                    plc.close();
                }
                System.out.printf("block %d: %d results in %.2f s = %.0f labels/s; edge CPU %.0f ms (%.3f ms/label),"
                        + " emulators CPU %.0f ms (%.3f ms/label), %d rejected %s%n", block, done, seconds,
                        done / seconds, edgeMs, edgeMs / done, emulatorMs, emulatorMs / done, tally.rejected(),
                        tally.reasons());

                // 2. Latency alone: line 1, triggered at a steady rate.
                long a0 = System.nanoTime();
                runTriggered(emulated.get(0), "LAT-" + block, latencyItems);
                Percentiles alone = Percentiles.ofNanos(tally.latencies(a0, System.nanoTime()));
                System.out.printf("block %d: trigger -> PRINTED alone: %s ms (p50, p90, p99, max; %d labels)%n", block,
                        alone, alone.count());

                // 3. Latency while another application's package is imported into the same vault file.
                String during = "-";
                String importSeconds = "-";
                long naks = 0;
                if (!importFiles.isEmpty()) {
                    Process importer = startImport(vault, importFiles, importKey, work.resolve("import.log"));
                    long i0 = System.nanoTime();
                    java.util.concurrent.CompletableFuture<Long> ended = importer.onExit().thenApply(x -> System.nanoTime());
                    naks = runTriggered(emulated.get(0), "IMP-" + block, (int) (rate * importWindow));
                    long scenarioEnd = System.nanoTime();
                    long i1 = Math.min(ended.get(10, TimeUnit.MINUTES), scenarioEnd);
                    if (importer.exitValue() != 0) {
                        throw new IOException("concurrent import failed; see " + work.resolve("import.log"));
                    }
                    Percentiles p = Percentiles.ofNanos(tally.latencies(i0, i1));
                    during = p.p50() + " / " + p.p99() + " / " + p.max();
                    importSeconds = String.format("%.1f", (ended.get() - i0) / 1e9);
                    System.out.printf("block %d: trigger -> PRINTED during the %d-code import (import took %s s,"
                            + " %.1f s of it measured): %s ms (p50, p90, p99, max; %d labels), %d triggers refused%n",
                            block, importCodes, importSeconds, (i1 - i0) / 1e9, p, p.count(), naks);
                }
                return String.format("| %d | %.0f | %.3f | %.3f | %s / %s / %s | %s | %s | %d |", block, done / seconds,
                        edgeMs / done, emulatorMs / done, alone.p50(), alone.p99(), alone.max(), during, importSeconds,
                        naks);
            }
        } finally {
            for (EmulatedLine l : emulated) {
                l.close();
            }
        }
    }

    /** Runs one triggered job at the rate; returns how many triggers the edge refused. */
    private long runTriggered(EmulatedLine line, String job, int items) throws Exception {
        PlcScenario scenario = new PlcScenario();
        try (PlcConversation plc = new PlcConversation("127.0.0.1", line.plcPort, "BENCH-" + job, 1000, scenario)) {
            plc.open(10_000);
            var result = scenario.run(plc, new ScenarioSpec(job, "SKU-B", "B1", items, rate,
                    Map.of("symbol", symbol, "mode", "TRIGGERED"), 10_000, "item-"));
            return result.items().stream().filter(i -> "NAK".equals(i.result())).count();
        }
    }

    private static Process startImport(Path vault, List<Path> files, Path key, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.yima.cli.YimaEdge", "import",
                "--vault", vault.toString(), "--application", Long.toString(IMPORT_APP), "--key-file", key.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File(log.toString())).start();
    }

    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
