package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The export outbox (schema v6): one row per event worth exporting, written by SQLite triggers inside the very
 * transaction that makes the change — a code issued (SENT), bound, rejected or voided after it was sent, activated
 * upstream; a job opened or closed; a device fault or clear journaled by a line. Whoever makes the change (the
 * line, start-up recovery, the activation outbox, a CLI) writes the row, so nothing committed is missed and
 * nothing rolled back is exported. Rows are written only while the switch is on (the daemon sets it from
 * {@code export:} at start), so an edge that exports nothing pays one lookup per change.
 *
 * <p>Packing ({@link Packing}) writes its own {@code PACKED} / {@code UNPACKED} rows in the transaction of the pack
 * or rework, with the parent and children named in {@code detail}: a trigger could not see a whole case at once.
 *
 * <p>The line's own journal ({@code line_event}) is not the outbox: it carries no per-code voids, activations or
 * job openings, and a printed label's row is written after the fact. Its fault, clear and job-closed rows are
 * copied here by a trigger, with the line's own words for the device and the account.
 *
 * <p>{@code seq} orders every row in commit order (one writer) and is never reused; with the vault's random
 * {@code vault_id} it names an event for good. A reader's cursor ({@code export_cursor}) moves only after the
 * broker acknowledged; rows at or below it are pruned after the retention.
 */
public final class ExportOutbox {
    /** Kinds of exported events, as stored in {@code export_outbox.kind}. */
    public enum Kind { COMMISSIONED, BOUND, REJECTED, VOIDED, ACTIVATED, JOB_OPENED, JOB_CLOSED, DEVICE_FAULT, DEVICE_CLEARED,
        /** Children entered a case or pallet (written by {@link Packing}; {@code detail} names them). */
        PACKED,
        /** Children left a case or pallet: unpacked, replaced or voided (written by {@link Packing}). */
        UNPACKED }

    private static final String ON = "(SELECT enabled FROM export_switch WHERE id = 1) = 1";
    private static final String NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    private static final String SENT = Integer.toString(CodeState.SENT.stored());

    static final List<String> MIGRATION = List.of(
            """
            CREATE TABLE export_switch(
              id INTEGER PRIMARY KEY CHECK (id = 1),
              enabled INTEGER NOT NULL,
              vault_id TEXT NOT NULL)            -- random, fixed at creation: event ids stay unique across vaults""",
            "INSERT INTO export_switch VALUES (1, 0, lower(hex(randomblob(16))))",
            """
            CREATE TABLE export_outbox(
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              line TEXT, job_id TEXT, kind TEXT NOT NULL,
              code_id INTEGER, item_id TEXT, reason TEXT,
              detail TEXT,                       -- the line's event (JSON) for JOB_CLOSED, DEVICE_FAULT, DEVICE_CLEARED
              ts INTEGER NOT NULL)               -- epoch millis of the change""",
            "CREATE INDEX export_outbox_job ON export_outbox(job_id, seq) WHERE job_id IS NOT NULL",
            "CREATE TABLE export_cursor(name TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
            // issued (entering SENT) and every way out of SENT; a RESERVED code voided never left, so it is not news
            """
            CREATE TRIGGER export_code_state AFTER UPDATE OF state ON code
            WHEN ((new.state = %1$s AND old.state <> %1$s) OR (old.state = %1$s AND new.state IN (%4$s, %5$s, %6$s)))
                 AND %2$s
            BEGIN
              INSERT INTO export_outbox(line, job_id, kind, code_id, item_id, reason, ts)
              VALUES ((SELECT line FROM job WHERE id = new.job_id), new.job_id,
                      CASE new.state WHEN %1$s THEN 'COMMISSIONED' WHEN %4$s THEN 'BOUND' WHEN %5$s THEN 'REJECTED'
                                     ELSE 'VOIDED' END,
                      new.id, new.item_id, CASE WHEN new.state IN (%5$s, %6$s) THEN new.reason END,
                      coalesce(new.updated, %3$s));
            END""".formatted(SENT, ON, NOW_MS, CodeState.BOUND.stored(), CodeState.REJECTED.stored(),
                    CodeState.VOIDED.stored()),
            """
            CREATE TRIGGER export_code_activated AFTER UPDATE OF activation_state ON code
            WHEN new.activation_state = 'ACTIVATED' AND old.activation_state IS NOT 'ACTIVATED' AND %1$s
            BEGIN
              INSERT INTO export_outbox(line, job_id, kind, code_id, item_id, ts)
              VALUES ((SELECT line FROM job WHERE id = new.job_id), new.job_id, 'ACTIVATED', new.id, new.item_id,
                      coalesce(new.updated, %2$s));
            END""".formatted(ON, NOW_MS),
            """
            CREATE TRIGGER export_job_opened AFTER INSERT ON job WHEN %1$s
            BEGIN
              INSERT INTO export_outbox(line, job_id, kind, ts) VALUES (new.line, new.id, 'JOB_OPENED', new.opened);
            END""".formatted(ON),
            """
            CREATE TRIGGER export_line_event AFTER INSERT ON line_event
            WHEN new.kind IN ('JobClosed', 'DeviceFault', 'DeviceCleared') AND %1$s
            BEGIN
              INSERT INTO export_outbox(line, job_id, kind, detail, ts)
              VALUES (new.line, new.job_id, CASE new.kind WHEN 'JobClosed' THEN 'JOB_CLOSED'
                      WHEN 'DeviceFault' THEN 'DEVICE_FAULT' ELSE 'DEVICE_CLEARED' END, new.body, new.ts);
            END""".formatted(ON));

