package io.yima.sim.bench.scale;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the benchmark (edge, emulators, importer): started with this JVM's java, output to a log file,
 * its CPU time readable, stopped with SIGTERM (so shutdown hooks run) and killed only if it does not stop.
 */
final class JavaProcess implements AutoCloseable {
    /** Children still running; a benchmark stopped with Ctrl-C must not leave an edge holding a 3 GB vault open. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "stop-children"));
    }

    final Process process;
    final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java jvmArgs… args…}; stdout and stderr go to {@code log} unless {@code pipeStdout}. */
    static JavaProcess start(List<String> jvmArgs, List<String> args, Path log, boolean pipeStdout)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!pipeStdout) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return new JavaProcess(p, log);
    }

    /** User + system CPU of the process so far (0 when the platform does not say). */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int await(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            process.destroyForcibly();
            throw new IOException("process did not finish within " + unit.toSeconds(timeout) + " s; see " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
