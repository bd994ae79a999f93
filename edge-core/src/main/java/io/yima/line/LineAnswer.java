package io.yima.line;

import java.time.Duration;

/**
 * How a line answered a command, as {@link LineCalls#ask} sees it: done with a value, refused with the line's
 * typed reason, not answered within the caller's deadline, or failed otherwise (a bug, or an adapter's own
 * refusal that was thrown into the stage). Each adapter turns these four into its protocol's words.
 */
public sealed interface LineAnswer<T> {
    /** The command was done (its change committed); {@code value} is what the stage completed with. */
    record Done<T>(T value) implements LineAnswer<T> {
    }

    /** The line refused the command; nothing changed. */
    record Refused<T>(LineRefusal refusal) implements LineAnswer<T> {
    }

    /**
     * No answer within {@code deadline}. The command may still be done later (it is not withdrawn): a caller
     * that repeats it gets the line's answer to a repeat (the open job again, the item's code again).
     */
    record TimedOut<T>(Duration deadline) implements LineAnswer<T> {
    }

    /** Anything else the stage failed with, already unwrapped: a {@link ReworkRefused}, an adapter's own refusal, a bug. */
    record Failed<T>(Throwable cause) implements LineAnswer<T> {
    }
}
