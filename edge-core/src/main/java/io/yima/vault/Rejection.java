package io.yima.vault;

/** A sent code that failed verification ({@code NO_READ}, {@code TIMEOUT}, ...): SENT → REJECTED. */
public record Rejection(long applicationId, long index, String reason) {
}
