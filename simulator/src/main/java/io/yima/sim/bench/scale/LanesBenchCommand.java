package io.yima.sim.bench.scale;

import io.yima.sim.FreePorts;
import io.yima.common.UserFacingException;
import io.yima.sim.rig.EdgeYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim bench-lanes}: N independent lines on one edge and one vault, each with its own PLC (open-loop
 * triggers at R/s, in this process), printer and in-order scanner (all lanes' emulators in one other process), the
 * edge in a third. Per lane: OK, NAKs, rejects and PRINT→ACK; for the edge: CPU ms per printed label from
 * {@code /proc/<pid>/stat}, optionally fsyncs per label (strace) and a flight recording of the measured phase.
 * With {@code --lanes 1 --rate 100 --items 100 --warmup 0} it is the job-start measurement (a fresh edge's first
 * triggers).
 */
@Command(name = "bench-lanes", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim bench-lanes --work target/bench-lanes --lanes 1,4,8 --rate 30 --items 1500",
                "  yima-sim bench-lanes --work target/bench-lanes --codes 10000000 --lanes 1 --rate 100 --items 100 --warmup 0"},
        description = "Benchmark N lines on one edge (PLCs here, emulators and edge in their own processes).")
public final class LanesBenchCommand implements Callable<Integer> {
    private static final long APP = 581865877L;

    @Option(names = "--lanes", split = ",", defaultValue = "1,4,8", description = "lane counts, one run each (default ${DEFAULT-VALUE})")
    List<Integer> laneCounts;

    @Option(names = "--rate", defaultValue = "30", description = "triggers/s per lane (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--items", defaultValue = "1500", description = "measured triggers per lane (default ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--warmup", defaultValue = "150",
            description = "unmeasured triggers per lane first, in a job of their own (default ${DEFAULT-VALUE}); 0 = measure a fresh edge")
    int warmup;

    @Option(names = "--codes", defaultValue = "50000", description = "vault size (default ${DEFAULT-VALUE}); built once under --work")
    long codes;

    @Option(names = "--work", required = true, description = "work folder: cached vaults (vaults/), one folder per run (runs/)")
    Path work;

    @Option(names = "--edge-jar", defaultValue = "edge-core/target/yima-edge.jar", description = "the edge build under test (default ${DEFAULT-VALUE})")
    Path edgeJar;

    @Option(names = "--edge-jvm", defaultValue = "-Xmx1g", description = "JVM options of the edge, space separated (default ${DEFAULT-VALUE})")
    String edgeJvm;

    @Option(names = "--reserve-block", description = "the edge's vault.reserve_block (default: the edge's own)")
    Integer reserveBlock;

    @Option(names = "--label", defaultValue = "run", description = "names the run folders and the output")
    String label;

    @Option(names = "--settle", defaultValue = "15000", description = "ms to wait after the last trigger for results (default ${DEFAULT-VALUE})")
    long settleMillis;

    @Option(names = "--fsyncs", description = "run the edge under strace (fsync and fdatasync only) and report fsyncs per label")
    boolean fsyncs;

    @Option(names = "--trace", description = "write every measured trigger's times to the run folder's triggers-L<n>.csv"
            + " (wall-clock due time, send lag, reply, PRINTED, NAK/result), to line stalls up with other logs")
    boolean triggerTrace;

