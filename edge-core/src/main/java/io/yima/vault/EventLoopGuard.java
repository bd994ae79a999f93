package io.yima.vault;

import io.netty.channel.IoEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the vault off Netty's I/O event-loop threads. Those threads carry the PLC, device and status-port sockets
 * of every line; a vault call there (an fsync, a wait of up to 10 s for the write lock) would stall all of them.
 * A production line's own {@code DefaultEventLoop} is not an I/O loop and may use the vault, as may any plain thread.
 */
final class EventLoopGuard {
    private final AtomicLong refusals = new AtomicLong();

    /** Throws when the calling thread is a Netty I/O event loop, counting the refusal. */
    void check() {
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        if (current instanceof IoEventLoop) {
            refusals.incrementAndGet();
            throw new VaultException("the code vault was called from a network thread (" + Thread.currentThread()
                    .getName() + "); vault work must run on the line's own thread or a worker thread, because a"
                    + " slow disk here would stall every printer, scanner and PLC connection");
        }
    }

    long refusals() {
        return refusals.get();
    }
}
