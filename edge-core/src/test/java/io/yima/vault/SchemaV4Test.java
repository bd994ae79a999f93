package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a vault an older release left (schema v3) fills the counters from its codes and swaps the job index. */
class SchemaV4Test {
    @TempDir
    Path dir;

    @Test
    void migrationFillsTheCountersOfAnExistingVault() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            Schema.migrate(c, 3);
            st.execute("INSERT INTO application(id, slot, created) VALUES (7, 1, 0)");
            // 10 codes: 6 AVAILABLE, 1 RESERVED, 2 BOUND (1 PENDING, 1 ACTIVATED), 1 STAGED
            int[] states = {0, 0, 0, 0, 0, 0, 1, 3, 3, 6};
            String[] activation = {null, null, null, null, null, null, null, "'PENDING'", "'ACTIVATED'", null};
            for (int i = 0; i < states.length; i++) {
                st.execute("INSERT INTO code(id, application_id, code, url, matrix, state, activation_state, job_id)"
                        + " VALUES (" + CodeKey.of(1, i) + ", 7, 'C" + i + "', 'U" + i + "', x'00', " + states[i]
                        + ", " + activation[i] + ", " + (states[i] == 1 || states[i] == 3 ? "'J'" : "NULL") + ")");
            }
        }
        try (CodeVault v = CodeVault.open(file)) {
            assertThat(v.checkCounts()).isEmpty();
            VaultStats.ApplicationStats s = v.stats().applications().get(0);
            assertThat(s.total()).isEqualTo(9);
            assertThat(s.states()).containsEntry(CodeState.AVAILABLE, 6L).containsEntry(CodeState.RESERVED, 1L)
                    .containsEntry(CodeState.BOUND, 2L);
            assertThat(s.activation()).containsEntry("PENDING", 1L).containsEntry("ACTIVATED", 1L);
            List<String> indexes = v.read(c -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'code'")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(indexes).contains("code_job_item").doesNotContain("code_job");
        }
    }
}