    @Option(names = "--jfr", description = "record the measured phase with Java Flight Recorder (jcmd JFR.start/stop) into the run folder's edge.jfr")
    boolean jfr;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(edgeJar)) {
            throw new UserFacingException("no edge jar at " + edgeJar + " (build with mvn -B -q -DskipTests package)");
        }
        Files.createDirectories(work);
        VaultCache vaults = new VaultCache(work, edgeJar.toAbsolutePath(), APP);
        vaults.pristine(codes);
        System.out.printf("bench-lanes [%s]: lanes %s × %.0f triggers/s, %d triggers per lane (+%d warm-up), %,d codes,"
                        + " edge %s %s; %d cores, java %s, load average %s%n", label, laneCounts, rate, items, warmup,
                codes, edgeJar, edgeJvm, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                LoadAverage.now());
        List<String> summaries = new ArrayList<>();
        Double oneLaneP99 = null;
        for (int lanes : laneCounts) {
            LaneRun run = runOne(vaults, lanes);
            System.out.println(LaneRun.LANE_HEADER);
            run.laneRows().forEach(System.out::println);
            if (lanes == 1) {
                oneLaneP99 = run.worstP99();
            }
            String s = run.summary(oneLaneP99);
            summaries.add(s);
            System.out.println(LaneRun.SUMMARY_HEADER);
            System.out.println(s);
            System.out.println("  " + run.notes());
        }
        System.out.println();
        System.out.println("bench-lanes [" + label + "] (PRINT→ACK from each trigger's scheduled time):");
        System.out.println(LaneRun.SUMMARY_HEADER);
        summaries.forEach(System.out::println);
        return 0;
    }

    private LaneRun runOne(VaultCache vaults, int lanes) throws Exception {
        Path runDir = Files.createDirectories(work.resolve("runs").resolve(label + "-" + lanes + "x" + (long) rate));
        Path vault = vaults.copyFor(codes, runDir);
        int[] ports = FreePorts.distinct(lanes + 1); // the PLC ports, then the status port
        int statusPort = ports[lanes];
        String classPath = System.getProperty("java.class.path");
        try (LaneEmulators emulators = LaneEmulators.start(classPath, lanes, runDir.resolve("emulators.log"))) {
            EdgeYaml yaml = new EdgeYaml(vault.toAbsolutePath(), APP).symbol("QR", "NATIVE").statusPort(statusPort);
            if (reserveBlock != null) {
                yaml.reserveBlock(reserveBlock);
            }
            int[] plcPorts = new int[lanes];
            for (int i = 0; i < lanes; i++) {
                plcPorts[i] = ports[i];
                LaneEmulators.Ports p = emulators.lanes.get(i);
                yaml.line(new EdgeYaml.Line("L" + (i + 1), p.printer(), p.scanner(), plcPorts[i], "TRIGGERED"));
            }
            Path config = yaml.write(runDir.resolve("edge.yaml"));
            List<String> jvm = edgeJvm.isBlank() ? List.of() : Arrays.asList(edgeJvm.trim().split("\\s+"));
            FsyncTrace trace = fsyncs ? new FsyncTrace(runDir.resolve("fsync.strace")) : null;
            LaneRun run;
            try (EdgeProcess edge = EdgeProcess.start(trace == null ? List.of() : trace.wrapper(), edgeJar, jvm, config,
                    plcPorts[lanes - 1], statusPort, runDir.resolve("edge.log"))) {
                for (int p : plcPorts) {
                    awaitListening(p);
                }
                long pid = edge.jvm.javaHandle().pid();
                if (warmup > 0) {
                    allLanes(plcPorts, "WARM-" + lanes, warmup, null);
                }
                if (jfr) {
                    jcmd(pid, "JFR.start", "name=lanes", "settings=profile",
                            "filename=" + runDir.resolve("edge.jfr").toAbsolutePath());
                }
                String loadBefore = LoadAverage.now();
                long cpu0 = ProcStat.cpuTicks(pid);
                long jit0 = ProcStat.compilerTicks(pid);
                long wall0 = System.currentTimeMillis();
                List<TriggerLog.Summary> perLane = allLanes(plcPorts, "LANES-" + lanes, items, triggerTrace ? runDir : null);
                long wall1 = System.currentTimeMillis();
                long cpu1 = ProcStat.cpuTicks(pid);
                long jit1 = ProcStat.compilerTicks(pid);
                if (jfr) {
                    jcmd(pid, "JFR.stop", "name=lanes");
                }
                String loadAfter = LoadAverage.now();
                edge.close();
                long fsyncCount = trace == null ? -1 : trace.between(wall0, wall1);
                run = new LaneRun(lanes, rate, perLane, (cpu1 - cpu0) * ProcStat.TICK_MS,
                        jit0 < 0 || jit1 < 0 ? -1 : (jit1 - jit0) * ProcStat.TICK_MS, fsyncCount,
                        (wall1 - wall0) / 1000.0, loadBefore, loadAfter, VaultAudit.of(vault));
            }
            return run;
        } finally {
            VaultCache.deleteVault(vault);
        }
    }

    /** Every lane's PLC runs its job at the same time, each on its own thread. */
    private List<TriggerLog.Summary> allLanes(int[] plcPorts, String job, int n, Path traceDir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(plcPorts.length);
        try {
            List<Future<TriggerLog.Summary>> futures = new ArrayList<>();
            for (int i = 0; i < plcPorts.length; i++) {
                int port = plcPorts[i];
                String jobId = job + "-L" + (i + 1);
                Path csv = traceDir == null ? null : traceDir.resolve("triggers-L" + (i + 1) + ".csv");
                futures.add(pool.submit(() -> new OpenLoopPlc("127.0.0.1", port).run(jobId, n, rate, "QR", settleMillis,
                        csv)));
            }
            List<TriggerLog.Summary> out = new ArrayList<>();
            for (Future<TriggerLog.Summary> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    private static void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the edge's PLC port " + port + " did not open within 60 s");
                }
                TimeUnit.MILLISECONDS.sleep(100); // polling another process's start-up
            }
        }
    }


    /** What the vault holds after the run (edge stopped): items bound twice, codes left SENT. */
    record VaultAudit(long bound, long rejected, long itemsBoundTwice, long leftSent) {
        static VaultAudit of(Path vault) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vault);
                 Statement st = c.createStatement()) {
                return new VaultAudit(one(st, "SELECT count(*) FROM code WHERE job_id LIKE 'LANES-%' AND state = 3"),
                        one(st, "SELECT count(*) FROM code WHERE job_id LIKE 'LANES-%' AND state = 4"),
                        one(st, "SELECT count(*) FROM (SELECT 1 FROM code WHERE job_id IS NOT NULL AND state = 3"
                                + " GROUP BY job_id, item_id HAVING count(*) > 1)"),
                        one(st, "SELECT count(*) FROM code WHERE job_id IS NOT NULL AND state = 2"));
            } catch (java.sql.SQLException e) {
                return new VaultAudit(-1, -1, -1, -1);
            }
        }

        private static long one(Statement st, String sql) throws java.sql.SQLException {
            try (ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
