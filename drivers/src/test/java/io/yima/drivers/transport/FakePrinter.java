package io.yima.drivers.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A tiny Zebra on 127.0.0.1: answers {@code ~HS} with the configured reply, can go silent, drop the connection or stop
 * reading. Everything else it receives is kept for assertions.
 */
final class FakePrinter implements AutoCloseable {
    enum Mode { ANSWER, SILENT, DROP_AFTER_REPLY, NO_READ }

    static final String READY = "\u0002030,0,0,1245,000,0,0,0,000,0,0,0\u0003\r\n"
            + "\u0002001,0,0,0,0,2,6,0,00000000,1,000\u0003\r\n\u00021234,0\u0003\r\n";
    static final String HEAD_OPEN = READY.replace("001,0,0,0", "001,0,1,0");

    final ServerSocket server;
    volatile Mode mode;
    volatile String reply = READY;
    /** When set, each ~HS reply says "formats in buffer" = the ^XZ seen before that ~HS on the connection. */
    volatile boolean countFormats;
    final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread acceptor;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    FakePrinter(Mode mode) throws IOException {
        this.mode = mode;
        server = new ServerSocket();
        server.setReceiveBufferSize(4096); // so a printer that stops reading backs up quickly
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "fake-printer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    java.net.URI uri() {
        return java.net.URI.create("tcp://127.0.0.1:" + port());
    }

    synchronized String receivedText() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.add(s);
                Thread t = new Thread(() -> serve(s), "fake-printer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            if (mode == Mode.NO_READ) {
                closed.await(); // hold the connection open and never read a byte
                return;
            }
            byte[] buf = new byte[8192];
            StringBuilder window = new StringBuilder();
            int n;
            int formats = 0;
            while ((n = in.read(buf)) > 0) {
                synchronized (this) {
                    received.write(buf, 0, n);
                }
                window.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                int at;
                while ((at = window.indexOf("~HS")) >= 0) {
                    formats += count(window.substring(0, at), "^XZ");
                    window.delete(0, at + 3);
                    if (mode == Mode.ANSWER || mode == Mode.DROP_AFTER_REPLY) {
                        String r = countFormats ? READY.replace("1245,000", String.format("1245,%03d", formats)) : reply;
                        s.getOutputStream().write(r.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    }
                    if (mode == Mode.DROP_AFTER_REPLY) {
                        mode = Mode.ANSWER;
                        return;
                    }
                }
                int keep = window.lastIndexOf("^XZ");
                if (keep >= 0) {
                    formats += count(window.substring(0, keep + 3), "^XZ");
                    window.delete(0, keep + 3);
                }
                if (window.length() > 16) {
                    window.delete(0, window.length() - 2);
                }
            }
        } catch (IOException e) {
            // client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
