package io.yima.line;

/**
 * Receives a line's events. Called on the line's own thread, in event-number order: an implementation must
 * not block (no I/O waits, no vault, no locks held by other threads) — the next label waits for it. Keep a
 * view of your own and hand slow work to another thread.
 */
@FunctionalInterface
public interface LineListener {
    void on(LineEvent event);
}
