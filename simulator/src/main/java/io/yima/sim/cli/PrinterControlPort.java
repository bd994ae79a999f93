package io.yima.sim.cli;

import io.yima.sim.net.TcpListener;
import io.yima.sim.printer.PrinterControl;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The printer emulator's control commands ({@link PrinterControl}) over a line-based TCP port (one answer line
 * per command line, e.g. {@code nc 127.0.0.1 9190}) and from standard input.
 */
final class PrinterControlPort implements Closeable {
    private static final int MAX_LINE = 256;
    private final TcpListener listener;

    private PrinterControlPort(TcpListener listener) {
        this.listener = listener;
    }

    static PrinterControlPort start(PrinterControl control, InetAddress bind, int port) throws IOException {
        TcpListener l = new TcpListener("printer-control", bind, port, socket -> {
            Writer out = new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            serve(control, socket.getInputStream(), line -> {
                out.write(line + "\r\n");
                out.flush();
            });
        });
        return new PrinterControlPort(l.start());
    }

    int port() {
        return listener.port();
    }

    /** Reads commands from standard input on a daemon thread, answering on {@code out}, until it closes. */
    static void fromStdin(PrinterControl control, InputStream in, PrintStream out) {
        Thread t = new Thread(() -> {
            try {
                serve(control, in, out::println);
            } catch (IOException e) {
                out.println("printer control: standard input failed: " + e.getMessage());
            }
        }, "printer-control-stdin");
        t.setDaemon(true);
        t.start();
    }

    interface Answer {
        void line(String text) throws IOException;
    }

    static void serve(PrinterControl control, InputStream in, Answer answer) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        for (int c; (c = r.read()) >= 0; ) {
            if (c == '\n') {
                answer.line(tooLong ? "error: command longer than " + MAX_LINE + " characters"
                        : control.apply(line.toString().strip()));
                line.setLength(0);
                tooLong = false;
            } else if (line.length() >= MAX_LINE) {
                tooLong = true;
            } else if (c != '\r') {
                line.append((char) c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
