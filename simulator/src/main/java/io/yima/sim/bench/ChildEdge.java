package io.yima.sim.bench;

import io.yima.sim.rig.EdgeUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The edge under a benchmark as its own process ({@code java -Xmx1g -jar yima-edge.jar run --config FILE}), so the
 * emulators in the benchmark's JVM never share its heap, GC or JIT; its log goes to a file next to the config.
 * Stopped with SIGTERM (its shutdown runs), its CPU time kept for the report.
 */
final class ChildEdge implements EdgeUnderTest {
    private final Path edgeJar;
    private Process process;
    private Path log;
    private long cpuNanos;

    ChildEdge(Path edgeJar) {
        this.edgeJar = edgeJar;
    }

    @Override
    public void start(Path configFile) throws IOException {
        if (!Files.isRegularFile(edgeJar)) {
            throw new IOException("no edge jar at " + edgeJar + " (build with mvn -B -q -DskipTests package)");
        }
        log = configFile.resolveSibling("edge.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx1g", "-jar", edgeJar.toString(), "run", "--config",
                configFile.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process p = process;
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "stop-edge"));
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        cpuNanos = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String ended() {
        return process != null && !process.isAlive()
                ? "the edge exited with " + process.exitValue() + " (see " + log + ")" : null;
    }

    /** The edge's CPU time (user + system) up to its stop. */
    long cpuNanos() {
        return cpuNanos;
    }
}
