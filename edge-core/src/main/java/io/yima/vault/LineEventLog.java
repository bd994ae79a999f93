package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines' numbered events in the vault (schema v5). Rows are written inside the caller's transaction — the one
 * that commits the change the event reports — so an event is on disk exactly when its change is. The line owns
 * the numbering; this class only stores and reads.
 */
public final class LineEventLog {
    /** One stored event: {@code kind} and {@code body} are the line's serialised event. */
    public record Row(long number, String jobId, String kind, String body, long ts) {
    }

    private static final String INSERT =
            "INSERT INTO line_event(line, number, job_id, kind, body, ts) VALUES (?,?,?,?,?,?)";

    private final CodeVault vault;

    public LineEventLog(CodeVault vault) {
        this.vault = vault;
    }

    /**
     * Writes rows inside the caller's transaction, which runs on this vault's writer, with the INSERT kept prepared
     * (a line writes some in most of its transactions; preparing it compiles the table's export trigger).
     */
    public void write(Connection c, String line, List<Row> rows) throws SQLException {
        if (!rows.isEmpty()) {
            vault.kept.run(c, INSERT, ps -> insert(ps, line, rows));
        }
    }

    /** Writes rows inside the caller's transaction, preparing the INSERT for this once (start-up recovery). */
    public static void append(Connection c, String line, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            insert(ps, line, rows);
        }
    }

    private static void insert(PreparedStatement ps, String line, List<Row> rows) throws SQLException {
        for (Row r : rows) {
            ps.setString(1, line);
            ps.setLong(2, r.number());
            ps.setString(3, r.jobId());
            ps.setString(4, r.kind());
            ps.setString(5, r.body());
            ps.setLong(6, r.ts());
            ps.executeUpdate();
        }
    }

    /** Records, inside the caller's transaction, that the line may hand out numbers up to {@code reservedTo}. */
    public static void reserve(Connection c, String line, long reservedTo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO line_event_block(line, reserved_to) VALUES (?, ?)"
                + " ON CONFLICT(line) DO UPDATE SET reserved_to = excluded.reserved_to")) {
            ps.setString(1, line);
            ps.setLong(2, reservedTo);
            ps.executeUpdate();
        }
    }

    /** The highest number the line may have handed out before this start: the stored rows and its reservation. */
    public long highestIssued(String line) {
        return vault.read(c -> highestIssued(c, line));
    }

    /** {@link #highestIssued(String)} inside the caller's transaction. */
    public static long highestIssued(Connection c, String line) throws SQLException {
        return Math.max(single(c, "SELECT max(number) FROM line_event WHERE line = ?", line),
                single(c, "SELECT reserved_to FROM line_event_block WHERE line = ?", line));
    }

    /** The job's events on the line numbered above {@code after}, in number order. */
    public List<Row> since(String line, String jobId, long after) {
        return vault.read(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT number, job_id, kind, body, ts FROM line_event"
                    + " WHERE line = ? AND job_id = ? AND number > ? ORDER BY number")) {
                ps.setString(1, line);
                ps.setString(2, jobId);
                ps.setLong(3, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5)));
                    }
                }
            }
            return rows;
        });
    }

    private static long single(Connection c, String sql, String line) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, line);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
