package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Imports into a vault that already has codes, in short transactions so a running line's commits interleave:
 * rows are written STAGED under a batch ({@code import_batch}: STAGING → PUBLISHING → DONE, or FAILED), then
 * published (STAGED → AVAILABLE) chunk by chunk. The switch to PUBLISHING is the import's commit point: a crash
 * before it leaves rows that recovery deletes, a crash after it leaves rows that recovery publishes — at the
 * daemon's start ({@link #recoverAll}) or, once the importing process is gone, at the next import
 * ({@link #cleanAbandoned}).
 */
public final class ImportBatches {
    /** Rows per publish or discard transaction: a few milliseconds of the write lock. */
    static final int ROWS_PER_CHUNK = 5_000;
    /** A literal, not a parameter: SQLite uses the partial index code_staged only for a literal state. */
    private static final int STAGED = CodeState.STAGED.stored();
    private static final long MIN_PAUSE_NANOS = 2_000_000;
    private static final long MAX_PAUSE_NANOS = 50_000_000;

    private final CodeVault vault;

    ImportBatches(CodeVault vault) {
        this.vault = vault;
    }

    /**
     * Registers a new batch in state STAGING, owned by this process, and returns its id (the {@code import_batch}
     * of its rows). Call {@link #end} when the import is over, whatever the outcome.
     */
    public long begin(long applicationId) {
        long id = vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_batch(application_id, state, created,"
                    + " updated, owner_pid, owner_start) VALUES (?, 'STAGING', ?, ?, ?, ?)")) {
                long now = System.currentTimeMillis();
                ps.setLong(1, applicationId);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setLong(4, ImportOwner.SELF.pid());
                ps.setLong(5, ImportOwner.SELF.start());
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        ImportOwner.running(id);
        return id;
    }

    /** The import of this batch is over (published, discarded, or given up on): from now on it is abandoned. */
    public void end(long batch) {
        ImportOwner.ended(batch);
    }

    /** The batch's state, or null if there is no such batch; call inside a transaction to decide on it. */
    public static String state(Connection c, long batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM import_batch WHERE id = ?")) {
            ps.setLong(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Commits the import: STAGING → PUBLISHING together with the {@code IMPORT} event, then publishes its rows in
     * chunks and marks it DONE. Returns false, changing nothing, when the batch is no longer STAGING (a start-up
     * recovery in another process discarded it while this import was running).
     */
    public boolean publish(long batch, Map<String, ?> importEvent) {
        boolean committed = vault.inTransaction(c -> {
            if (!setState(c, batch, "STAGING", "PUBLISHING")) {
                return false;
            }
            vault.appendEvent(c, "IMPORT", importEvent);
            return true;
        });
        if (committed) {
            finishPublish(batch);
        }
        return committed;
    }

    private long finishPublish(long batch) {
        long published = chunked("UPDATE code SET state = " + CodeState.AVAILABLE.stored() + " WHERE id IN (SELECT id FROM code"
                + " WHERE import_batch = ? AND state = " + STAGED + " LIMIT " + ROWS_PER_CHUNK + ")", batch);
        vault.inTransaction(c -> setState(c, batch, "PUBLISHING", "DONE"));
        vault.forgetReserveFloors();
        return published;
    }

    /** Deletes the batch's STAGED rows in chunks and marks it FAILED; returns how many rows were deleted. */
    public long discard(long batch) {
        long deleted = chunked("DELETE FROM code WHERE id IN (SELECT id FROM code"
                + " WHERE import_batch = ? AND state = " + STAGED + " LIMIT " + ROWS_PER_CHUNK + ")", batch);
        vault.inTransaction(c -> setState(c, batch, "STAGING", "FAILED"));
        return deleted;
    }

    /**
     * Start-up: deletes the rows of every STAGING batch and finishes every PUBLISHING one (an import still running
     * in another process then fails at its next chunk: its batch is no longer STAGING).
     */
    ImportRecovery recoverAll() {
        return recover(false);
    }

    /**
     * Cleans up after imports whose process is gone (killed, or failed and could not discard): their STAGED rows are
     * deleted, or published when they had passed their commit point. Imports still running are left alone. The next
     * import calls this first, so an abandoned batch never blocks a re-import of its package.
     */
    public ImportRecovery cleanAbandoned() {
        return recover(true);
    }

    private ImportRecovery recover(boolean abandonedOnly) {
        List<long[]> open = vault.read(c -> {
            List<long[]> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, state = 'PUBLISHING', owner_pid, owner_start"
                         + " FROM import_batch WHERE state IN ('STAGING', 'PUBLISHING') ORDER BY id")) {
                while (rs.next()) {
                    long pid = rs.getLong(3);
                    boolean unknownOwner = rs.wasNull();
                    boolean alive = !unknownOwner && ImportOwner.alive(rs.getLong(1), pid, rs.getLong(4));
                    if (!abandonedOnly || !alive) {
                        out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            return out;
        });
        ImportRecovery r = new ImportRecovery(0, 0, 0, 0);
        for (long[] b : open) {
            if (b[1] == 1) {
                r = new ImportRecovery(r.discarded(), r.codesDiscarded(), r.published() + 1,
                        r.codesPublished() + finishPublish(b[0]));
            } else {
                r = new ImportRecovery(r.discarded() + 1, r.codesDiscarded() + discard(b[0]), r.published(),
                        r.codesPublished());
            }
        }
        if (r.discarded() + r.published() > 0) {
            ImportRecovery done = r;
            vault.inTransaction(c -> {
                vault.appendEvent(c, "RECOVER_IMPORT", Map.of("discarded", done.discarded(), "codesDiscarded",
                        done.codesDiscarded(), "published", done.published(), "codesPublished",
                        done.codesPublished()));
                return null;
            });
        }
        return r;
    }

    /** What a clean-up did: imports discarded (and their rows), imports published (and their rows). */
    public record ImportRecovery(int discarded, long codesDiscarded, int published, long codesPublished) {
    }

    private static boolean setState(Connection c, long batch, String from, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE import_batch SET state = ?, updated = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, to);
            ps.setLong(2, System.currentTimeMillis());
            ps.setLong(3, batch);
            ps.setString(4, from);
            return ps.executeUpdate() == 1;
        }
    }

    private long chunked(String sql, long batch) {
        long total = 0;
        while (true) {
            long t = System.nanoTime();
            int n = vault.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, batch);
                    return ps.executeUpdate();
                }
            });
            total += n;
            if (n < ROWS_PER_CHUNK) {
                return total;
            }
            yieldAfterChunk(System.nanoTime() - t);
        }
    }

    /**
     * Leaves the write lock free after a chunk so a line gets it between two chunks instead of racing the importer's
     * next BEGIN: a quarter of the chunk's time (2 to 50 ms), and again as long as the line keeps committing
     * (another connection's commit changes {@code data_version}; a thread of this process waits for the vault's
     * writer), up to three chunks' time, so the line goes first and the import still moves.
     */
    public void yieldAfterChunk(long chunkNanos) {
        long pause = Math.max(MIN_PAUSE_NANOS, Math.min(MAX_PAUSE_NANOS, chunkNanos / 4));
        long budget = Math.max(pause, 3 * chunkNanos);
        long version = vault.dataVersion();
        for (long spent = 0; spent < budget; spent += pause) {
            LockSupport.parkNanos(pause);
            long now = vault.dataVersion();
            if (now == version && !vault.writersWaiting()) {
                return;
            }
            version = now;
        }
    }
}
