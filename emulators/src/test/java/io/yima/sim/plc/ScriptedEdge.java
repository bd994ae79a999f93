package io.yima.sim.plc;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny fake edge PLC port driven by a test script: expect this frame, send these frames. */
final class ScriptedEdge implements Closeable {
    private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    final List<String> eventAcks = new ArrayList<>();

    ScriptedEdge() throws IOException {
        server.setSoTimeout(10_000);
    }

    int port() {
        return server.getLocalPort();
    }

    void accept() throws IOException {
        socket = server.accept();
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    /** The next request frame from the PLC, skipping event ACKs and PINGs (which are recorded / answered). */
    String expect() throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("PLC closed the link");
            }
            if (line.startsWith("ACK,")) {
                eventAcks.add(line);
            } else if (line.startsWith("PING,")) {
                send("ACK," + line.split(",")[1]);
            } else {
                return line;
            }
        }
    }

    void send(String... frames) throws IOException {
        for (String f : frames) {
            out.write((f + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    void drop() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
