package io.yima.sim.printer;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.net.PtyPair;
import io.yima.sim.net.TcpListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One emulated label printer: a raw TCP port (and optionally a serial pty) into a language parser, a print
 * mechanism with faults, and the printed labels going to the printer's record, the conveyor and optionally
 * PNG files.
 */
public final class PrinterEmulator implements Closeable {
    /** Reads are large while the buffer has room, small near full, so a full buffer is noticed within a label or two. */
    private static final int READ_CHUNK = 16 * 1024;
    private static final int READ_CHUNK_NEAR_FULL = 512;
    private final String name;
    private final PrinterLanguage language;
    private final PrinterFaults faults = new PrinterFaults();
    private final StoredObjects stored = new StoredObjects();
    private final LabelLog record;
    private final Conveyor conveyor;
    private final Path labelsDir;
    private final PrintMechanism mechanism;
    private final TcpListener listener;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicInteger lastLabelLength = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "printer-power");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean poweredOn = true;
    private volatile String lastError = "";
    private PtyPair pty;

    /**
     * @param record   the printer's own durable record of printed labels
     * @param conveyor where printed labels go (toward the scanner); may be null
     * @param labelsDir folder for one PNG per label; may be null
     */
    public PrinterEmulator(String name, PrinterLanguage language, InetAddress bind, int port,
                           LabelLog record, Conveyor conveyor, Path labelsDir) {
        this.name = name;
        this.language = language;
        this.record = record;
        this.conveyor = conveyor;
        this.labelsDir = labelsDir;
        this.mechanism = new PrintMechanism(name, faults, this::printed);
        this.listener = new TcpListener("printer-" + name, bind, port, s -> serve(s.getInputStream(),
                s.getOutputStream()));
        faults.hooks(listener::dropConnections, this::powerCycle);
    }

    public PrinterEmulator start() throws IOException {
        if (labelsDir != null) {
            Files.createDirectories(labelsDir);
        }
        listener.start();
        return this;
    }

    /** Also listens on a fresh pty pair; returns the path the edge should open as its serial port. */
    public String openSerial() throws IOException {
        pty = PtyPair.open().serve("printer-" + name + "-serial", this::serve);
        return pty.hostPath();
    }

    public String name() {
        return name;
    }

    public int port() {
        return listener.port();
    }

    public PrinterLanguage language() {
        return language;
    }

    public PrinterFaults faults() {
        return faults;
    }

    public LabelLog record() {
        return record;
    }

    /** Malformed input seen so far (bad CRC, wrong counts, unknown commands …). */
    public long errors() {
        return errors.get();
    }

    public String lastError() {
        return lastError;
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public long labelsPrinted() {
        return mechanism.printed();
    }

    /**
     * Stored formats and graphics ({@code ^DF}, {@code ~DG}) or TSPL files ({@code DOWNLOAD}) held now; a power
     * cycle empties the memory.
     */
    public int storedObjects() {
        return stored.size();
    }

    public int formatsBuffered() {
        return mechanism.formatsBuffered();
    }

    public int connections() {
        return listener.connections();
    }

    /** The technician's controls (head, pause, paper, speed, buffer, power), as text commands. */
    public PrinterControl control() {
        return new PrinterControl(this);
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        Consumer<byte[]> reply = bytes -> {
            synchronized (out) {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        StreamParser parser = language.newParser(new ParserOutput() {
            @Override
            public void job(LabelJob job) {
                if (poweredOn) {
                    lastLabelLength.set(job.raster().height());
                    mechanism.submit(job);
                }
            }

            @Override
            public void query(StatusQuery query) {
                byte[] answer = StatusReplies.answer(query, faults, mechanism, lastLabelLength.get());
                if (answer != null && poweredOn) {
                    reply.accept(answer);
                }
            }

            @Override
            public void error(String what) {
                errors.incrementAndGet();
                lastError = what;
            }

            @Override
            public void control(String command) {
                switch (command) {
                    case "JA" -> mechanism.cancelAll();
                    case "PP" -> faults.paused(true);
                    case "PS" -> faults.paused(false);
                    default -> { }
                }
            }
        }, stored);
        byte[] buf = new byte[16 * 1024];
        try {
            while (true) {
                faults.awaitReadable();
                mechanism.awaitRoom();
                int n = in.read(buf, 0, mechanism.room() > 8 ? READ_CHUNK : READ_CHUNK_NEAR_FULL);
                if (n < 0) {
                    return;
                }
                bytesReceived.addAndGet(n);
                if (poweredOn) {
                    parser.feed(buf, 0, n);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void printed(PrintedLabel label) {
        record.append(label);
        if (labelsDir != null) {
            try {
                label.raster().writePng(labelsDir.resolve(String.format("%s-%06d.png", name, label.sequence())));
            } catch (IOException e) {
                lastError = "cannot write label PNG: " + e.getMessage();
            }
        }
        if (conveyor != null) {
            conveyor.place(label); // last, so whoever takes it finds the record and the PNG written
        }
    }

    private void powerCycle(long offMillis) {
        poweredOn = false;
        listener.pause();
        mechanism.loseBuffer();
        stored.clear(); // stored formats and graphics (R:) and TSPL's downloaded files (DRAM) are volatile
        timer.schedule(() -> {
            try {
                listener.resume();
            } catch (IOException e) {
                lastError = "cannot listen again after power cycle: " + e.getMessage();
            }
            poweredOn = true;
        }, Math.max(0, offMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        mechanism.close();
        timer.shutdownNow();
        if (pty != null) {
            pty.close();
        }
    }
}
