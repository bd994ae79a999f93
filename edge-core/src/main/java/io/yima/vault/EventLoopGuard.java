package io.yima.vault;

import io.netty.channel.IoEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses vault work on a Netty I/O event loop: one SQLite call there (an fsync, a busy wait) stalls every PLC,
 * printer, scanner and status connection served by that loop. Counted, so a test can assert it never happened.
 * Temporary home until the vault branch's own guard ({@code CodeVault.eventLoopRefusals()}) is merged.
 */
public final class EventLoopGuard {
    private static final AtomicLong REFUSALS = new AtomicLong();

    private EventLoopGuard() {
    }

    /** Throws {@link IllegalStateException} when called on an I/O event loop thread. */
    public static void check() {
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        if (current instanceof IoEventLoop) {
            REFUSALS.incrementAndGet();
            throw new IllegalStateException("vault called on the I/O event loop " + Thread.currentThread().getName());
        }
    }

    /** How many vault calls were refused on an I/O event loop since this JVM started. */
    public static long refusals() {
        return REFUSALS.get();
    }
}
