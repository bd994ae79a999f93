package io.yima.vault;

/** The scanner read back a sent code on the expected item: SENT → BOUND. */
public record Binding(long applicationId, long index, String jobId, String itemId) {
}
