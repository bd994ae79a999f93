package io.yima.vault;

/** A reserved code handed to the printer for one item: RESERVED → SENT. */
public record Issue(long applicationId, long index, String jobId, String itemId) {
}
