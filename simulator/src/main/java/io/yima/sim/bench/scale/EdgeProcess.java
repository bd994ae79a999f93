package io.yima.sim.bench.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The edge under test as a site runs it: {@code java -jar yima-edge.jar run --config FILE}, its own process. */
final class EdgeProcess implements AutoCloseable {
    final JavaProcess jvm;

    private EdgeProcess(JavaProcess jvm) {
        this.jvm = jvm;
    }

    /** Starts the edge and returns once its PLC and status ports accept connections. */
    static EdgeProcess start(Path edgeJar, List<String> jvmOptions, Path config, int plcPort, int statusPort,
                             Path log) throws IOException, InterruptedException {
        return start(List.of(), edgeJar, jvmOptions, config, plcPort, statusPort, log);
    }

    /** As above, the JVM started through {@code wrapper} (empty: none). */
    static EdgeProcess start(List<String> wrapper, Path edgeJar, List<String> jvmOptions, Path config, int plcPort,
                             int statusPort, Path log) throws IOException, InterruptedException {
        List<String> jvmArgs = new ArrayList<>(jvmOptions);
        jvmArgs.add("-jar");
        jvmArgs.add(edgeJar.toString());
        EdgeProcess edge = new EdgeProcess(JavaProcess.start(wrapper, jvmArgs, List.of("run", "--config", config.toString()),
                log, false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(listening(statusPort) && listening(plcPort))) {
            if (!edge.jvm.alive()) {
                throw new IOException("edge exited (" + edge.jvm.process.exitValue() + ") during start; see " + log);
            }
            if (System.nanoTime() > deadline) {
                edge.close();
                throw new IOException("edge did not open its ports within 120 s; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling another process's start-up
        }
        return edge;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
