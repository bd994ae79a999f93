package io.yima.sim.bench.scale;

import io.yima.sim.cli.LineEmulatorsCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code yima-sim line-emulators --lines N} in a JVM of its own: N printers and N scanners, and their ports. */
final class LaneEmulators implements AutoCloseable {
    private static final Pattern PAIR = Pattern.compile("printer=(\\d+) scanner=(\\d+)");

    /** One lane's emulator ports. */
    record Ports(int printer, int scanner) {
    }

    final JavaProcess jvm;
    final List<Ports> lanes;

    private LaneEmulators(JavaProcess jvm, List<Ports> lanes) {
        this.jvm = jvm;
        this.lanes = lanes;
    }

    static LaneEmulators start(String classPath, int lanes, Path log) throws IOException {
        JavaProcess jvm = JavaProcess.start(List.of("-cp", classPath), List.of("io.yima.sim.YimaSim", "line-emulators",
                "--lines", Integer.toString(lanes), "--exit-on-stdin-eof"), log, true);
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(LineEmulatorsCommand.READY)) {
                List<Ports> ports = new ArrayList<>();
                Matcher m = PAIR.matcher(line);
                while (m.find()) {
                    ports.add(new Ports(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
                if (ports.size() != lanes) {
                    throw new IOException("line-emulators announced " + ports.size() + " lines, not " + lanes);
                }
                Thread t = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discarded; keeps the child from blocking on a full pipe
                        }
                    } catch (IOException e) {
                        // child gone
                    }
                }, "lane-emulators-stdout");
                t.setDaemon(true);
                t.start();
                return new LaneEmulators(jvm, List.copyOf(ports));
            }
        }
        throw new IOException("line-emulators ended before announcing its ports; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
