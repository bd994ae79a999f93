package io.yima.sim.scanner;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.net.PtyPair;
import io.yima.sim.net.TcpListener;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed-mount code reader at the end of the conveyor: takes each label off the belt, decodes it for real,
 * applies the injected faults and sends the result, framed in the reader's style, to every connected host
 * (TCP server clients, a pushed TCP connection, a serial pty). In continuous mode (photo-eye) every label is
 * read; in triggered mode a read happens on a trigger command and takes the next label within the window.
 */
public final class ScannerEmulator implements Closeable {
    private final ReaderStyle style;
    private final Conveyor conveyor;
    private final ScannerFaults faults;
    private final LabelDecoder decoder = new LabelDecoder();
    private final String noRead;
    private final boolean triggered;
    private final long windowMillis;
    private final Set<OutputStream> hosts = ConcurrentHashMap.newKeySet();
    private final Set<Closeable> hostConnections = ConcurrentHashMap.newKeySet();
    private final List<ScanRecord> records = new ArrayList<>();
    private final Semaphore triggers = new Semaphore(0);
    private final AtomicLong linesSent = new AtomicLong();
    private final AtomicLong decodeNanos = new AtomicLong();
    private TcpListener listener;
    private PtyPair pty;
    private volatile boolean running = true;
    private Thread reader;

    /**
     * @param noRead       the no-read string, or null for the style's default
     * @param windowMillis in triggered mode, how long a trigger waits for a label
     */
    public ScannerEmulator(ReaderStyle style, Conveyor conveyor, ScannerFaults faults, String noRead,
                           boolean triggered, long windowMillis) {
        this.style = style;
        this.conveyor = conveyor;
        this.faults = faults;
        this.noRead = noRead == null ? style.defaultNoRead : noRead;
        this.triggered = triggered;
        this.windowMillis = windowMillis;
    }

    /** Listens for hosts on {@code port} (0 = ephemeral). */
    public ScannerEmulator listen(InetAddress bind, int port) throws IOException {
        listener = new TcpListener("scanner", bind, port, s -> host(s.getInputStream(), s.getOutputStream(), s));
        listener.start();
        return this;
    }

