package io.yima.sim.printer;

/**
 * The faults and operator states of one emulated printer, settable from tests and the rig. Every setter wakes
 * the print mechanism so a cleared fault resumes printing at once.
 */
public final class PrinterFaults {
    private boolean headOpen;
    private boolean paused;
    private boolean paperOut;
    private int paperLeft = -1;
    private double labelsPerSecond;
    private int bufferFormats = PrintMechanism.BUFFER_FORMATS;
    private boolean stopReading;
    private Runnable dropHook = () -> { };
    private PowerCycleHook powerHook = delayMillis -> { };

    /** The emulator's reaction to a power cycle request. */
    interface PowerCycleHook {
        void powerCycle(long offMillis);
    }

    public synchronized PrinterFaults paperOutAfter(int labels) {
        paperLeft = Math.max(0, labels);
        paperOut = paperLeft == 0;
        notifyAll();
        return this;
    }

    /** Loads a fresh roll: clears paper out and any countdown. */
    public synchronized PrinterFaults loadPaper() {
        paperLeft = -1;
        paperOut = false;
        notifyAll();
        return this;
    }

    public synchronized PrinterFaults headOpen(boolean open) {
        headOpen = open;
        notifyAll();
        return this;
    }

    public synchronized PrinterFaults paused(boolean p) {
        paused = p;
        notifyAll();
        return this;
    }

    /** Slow printing: at most this many labels per second; 0 = as fast as they come. */
    public synchronized PrinterFaults printRate(double perSecond) {
        labelsPerSecond = Math.max(0, perSecond);
        notifyAll();
        return this;
    }

    /** Receive buffer size in formats (labels): when it holds this many, the printer stops reading its input. */
    public synchronized PrinterFaults receiveBuffer(int formats) {
        bufferFormats = Math.max(1, formats);
        notifyAll();
        return this;
    }

    public synchronized int receiveBuffer() {
        return bufferFormats;
    }

    /** Stop reading the connection(s): the sender's TCP window fills up, exercising its back-pressure. */
    public synchronized PrinterFaults stopReading(boolean stop) {
        stopReading = stop;
        notifyAll();
        return this;
    }

    /** Drops every open connection now (the listener stays up). */
    public void dropConnections() {
        Runnable hook;
        synchronized (this) {
            hook = dropHook;
        }
        hook.run();
    }

    /** Power cycle: buffered labels are lost, connections refused for {@code offMillis}, then the printer is back. */
    public void powerCycle(long offMillis) {
        PowerCycleHook hook;
        synchronized (this) {
            hook = powerHook;
        }
        hook.powerCycle(offMillis);
    }

    synchronized void hooks(Runnable drop, PowerCycleHook power) {
        this.dropHook = drop;
        this.powerHook = power;
    }

    public synchronized boolean headOpen() {
        return headOpen;
    }

    public synchronized boolean paused() {
        return paused;
    }

    public synchronized boolean paperOut() {
        return paperOut;
    }

    public synchronized double printRate() {
        return labelsPerSecond;
    }

    public synchronized boolean stopReading() {
        return stopReading;
    }

    /** True when the mechanism may print now. */
    synchronized boolean canPrint() {
        return !headOpen && !paused && !paperOut;
    }

    /** One label went through: counts the roll down. */
    synchronized void labelUsed() {
        if (paperLeft > 0 && --paperLeft == 0) {
            paperOut = true;
        }
    }

    synchronized void awaitChange(long millis) throws InterruptedException {
        wait(Math.max(1, millis));
    }

    synchronized void awaitReadable() throws InterruptedException {
        while (stopReading) {
            wait(200);
        }
    }
}
