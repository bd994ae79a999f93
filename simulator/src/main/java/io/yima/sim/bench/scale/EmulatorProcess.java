package io.yima.sim.bench.scale;

import io.yima.sim.cli.LineEmulatorsCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code yima-sim line-emulators} in a JVM of its own, and the ports it announced. */
final class EmulatorProcess implements AutoCloseable {
    private static final Pattern PORTS = Pattern.compile("printer=(\\d+) scanner=(\\d+)");

    final JavaProcess jvm;
    final int printerPort;
    final int scannerPort;

    private EmulatorProcess(JavaProcess jvm, int printerPort, int scannerPort) {
        this.jvm = jvm;
        this.printerPort = printerPort;
        this.scannerPort = scannerPort;
    }

    static EmulatorProcess start(String classPath, Path log) throws IOException {
        JavaProcess jvm = JavaProcess.start(List.of("-cp", classPath),
                List.of("io.yima.sim.YimaSim", "line-emulators", "--exit-on-stdin-eof"), log, true);
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = PORTS.matcher(line);
            if (line.startsWith(LineEmulatorsCommand.READY) && m.find()) {
                drain(out);
                return new EmulatorProcess(jvm, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        }
        throw new IOException("line-emulators ended before announcing its ports; see " + log);
    }

    /** Keeps reading the child's stdout so it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: the ports were all we needed
                }
            } catch (IOException e) {
                // child gone
            }
        }, "emulators-stdout");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
