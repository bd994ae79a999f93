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
        return start(List.of(), jvmArgs, args, log, pipeStdout);
    }

    /**
     * As above, started through {@code wrapper} (e.g. {@code strace … -o FILE}) when it is not empty: the process
     * is then the wrapper's, and {@link #javaPid()} finds the JVM under it.
     */
    static JavaProcess start(List<String> wrapper, List<String> jvmArgs, List<String> args, Path log,
                             boolean pipeStdout) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
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

    /** The JVM's own process: this process, or the first java under a wrapper; null when it is not (yet) there. */
    ProcessHandle javaHandle() {
        if (isJava(process.toHandle())) {
            return process.toHandle();
        }
        return process.descendants().filter(JavaProcess::isJava).findFirst().orElse(null);
    }

    private static boolean isJava(ProcessHandle h) {
        return h.info().command().map(c -> c.endsWith("/java")).orElse(false);
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
        ProcessHandle java = javaHandle();
        if (java != null && java.pid() != process.pid()) {
            java.destroy(); // SIGTERM to the JVM itself: its wrapper ends with it
            java.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
