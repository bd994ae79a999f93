package io.yima.line;

/**
 * A listener's place on a line ({@link LineCommands#subscribe}): closing it takes the listener off, so the line no
 * longer calls it. Closing twice does nothing. An adapter closes its subscriptions when it closes.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** A subscription to nothing (a line that publishes nothing). */
    Subscription NONE = () -> { };

    @Override
    void close();
}
