package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The PLC triggers a job refused STALE, kept on the job's row (schema v7) so the count survives an edge restart.
 * A stale refusal changes no code, so no code row could count it; the line adds its refusals inside one of its
 * own transactions.
 */
public final class JobStale {
    private JobStale() {
    }

    /** Adds {@code n} stale refusals to the job, inside the caller's transaction. */
    public static void add(Connection c, String jobId, long n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE job SET stale = stale + ? WHERE id = ?")) {
            ps.setLong(1, n);
            ps.setString(2, jobId);
            ps.executeUpdate();
        }
    }

    /** The job's stale refusals so far (0 for an unknown job). */
    public static long of(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT stale FROM job WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
