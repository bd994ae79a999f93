package io.yima.sim.crash;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The edge as a separate process ({@code java -cp … io.yima.cli.YimaEdge run --config FILE}) on the test's class
 * path, so it can be killed with SIGKILL while the emulators, which hold the ground truth, live on.
 */
final class EdgeProcess {
    private final Path config;
    private final Path log;
    private final int plcPort;
    private Process process;

    EdgeProcess(Path config, Path log, int plcPort) {
        this.config = config;
        this.log = log;
        this.plcPort = plcPort;
    }

    /** Starts the edge and returns once its PLC port accepts connections. */
    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classPath, "io.yima.cli.YimaEdge", "run", "--config", config.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
        process = pb.start();
        Process p = process;
        Awaitility.await("edge PLC port " + plcPort).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("edge exited with " + p.exitValue() + "; its log ends: "
                                + tail());
                    }
                    return listening();
                });
    }

    private String tail() throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", plcPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }
}
