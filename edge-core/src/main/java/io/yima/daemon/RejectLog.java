package io.yima.daemon;

import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.RejectReason;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per rejected item with its reason in words, so a technician reading the log sees what the PLC
 * kicked out and why. A line rejecting in bulk (scanner unplugged, wrong labels) must not flood the log: at most
 * {@link #PER_WINDOW} lines per window, then one summary line with the count left out. Items rejected PRINTER_FAULT
 * are not logged here: the line writes one line per printer fault with the labels it cost (and one per failed
 * send). Runs on the line's thread.
 */
final class RejectLog implements LineListener {
    static final int PER_WINDOW = 20;
    static final long WINDOW_NANOS = 10_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger("io.yima.line.rejects");

    private final String line;
    private final LongSupplier nanos;
    private long windowStart;
    private int logged;
    private long suppressed;

    RejectLog(String line, LongSupplier nanos) {
        this.line = line;
        this.nanos = nanos;
        this.windowStart = nanos.getAsLong();
    }

    @Override
    public void on(LineEvent event) {
        if (!(event instanceof LineEvent.ItemRejected r) || r.reason() == RejectReason.PRINTER_FAULT) {
            return; // PRINTER_FAULT: the line logs one line per fault with the labels it voided, or per failed send
        }
        long now = nanos.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            if (suppressed > 0) {
                log.warn("line {}: {} more rejects in the last {} s were not logged one by one "
                        + "(the job report lists each)", line, suppressed, WINDOW_NANOS / 1_000_000_000L);
            }
            windowStart = now;
            logged = 0;
            suppressed = 0;
        }
        if (logged < PER_WINDOW) {
            logged++;
            log.warn("line {}: item {} rejected {}: {}", line, r.itemId(), r.reason(), words(r.reason()));
        } else {
            suppressed++;
        }
    }

    static String words(RejectReason reason) {
        return switch (reason) {
            case NO_READ -> "the scanner could not read the label";
            case MISMATCH -> "the scanner read another label's code than the one printed for this item";
            case DUPLICATE -> "the code read was already bound to another item";
            case FOREIGN -> "the code read is not one this line printed";
            case TIMEOUT -> "no read arrived within the verify window";
            case PRINTER_FAULT -> "the printer failed before the label was confirmed; the code is voided";
            case VOIDED -> "the edge stopped while the label was on its way; its code was voided at the restart";
        };
    }
}
