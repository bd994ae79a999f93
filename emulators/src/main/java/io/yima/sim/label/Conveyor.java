package io.yima.sim.label;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The belt between printers and scanner: labels in print order. Bounded so a stalled scanner cannot eat the heap. */
public final class Conveyor {
    private final LinkedBlockingQueue<PrintedLabel> belt;
    private final AtomicLong fellOff = new AtomicLong();

    public Conveyor() {
        this(100_000);
    }

    public Conveyor(int capacity) {
        this.belt = new LinkedBlockingQueue<>(capacity);
    }

    /** Puts a label on the belt; when it is full the label falls off (counted) rather than blocking the printer. */
    public void place(PrintedLabel label) {
        if (!belt.offer(label)) {
            fellOff.incrementAndGet();
        }
    }

    /** The next label, or null when none arrives within the timeout. */
    public PrintedLabel take(long timeout, TimeUnit unit) throws InterruptedException {
        return belt.poll(timeout, unit);
    }

    public int size() {
        return belt.size();
    }

    public long fellOff() {
        return fellOff.get();
    }
}
