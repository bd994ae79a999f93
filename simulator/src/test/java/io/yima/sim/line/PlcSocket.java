package io.yima.sim.line;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A PLC as raw frames on a socket, for tests that must see exactly which frames arrive and in which order
 * (replays after a restart, NAK words). Reads block with a socket timeout, never a sleep.
 */
final class PlcSocket implements Closeable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;
    private final List<String> received = new ArrayList<>();

    PlcSocket(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    void send(String frame) throws IOException {
        out.write((frame + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads frames (heartbeats dropped) until one matches; returns every frame read, the match last. */
    List<String> readUntil(Predicate<String> last) throws IOException {
        List<String> frames = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no matching frame within 10 s; read " + frames, e);
            }
            if (line == null) {
                throw new AssertionError("connection closed; read " + frames);
            }
            if (line.startsWith("HB,")) {
                continue;
            }
            frames.add(line);
            received.add(line);
            if (last.test(line)) {
                return frames;
            }
        }
    }

    /** Sends a request and returns its reply, with every event frame read before it (heartbeats dropped). */
    List<String> call(String frame) throws IOException {
        String seq = frame.split(",")[1];
        send(frame);
        return readUntil(f -> (f.startsWith("ACK," + seq + ",") || f.equals("ACK," + seq)
                || f.startsWith("NAK," + seq + ",")));
    }

    static String last(List<String> frames) {
        return frames.get(frames.size() - 1);
    }

    List<String> received() {
        return received;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
