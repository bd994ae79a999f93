package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Statements the lines run in every transaction, prepared once on the writer connection and kept. Preparing one
 * compiles the triggers of its table into it: 66–85 µs for a {@code code} UPDATE (counting and export triggers) and
 * 23 µs for the {@code line_event} INSERT on the project's VM, against a few µs to run them, and a line ran a few
 * per label. Used only inside the vault's transactions, so only by the holder of the writer (the writer's lock
 * orders its successive holders); a statement whose run failed is dropped and prepared again at its next use.
 */
final class KeptStatements {
    @FunctionalInterface
    interface Use {
        void with(PreparedStatement ps) throws SQLException;
    }

    private final Map<String, PreparedStatement> kept = new HashMap<>();
    private Connection on;

    /** The kept statement for {@code sql} on {@code c}, prepared at its first use. */
    PreparedStatement get(Connection c, String sql) throws SQLException {
        if (on != c) { // another connection (the writer reopened): start afresh
            kept.values().forEach(KeptStatements::closeQuietly);
            kept.clear();
            on = c;
        }
        PreparedStatement ps = kept.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            kept.put(sql, ps);
        }
        return ps;
    }

    /** Runs {@code use} with the kept statement; one that fails is dropped. */
    void run(Connection c, String sql, Use use) throws SQLException {
        PreparedStatement ps = get(c, sql);
        try {
            use.with(ps);
        } catch (SQLException e) {
            forget(sql);
            throw e;
        }
    }

    /** Drops the statement (its run failed): prepared afresh at its next use. */
    private void forget(String sql) {
        closeQuietly(kept.remove(sql));
    }

    private static void closeQuietly(PreparedStatement ps) {
        if (ps != null) {
            try {
                ps.close();
            } catch (SQLException e) {
                // closed with its connection, or failing with it: prepared afresh at the next use either way
            }
        }
    }
}