    /** Connects out to a host listening at host:port and keeps reconnecting while running. */
    public ScannerEmulator push(String host, int port) {
        Thread t = new Thread(() -> {
            while (running) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), 2000);
                    s.setTcpNoDelay(true);
                    host(s.getInputStream(), s.getOutputStream(), s);
                } catch (IOException e) {
                    // host not there (yet): retry below
                }
                sleepQuietly(500);
            }
        }, "scanner-push");
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** Opens a pty pair and serves one host on it; returns the path the edge opens. */
    public String openSerial() throws IOException {
        pty = PtyPair.open().serve("scanner-serial", (in, out) -> host(in, out, in));
        return pty.hostPath();
    }

    public ScannerEmulator start() {
        reader = new Thread(this::readLoop, "scanner-read");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    public int port() {
        return listener == null ? -1 : listener.port();
    }

    public int hostsConnected() {
        return hosts.size();
    }

    public ScannerFaults faults() {
        return faults;
    }

    /** One record per label taken off the belt, in order (plus trigger windows that found no label). */
    public synchronized List<ScanRecord> records() {
        return List.copyOf(records);
    }

    public long linesSent() {
        return linesSent.get();
    }

    /** CPU time spent decoding rasters, for the rig's cost figures. */
    public long decodeNanos() {
        return decodeNanos.get();
    }

    private void host(InputStream in, OutputStream out, Closeable connection) throws IOException {
        hosts.add(out);
        hostConnections.add(connection);
        try {
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\r' || b == '\n') {
                    if (command.size() > 0) {
                        command(command.toString(StandardCharsets.US_ASCII), out);
                        command.reset();
                    }
                } else if (b == 0x1B) {
                    command.reset(); // ESC clears the reader's receive buffer
                } else if (command.size() < 256) {
                    command.write(b);
                }
            }
        } finally {
            hosts.remove(out);
            hostConnections.remove(connection);
        }
    }

    private void command(String command, OutputStream out) {
        int t = style.trigger(command);
        if (t == 0) {
            return; // commands a real reader would answer with an error are ignored by this one
        }
        String ack = style.acknowledge(command);
        if (ack != null) {
            write(out, ack + style.terminator);
        }
        if (t > 0 && triggered) {
            triggers.release();
        }
    }

    private void readLoop() {
        try {
            while (running) {
                if (triggered) {
                    if (!triggers.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    PrintedLabel label = conveyor.take(windowMillis, TimeUnit.MILLISECONDS);
                    if (label == null) {
                        broadcast(noRead);
                        record(new ScanRecord(null, 0, Instant.now(), null, Injection.NONE, List.of(noRead)));
                    } else {
                        scan(label);
                    }
                } else {
                    PrintedLabel label = conveyor.take(200, TimeUnit.MILLISECONDS);
                    if (label != null) {
                        scan(label);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scan(PrintedLabel label) throws InterruptedException {
        long t0 = System.nanoTime();
        SymbolRead read = decoder.decode(label);
        decodeNanos.addAndGet(System.nanoTime() - t0);
        String truth = read == null ? null : read.text();
        Injection injected = faults.draw();
        List<String> sent = new ArrayList<>();
        String text = truth == null ? noRead : truth;
        switch (injected) {
            case NO_READ -> send(sent, noRead);
            case MISREAD -> send(sent, truth == null ? noRead : misread(read));
            case DUPLICATE -> {
                send(sent, text);
                send(sent, text);
            }
            case DELAY -> {
                Thread.sleep(faults.delayMillis());
                send(sent, text);
            }
            case GARBAGE -> {
                send(sent, garbage());
                send(sent, text);
            }
            case DISCONNECT -> dropHosts(); // the read is lost with the connection
            case NONE -> send(sent, text);
        }
        record(new ScanRecord(label.printer(), label.sequence(), Instant.now(), truth, injected, sent));
    }

    /** A wrong but plausible read: one character of the URL changed, or one data cell of the matrix flipped. */
    private String misread(SymbolRead read) {
        char[] c = read.text().toCharArray();
        if (read.symbology() == Symbology.MICROCODE) {
            int i = 8 * MicrocodeReader.SIZE + 8 + faults.nextInt(3 * MicrocodeReader.SIZE); // rows 8-10, data area
            c[i] = c[i] == '1' ? '0' : '1';
        } else {
            int i = c.length - 1 - faults.nextInt(Math.min(c.length, 9));
            c[i] = c[i] == 'X' ? 'Y' : 'X';
        }
        return new String(c);
    }

    private String garbage() {
        StringBuilder sb = new StringBuilder();
        int n = 3 + faults.nextInt(10);
        for (int i = 0; i < n; i++) {
            char ch = (char) (0x21 + faults.nextInt(0x5D));
            sb.append(ch);
        }
        return sb.toString();
    }

    private void send(List<String> sent, String line) {
        sent.add(line);
        broadcast(line);
    }

    private void broadcast(String line) {
        for (OutputStream out : hosts) {
            write(out, line + style.terminator);
        }
        linesSent.incrementAndGet();
    }

    private void write(OutputStream out, String text) {
        synchronized (out) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                hosts.remove(out);
            }
        }
    }

    /** Drops every host connection (fault injection). */
    public void dropHosts() {
        if (listener != null) {
            listener.dropConnections();
        }
        for (Closeable c : hostConnections) {
            if (c instanceof Socket s) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already gone
                }
            }
        }
    }

    private synchronized void record(ScanRecord r) {
        records.add(r);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
        if (listener != null) {
            listener.close();
        }
        dropHosts();
        if (pty != null) {
            pty.close();
        }
    }
}
