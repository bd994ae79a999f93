package io.yima.sim.plc;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** One TCP connection to the edge's PLC port: frames out, frames in on a reader thread. No protocol logic. */
final class PlcLink implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private volatile long lastSent = System.nanoTime();

    private PlcLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects and starts delivering received frames (and null once, when the link ends). */
    static PlcLink open(String host, int port, Consumer<PlcFrame> frames, Runnable closed) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 2000);
        s.setTcpNoDelay(true);
        PlcLink link = new PlcLink(s);
        Thread t = new Thread(() -> link.read(frames, closed), "plc-link");
        t.setDaemon(true);
        t.start();
        return link;
    }

    void send(PlcFrame frame) throws IOException {
        byte[] bytes = (frame.encode() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
        lastSent = System.nanoTime();
    }

    long nanosSinceSent() {
        return System.nanoTime() - lastSent;
    }

    private void read(Consumer<PlcFrame> frames, Runnable closed) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean overlong = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    if (!overlong) {
                        String text = line.toString(StandardCharsets.US_ASCII);
                        if (text.endsWith("\r")) {
                            text = text.substring(0, text.length() - 1);
                        }
                        PlcFrame f = PlcFrame.parse(text);
                        if (f != null) {
                            frames.accept(f);
                        }
                    }
                    line.reset();
                    overlong = false;
                } else if (line.size() > PlcFrame.MAX_LENGTH + 1) {
                    overlong = true;
                } else {
                    line.write(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            // link ended
        } finally {
            closeQuietly();
            closed.run();
        }
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
