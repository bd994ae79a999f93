package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a vault of schema v6: its jobs get a stale count of 0, and the line's additions are in job report. */
class SchemaV7Test {
    @TempDir
    Path dir;

    @Test
    void aJobOfAnOlderVaultStartsAtZeroStaleAndCountsWhatIsAdded() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            Schema.migrate(c, 6);
            st.execute("INSERT INTO application(id, slot, created) VALUES (7, 1, 0)");
            st.execute("INSERT INTO job(id, line, application_id, quantity, state, opened)"
                    + " VALUES ('J', 'L1', 7, 10, 'OPEN', 0)");
        }
        try (CodeVault v = CodeVault.open(file)) {
            assertThat(v.jobReport("J").stale()).isZero();
            v.inTransaction(c -> {
                JobStale.add(c, "J", 2);
                return null;
            });
            v.inTransaction(c -> {
                JobStale.add(c, "J", 1);
                return null;
            });
            assertThat(v.jobReport("J").stale()).isEqualTo(3);
            assertThat(v.jobReport("J").printed()).as("a stale trigger is no code").isZero();
        }
    }
}
