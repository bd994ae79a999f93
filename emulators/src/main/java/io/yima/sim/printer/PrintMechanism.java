package io.yima.sim.printer;

import io.yima.sim.label.PrintedLabel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The print engine behind the parsers: a receive buffer of formats, printed one label at a time while the
 * faults allow it, at the configured speed. When the buffer holds {@link PrinterFaults#receiveBuffer()} formats
 * the printer stops reading its input ({@link #awaitRoom}) until one is printed, as a real one lets its TCP
 * window fill. A power cycle empties the buffer.
 */
final class PrintMechanism implements AutoCloseable {
    /** The default receive buffer, in formats. */
    static final int BUFFER_FORMATS = 64;

    private final String printer;
    private final PrinterFaults faults;
    private final Consumer<PrintedLabel> out;
    private final Deque<LabelJob> buffer = new ArrayDeque<>();
    private final Thread thread;
    private int remainingCopies;
    private long sequence;
    private volatile boolean running = true;

    PrintMechanism(String printer, PrinterFaults faults, Consumer<PrintedLabel> out) {
        this.printer = printer;
        this.faults = faults;
        this.out = out;
        this.thread = new Thread(this::run, "print-" + printer);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void submit(LabelJob job) {
        synchronized (buffer) {
            buffer.addLast(job);
            buffer.notifyAll();
        }
    }

    /** Formats received and not completely printed, the one under the head included. */
    int formatsBuffered() {
        synchronized (buffer) {
            return buffer.size() + (remainingCopies > 0 ? 1 : 0);
        }
    }

    boolean bufferFull() {
        return formatsBuffered() >= faults.receiveBuffer();
    }

    /** Formats the buffer can still take. */
    int room() {
        return faults.receiveBuffer() - formatsBuffered();
    }

    /** Blocks the reader while the buffer is full (it wakes when a label prints, the buffer is lost or resized). */
    void awaitRoom() throws InterruptedException {
        synchronized (buffer) {
            while (running && buffer.size() + (remainingCopies > 0 ? 1 : 0) >= faults.receiveBuffer()) {
                buffer.wait(50);
            }
        }
    }

    /** Labels left in the batch being printed (the ~HS "labels remaining" field). */
    int labelsRemaining() {
        synchronized (buffer) {
            int n = remainingCopies;
            for (LabelJob j : buffer) {
                n += j.copies();
            }
            return n;
        }
    }

    long printed() {
        synchronized (buffer) {
            return sequence;
        }
    }

    /** Power lost: formats not yet printed are gone. */
    void loseBuffer() {
        synchronized (buffer) {
            buffer.clear();
            remainingCopies = 0;
            buffer.notifyAll();
        }
    }

    /** ~JA: cancel all buffered formats. */
    void cancelAll() {
        loseBuffer();
    }

    private void run() {
        try {
            while (running) {
                LabelJob job;
                synchronized (buffer) {
                    while (buffer.isEmpty() && running) {
                        buffer.wait(200);
                    }
                    if (!running) {
                        return;
                    }
                    job = buffer.pollFirst();
                    remainingCopies = job.copies();
                }
                while (running) {
                    synchronized (buffer) {
                        if (remainingCopies <= 0) {
                            break;
                        }
                    }
                    while (!faults.canPrint() && running) {
                        faults.awaitChange(200);
                    }
                    double rate = faults.printRate();
                    if (rate > 0) {
                        Thread.sleep((long) (1000 / rate));
                    }
                    PrintedLabel label;
                    synchronized (buffer) {
                        if (remainingCopies <= 0) {
                            break; // cancelled or power lost while waiting
                        }
                        remainingCopies--;
                        buffer.notifyAll(); // room for the reader
                        label = new PrintedLabel(printer, ++sequence, Instant.now(), job.raster(),
                                job.texts(), job.symbolData(), job.rawBytes(), job.textFields());
                    }
                    faults.labelUsed();
                    out.accept(label);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