    private static final String SELECT = "SELECT o.seq, o.line, o.job_id, o.kind, o.item_id, o.reason, o.detail, o.ts,"
            + " c.application_id, c.idx, c.code, c.url, j.application_id, j.sku, j.batch, j.quantity, j.mode"
            + " FROM export_outbox o LEFT JOIN code c ON c.id = o.code_id LEFT JOIN job j ON j.id = o.job_id";

    /**
     * One exported event as stored, with the code's identity and the job's fields joined in (both never change
     * once written, so the payload built from a record is the same every time it is sent).
     *
     * @param code null for job and device events
     * @param job  null when the event belongs to no job (a device fault between jobs)
     */
    public record Record(long seq, String line, Kind kind, String itemId, String reason, String detail, long ts,
                         Code code, Job job) {
    }

    public record Code(long applicationId, long index, String code, String url) {
    }

    public record Job(String id, long applicationId, String sku, String batch, long quantity, String mode) {
    }

    /** Events not yet acknowledged: how many, the seq and the commit time of the oldest (0 when none). */
    public record Backlog(long events, long oldestSeq, long oldestTs) {
    }

    private final CodeVault vault;

    public ExportOutbox(CodeVault vault) {
        this.vault = vault;
    }

    /** Turns the triggers on or off (the daemon, from its config); a committed write. */
    public void enable(boolean on) {
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE export_switch SET enabled = ? WHERE id = 1")) {
                ps.setInt(1, on ? 1 : 0);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** This vault's random id, fixed when the outbox was created. */
    public String vaultId() {
        return vault.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT vault_id FROM export_switch WHERE id = 1")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** Up to {@code limit} records above {@code afterSeq}, in seq order. */
    public List<Record> after(long afterSeq, int limit) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE o.seq > ? ORDER BY o.seq LIMIT ?")) {
                ps.setLong(1, afterSeq);
                ps.setInt(2, limit);
                return records(ps);
            }
        });
    }

    /** Every record of one job still in the outbox, in seq order (the file export). */
    public List<Record> ofJob(String jobId) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE o.job_id = ? ORDER BY o.seq")) {
                ps.setString(1, jobId);
                return records(ps);
            }
        });
    }

    /** The highest seq the named reader had acknowledged (0 if none). */
    public long cursor(String name) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM export_cursor WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Records, committed, that the named reader has everything up to {@code seq}; never moves backwards. */
    public void acknowledge(String name, long seq) {
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_cursor(name, seq) VALUES (?, ?)"
                    + " ON CONFLICT(name) DO UPDATE SET seq = max(seq, excluded.seq)")) {
                ps.setString(1, name);
                ps.setLong(2, seq);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The named reader's backlog in a constant number of index seeks, whatever its size: {@code seq} numbers are
     * contiguous (one writer, AUTOINCREMENT, a rolled-back insert takes its number back) and no row above a
     * cursor is ever deleted ({@link #prune} and {@link #expire} move the cursor past what they delete), so the
     * rows above the cursor are exactly {@code max(seq) - cursor}. The oldest is the first row above the cursor.
     * Never a count over the outbox: at millions of waiting events that held the shared read connection (and the
     * line's reads behind it) for hundreds of milliseconds.
     */
    public Backlog backlog(String name) {
        return vault.read(c -> {
            long cursor;
            long last;
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce((SELECT seq FROM export_cursor"
                    + " WHERE name = ?), 0), coalesce((SELECT max(seq) FROM export_outbox), 0)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    cursor = rs.getLong(1);
                    last = rs.getLong(2);
                }
            }
            if (last <= cursor) {
                return new Backlog(0, 0, 0);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, ts FROM export_outbox WHERE seq > ? ORDER BY seq LIMIT 1")) {
                ps.setLong(1, cursor);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Backlog(last - cursor, rs.getLong(1), rs.getLong(2)) : new Backlog(0, 0, 0);
                }
            }
        });
    }

    /**
     * Deletes acknowledged rows older than {@code beforeMillis}, oldest first, in transactions of at most
     * {@code batch} rows (the line's writes go between them); returns how many. Only a prefix of the outbox in
     * seq order is looked at, so a call with nothing to prune reads one row, not every acknowledged one.
     */
    public int prune(String name, long beforeMillis, int batch) {
        return inBatches(batch, () -> vault.inTransaction(c -> {
            long upTo = prefixOlderThan(c, beforeMillis, batch,
                    "(SELECT coalesce((SELECT seq FROM export_cursor WHERE name = ?), 0))", name);
            return delete(c, upTo);
        }));
    }

    /**
     * Export off: deletes rows older than {@code beforeMillis} whether a reader acknowledged them or not (nobody
     * will), and moves the named reader's cursor past them in the same transaction, so {@link #backlog} stays
     * exact and a later MQTT export starts after them. Batches as {@link #prune}; returns how many.
     */
    public int expire(String name, long beforeMillis, int batch) {
        return inBatches(batch, () -> vault.inTransaction(c -> {
            long upTo = prefixOlderThan(c, beforeMillis, batch, "(SELECT max(seq) FROM export_outbox)", null);
            int n = delete(c, upTo);
            if (n > 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_cursor(name, seq) VALUES (?, ?)"
                        + " ON CONFLICT(name) DO UPDATE SET seq = max(seq, excluded.seq)")) {
                    ps.setString(1, name);
                    ps.setLong(2, upTo);
                    ps.executeUpdate();
                }
            }
            return n;
        }));
    }

    private static int inBatches(int batch, IntSupplier oneBatch) {
        int total = 0;
        int n;
        do {
            n = oneBatch.getAsInt();
            total += n;
        } while (n >= batch);
        return total;
    }

    /**
     * The highest seq among the first {@code batch} rows (at or below {@code bound}) whose time is before
     * {@code beforeMillis}; 0 when none. Rows are in commit order, so their times rise (a wall clock set back
     * may leave a younger row in between; it goes with its neighbours).
     */
    private static long prefixOlderThan(Connection c, long beforeMillis, int batch, String bound, String name)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM (SELECT seq, ts FROM"
                + " export_outbox WHERE seq <= " + bound + " ORDER BY seq LIMIT ?) WHERE ts < ?")) {
            int i = 1;
            if (name != null) {
                ps.setString(i++, name);
            }
            ps.setInt(i++, batch);
            ps.setLong(i, beforeMillis);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int delete(Connection c, long upTo) throws SQLException {
        if (upTo <= 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM export_outbox WHERE seq <= ?")) {
            ps.setLong(1, upTo);
            return ps.executeUpdate();
        }
    }

    private static List<Record> records(PreparedStatement ps) throws SQLException {
        List<Record> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Code code = rs.getObject(9) == null ? null
                        : new Code(rs.getLong(9), rs.getLong(10), rs.getString(11), UrlKey.decode(rs.getObject(12)));
                Job job = rs.getString(3) == null || rs.getObject(13) == null ? null
                        : new Job(rs.getString(3), rs.getLong(13), rs.getString(14), rs.getString(15), rs.getLong(16),
                                rs.getString(17));
                out.add(new Record(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(4)), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), code, job));
            }
        }
        return out;
    }
}
