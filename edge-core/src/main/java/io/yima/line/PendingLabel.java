package io.yima.line;

import java.util.concurrent.CompletableFuture;

/**
 * A label asked for and not yet issued: a PLC trigger ({@code reply} is its PRINT awaiting the code index) or one
 * of the line's own STREAM / PREPRINT items ({@code reply} null).
 */
record PendingLabel(String itemId, long triggeredNanos, CompletableFuture<ItemIssued> reply) {
    /** Answers the PLC's trigger with the refusal; the line's own items have nobody to tell. */
    void refuse(LineRefusal refusal) {
        if (reply != null) {
            reply.completeExceptionally(refusal);
        }
    }
}
