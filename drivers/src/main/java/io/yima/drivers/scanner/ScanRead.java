package io.yima.drivers.scanner;

/**
 * One result from a code reader.
 *
 * @param text          what the reader sent (trimmed); for a no-read, the token or an empty string
 * @param noRead        the reader saw no code (its no-read token, or an empty line)
 * @param receivedNanos {@link System#nanoTime()} when the frame was complete
 */
public record ScanRead(String text, boolean noRead, long receivedNanos) {
}
