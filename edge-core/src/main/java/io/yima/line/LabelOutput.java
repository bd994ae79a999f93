package io.yima.line;

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
}
