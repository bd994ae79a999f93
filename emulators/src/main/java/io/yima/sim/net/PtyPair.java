package io.yima.sim.net;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pair of connected pseudo-terminals made by {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}: the emulator
 * opens {@link #devicePath()} as a file, the edge gets {@link #hostPath()} as its serial port.
 */
public final class PtyPair implements Closeable {
    private static final Pattern PTY = Pattern.compile("PTY is (\\S+)");

    private final Process socat;
    private final String device;
    private final String host;

    private PtyPair(Process socat, String device, String host) {
        this.socat = socat;
        this.device = device;
        this.host = host;
    }

    public static PtyPair open() throws IOException {
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        List<String> paths = new ArrayList<>();
        String line;
        while (paths.size() < 2 && (line = err.readLine()) != null) {
            Matcher m = PTY.matcher(line);
            if (m.find()) {
                paths.add(m.group(1));
            }
        }
        if (paths.size() < 2) {
            p.destroy();
            throw new IOException("socat did not report two pty paths (is socat installed?)");
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // socat keeps logging transfers at -d -d; read to keep its pipe from filling
                }
            } catch (IOException e) {
                // socat gone
            }
        }, "socat-log");
        drain.setDaemon(true);
        drain.start();
        return new PtyPair(p, paths.get(0), paths.get(1));
    }

    /** Serves the device end on its own thread, as a device attached to the serial line would. */
    public PtyPair serve(String threadName, TcpListener.StreamSession session) throws IOException {
        java.io.InputStream in = new java.io.FileInputStream(device);
        java.io.OutputStream out = new java.io.FileOutputStream(device);
        Thread t = new Thread(() -> {
            try {
                session.serve(in, out);
            } catch (IOException e) {
                // pty closed
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return this;
    }

    public String devicePath() {
        return device;
    }

    public String hostPath() {
        return host;
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            socat.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
