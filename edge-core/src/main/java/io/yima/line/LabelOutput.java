package io.yima.line;

import io.yima.drivers.transport.PrinterSession;
import java.util.concurrent.CompletableFuture;

/**
 * Where label bytes go: the printer session, seen from the line (flushed-to-OS future, back-pressure). The n-th
 * {@link #send} is label n in the printer's progress reports ({@code ProductionLine.printerReported}).
 */
public interface LabelOutput {
    CompletableFuture<Void> send(byte[] label);

    boolean isWritable();

    /** The line waits for the printer to print: ask it how far it got now rather than at the next poll. */
    void askProgress();

    /** Tells the printer to drop every label it holds unprinted (ZPL {@code ~JA}); a no-op where it cannot. */
    void cancelQueued();

    /** A printer session as the line's output (the item printer and a packing line's case printer alike). */
    static LabelOutput of(PrinterSession printer) {
        return new LabelOutput() {
            @Override
            public CompletableFuture<Void> send(byte[] label) {
                return printer.send(label);
            }

            @Override
            public boolean isWritable() {
                return printer.isWritable();
            }

            @Override
            public void cancelQueued() {
                printer.cancelQueued();
            }

            @Override
            public void askProgress() {
                printer.pollSoon();
            }
        };
    }
}
