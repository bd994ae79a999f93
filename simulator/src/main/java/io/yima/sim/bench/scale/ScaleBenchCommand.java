package io.yima.sim.bench.scale;

import io.yima.sim.FreePorts;
import io.yima.common.UserFacingException;
import io.yima.sim.rig.EdgeYaml;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim bench-scale}: the same TRIGGERED line against vaults of growing size, at fixed trigger rates.
 * Three processes per run, so no one's CPU is charged to another: the edge ({@code java -jar yima-edge.jar run}),
 * the printer + scanner emulators ({@code yima-sim line-emulators}), and this process, which is the PLC (open-loop
 * triggers) and the status-port scraper. Prints one table row per vault size × rate.
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim bench-scale --work target/bench-scale --sizes 20000,1000000 --rates 100,300"},
        description = "Benchmark a triggered line against vaults of 20k .. 20M codes (edge and emulators in separate processes).")
public final class ScaleBenchCommand implements Callable<Integer> {
    private static final long APP = 581865877L;

    @Option(names = "--sizes", split = ",", defaultValue = "20000,1000000,10000000,20000000",
            description = "vault sizes in codes (default ${DEFAULT-VALUE})")
    List<Long> sizes;

    @Option(names = "--rates", split = ",", defaultValue = "100,300", description = "triggers/s (default ${DEFAULT-VALUE})")
    List<Double> rates;

    @Option(names = "--items", defaultValue = "3000", description = "measured triggers per run (default ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--warmup", defaultValue = "300",
            description = "unmeasured triggers first, at the same rate, so each edge's JIT is warm (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--work", required = true, description = "work folder: cached vaults (vaults/), one folder per run (runs/)")
    Path work;

    @Option(names = "--edge-jar", defaultValue = "edge-core/target/yima-edge.jar",
            description = "the edge build under test (default ${DEFAULT-VALUE})")
    Path edgeJar;

    @Option(names = "--edge-jvm", defaultValue = "-Xmx1g", description = "JVM options of the edge, space separated (default ${DEFAULT-VALUE})")
    String edgeJvm;

    @Option(names = "--label", defaultValue = "run", description = "names the run folders and the output (e.g. baseline, after)")
    String label;

    @Option(names = "--scrape-pause", defaultValue = "1000", description = "ms between rounds of status-port scrapes (default ${DEFAULT-VALUE})")
    long scrapePause;

    @Option(names = "--settle", defaultValue = "15000", description = "ms to wait after the last trigger for results (default ${DEFAULT-VALUE})")
    long settleMillis;

    @Option(names = "--export-backlog", defaultValue = "0",
            description = "events waiting in the vault's export outbox at start, with MQTT export on and a broker that"
                    + " never answers (the backlog cannot drain); 0 = export off (default)")
    long exportBacklog;

    @Option(names = "--keep-vaults", description = "keep each run's vault copy (they are deleted after the run otherwise)")
    boolean keepVaults;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(edgeJar)) {
            throw new UserFacingException("no edge jar at " + edgeJar + " (build with mvn -B -q -DskipTests package)");
        }
        Files.createDirectories(work);
        VaultCache vaults = new VaultCache(work, edgeJar.toAbsolutePath(), APP);
        System.out.printf("bench-scale [%s]: sizes %s, rates %s/s, %d triggers (+%d warm-up), edge %s; %d cores, "
                        + "java %s, load average %s%n", label, sizes, rates, items, warmup, edgeJar,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), LoadAverage.now());
        List<ScaleRun> runs = new ArrayList<>();
        for (long codes : sizes) {
            vaults.pristine(codes);
            for (double rate : rates) {
                ScaleRun run;
                String load = LoadAverage.now();
                try {
                    run = runOne(vaults, codes, rate);
                } catch (IOException e) {
                    // One size × rate failing (edge stuck, refused) must not cost the other runs' figures.
                    run = ScaleRun.failed(codes, rate, e.getMessage(), load);
                }
                runs.add(run);
                System.out.println(ScaleRun.HEADER.lines().findFirst().orElseThrow());
                System.out.println(run.row());
                System.out.println("  " + run.notes());
            }
        }
        System.out.println();
        System.out.println("bench-scale [" + label + "] results (latencies from each trigger's scheduled time):");
        System.out.println(ScaleRun.HEADER);
        runs.forEach(r -> System.out.println(r.row()));
        runs.forEach(r -> System.out.println("- " + r.notes()));
        return 0;
    }

    private ScaleRun runOne(VaultCache vaults, long codes, double rate) throws Exception {
        Path runDir = Files.createDirectories(work.resolve("runs").resolve(label + "-" + codes + "-" + (long) rate));
        Path vault = vaults.copyFor(codes, runDir);
        int[] ports = FreePorts.distinct(2);
        int plcPort = ports[0];
        int statusPort = ports[1];
        String classPath = System.getProperty("java.class.path");
        try (EmulatorProcess emulators = EmulatorProcess.start(classPath, runDir.resolve("emulators.log"))) {
            // Printer-drawn QR (^BQ): the edge sends ~110 bytes per label, as in the measurement.
            Path config = new EdgeYaml(vault.toAbsolutePath(), APP).symbol("QR", "NATIVE").statusPort(statusPort)
                    .line(new EdgeYaml.Line("L1", emulators.printerPort, emulators.scannerPort, plcPort, "TRIGGERED"))
                    .write(runDir.resolve("edge.yaml"));
            ServerSocket silentBroker = null;
            if (exportBacklog > 0) {
                silentBroker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ExportBacklogFill.fill(vault, exportBacklog);
                Files.writeString(config, String.join("\n", "", "export:", "  mqtt:", "    enabled: true",
                        "    broker: tcp://127.0.0.1:" + silentBroker.getLocalPort(), "    site: bench", "    edge: e1", ""),
                        java.nio.file.StandardOpenOption.APPEND);
            }
            List<String> jvm = edgeJvm.isBlank() ? List.of() : Arrays.asList(edgeJvm.trim().split("\\s+"));
            try (EdgeProcess edge = EdgeProcess.start(edgeJar, jvm, config, plcPort, statusPort,
                    runDir.resolve("edge.log"))) {
                OpenLoopPlc plc = new OpenLoopPlc("127.0.0.1", plcPort);
                if (warmup > 0) {
                    plc.run("WARM-" + codes + "-" + (long) rate, warmup, rate, "QR", settleMillis);
                }
                String loadBefore = LoadAverage.now();
                long edgeCpu0 = edge.jvm.cpuNanos();
                long emuCpu0 = emulators.jvm.cpuNanos();
                long t0 = System.nanoTime();
                TriggerLog.Summary summary;
                StatusScraper scraper = new StatusScraper(statusPort, scrapePause);
                try {
                    summary = plc.run("SCALE-" + codes + "-" + (long) rate, items, rate, "QR", settleMillis);
                } finally {
                    scraper.close();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                return new ScaleRun(codes, rate, summary, scraper.results(), (edge.jvm.cpuNanos() - edgeCpu0) / 1e9,
                        (emulators.jvm.cpuNanos() - emuCpu0) / 1e9, seconds, loadBefore, LoadAverage.now(), null);
            } finally {
                if (silentBroker != null) {
                    silentBroker.close();
                }
            }
        } finally {
            if (!keepVaults) {
                VaultCache.deleteVault(vault);
            }
        }
    }

}
