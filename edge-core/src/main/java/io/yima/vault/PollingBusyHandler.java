package io.yima.vault;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * Waits for another connection's write lock by polling every millisecond, up to a timeout. SQLite's own
 * {@code busy_timeout} backs off to one attempt per 100 ms, so a writer that commits short chunks back to back (an
 * import into a live vault) would almost always hold the lock again when it looks: the line would wait out the
 * whole timeout. Polling every millisecond finds the gap the importer leaves between chunks.
 */
final class PollingBusyHandler extends BusyHandler {
    private static final long POLL_NANOS = 1_000_000;
    private final long timeoutNanos;
    private long firstCall;

    private PollingBusyHandler(long timeoutMillis) {
        this.timeoutNanos = timeoutMillis * 1_000_000;
    }

    static void install(Connection c, long timeoutMillis) throws SQLException {
        BusyHandler.setHandler(c, new PollingBusyHandler(timeoutMillis));
    }

    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0) {
            firstCall = now;
        } else if (now - firstCall >= timeoutNanos) {
            return 0;
        }
        LockSupport.parkNanos(POLL_NANOS);
        return 1;
    }
}
