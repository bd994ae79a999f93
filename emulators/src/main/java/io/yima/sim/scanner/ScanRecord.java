package io.yima.sim.scanner;

import java.time.Instant;
import java.util.List;

/**
 * What the scanner did with one label.
 *
 * @param printer   printer the label came from
 * @param labelSeq  the label's sequence number at that printer
 * @param truth     a genuine decode of the label as printed (null = the label itself is unreadable)
 * @param injected  the fault injected
 * @param sent      the lines sent to the edge for this label (without terminator), in order
 */
public record ScanRecord(String printer, long labelSeq, Instant at, String truth, Injection injected,
                         List<String> sent) {
    /** True when the edge must not bind this label: it was unreadable, or the scanner hid or falsified it. */
    public boolean edgeCannotHaveRead() {
        return truth == null || injected == Injection.NO_READ || injected == Injection.MISREAD
                || injected == Injection.DISCONNECT;
    }
}
