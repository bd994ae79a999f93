package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vault check} and {@code vault check --repair}: counters that drifted from the codes (a hand edit, a bug)
 * are found bucket by bucket and rewritten from a recount; a sound vault is left alone.
 */
class CountRepairTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20))))));
        vault.openJob(CodeVaultTest.JOB);
        vault.reserve(APP, "J1", 3);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "a"), new Issue(APP, 1, "J1", "b")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "a")));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private void sql(String statement) {
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
                return ps.executeUpdate();
            }
        });
    }

    private long events(String kind) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM event WHERE kind = ?")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void soundCountersShowNoDifferenceAndRepairChangesNothing() {
        assertThat(vault.checkCounts()).isEmpty();
        assertThat(vault.repairCounts()).isEmpty();
        assertThat(events("COUNTS_REPAIRED")).isZero();
    }

    @Test
    void driftedCountersAreFoundPerBucketAndRepairedFromARecount() {
        // AVAILABLE counted 3 too many, BOUND/PENDING 1 too few, and a bucket for a state no code is in
        sql("UPDATE code_count SET n = n + 3 WHERE application_id = " + APP + " AND state = 0");
        sql("UPDATE code_count SET n = n - 1 WHERE application_id = " + APP + " AND state = 3 AND activation_state = 'PENDING'");
        sql("INSERT INTO code_count VALUES (" + APP + ", 4, '', 2)");

        List<CountDifference> found = vault.checkCounts();
        assertThat(found).containsExactly(
                new CountDifference(APP, CodeState.AVAILABLE, null, 20, 17),
                new CountDifference(APP, CodeState.BOUND, "PENDING", 0, 1),
                new CountDifference(APP, CodeState.REJECTED, null, 2, 0));
        assertThat(found.get(1).describe())
                .isEqualTo("application " + APP + ", state BOUND, activation PENDING: counted 0, actually 1");
        // the status page reads the counters: it shows the drift until the repair
        assertThat(vault.available(APP)).isEqualTo(20);

        assertThat(vault.repairCounts()).isEqualTo(found);
        assertThat(vault.checkCounts()).isEmpty();
        assertThat(vault.available(APP)).isEqualTo(17);
        VaultStats.ApplicationStats s = vault.stats().applications().get(0);
        assertThat(s.states()).containsEntry(CodeState.AVAILABLE, 17L).containsEntry(CodeState.RESERVED, 1L)
                .containsEntry(CodeState.SENT, 1L).containsEntry(CodeState.BOUND, 1L)
                .containsEntry(CodeState.REJECTED, 0L);
        assertThat(s.total()).isEqualTo(20);
        assertThat(events("COUNTS_REPAIRED")).isEqualTo(1);

        assertThat(vault.repairCounts()).isEmpty();
        assertThat(events("COUNTS_REPAIRED")).isEqualTo(1);
    }

    @Test
    void differencesAreListedByApplicationThenStateThenActivation() {
        sql("UPDATE code_count SET n = n + 1 WHERE application_id = " + APP + " AND state = 3");
        sql("INSERT INTO code_count VALUES (" + APP + ", 3, 'ACTIVATED', 5)");
        sql("UPDATE code_count SET n = 5 WHERE application_id = " + APP + " AND state = 2");
        sql("INSERT INTO code_count VALUES (" + (APP - 1) + ", 5, '', 1)");

        assertThat(vault.checkCounts()).extracting(d -> d.applicationId() + " " + d.state() + " " + d.activationState()
                        + " " + d.counted() + "/" + d.actual())
                .containsExactly(
                        (APP - 1) + " VOIDED null 1/0",
                        APP + " SENT null 5/1",
                        APP + " BOUND ACTIVATED 5/0",
                        APP + " BOUND PENDING 2/1");
    }
}
