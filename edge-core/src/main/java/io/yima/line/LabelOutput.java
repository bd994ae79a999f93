package io.yima.line;

import java.util.concurrent.CompletableFuture;

/** Where label bytes go: the printer session, seen from the line (flushed-to-OS future, back-pressure). */
public interface LabelOutput {
    CompletableFuture<Void> send(byte[] label);

    boolean isWritable();
}
