package io.yima.sim.bench.scale;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts {@code n} events into a vault copy's export outbox before the edge starts, as a broker outage would have
 * left them (device-fault rows of line L1, an hour old), so a run measures the line with that backlog waiting.
 */
final class ExportBacklogFill {
    private ExportBacklogFill() {
    }

    static void fill(Path vault, long n) throws IOException {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vault)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("BEGIN IMMEDIATE");
            }
            try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                    + " FROM n WHERE i < ?) INSERT INTO export_outbox(line, kind, detail, ts)"
                    + " SELECT 'L1', 'DEVICE_FAULT', '{\"device\":\"PRINTER\",\"reason\":\"bench\"}', ? FROM n")) {
                ps.setLong(1, n);
                ps.setLong(2, System.currentTimeMillis() - 3_600_000);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.execute("COMMIT");
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            throw new IOException("cannot fill the export outbox of " + vault + ": " + e.getMessage(), e);
        }
        System.out.printf("  export outbox: %,d events waiting (filled in %.1f s)%n", n, (System.nanoTime() - t0) / 1e9);
    }
}
