package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import batches on their own: STAGED rows are invisible until the batch is published, publishing and discarding
 * each decide once on the batch's state, start-up recovery discards what was staging and finishes what was
 * publishing, and the clean-up before an import leaves an import still running alone.
 */
class ImportBatchesTest {
    @TempDir
    Path dir;
    CodeVault vault;
    ImportBatches imports;
    long slot;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        imports = vault.imports();
        slot = vault.ensureApplication(APP);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    /** {@code n} STAGED rows of the batch from index {@code from}, as an import writes them. */
    private void stage(long batch, long from, int n) {
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE i(k) AS (SELECT ? UNION ALL SELECT k + 1"
                    + " FROM i WHERE k + 1 < ?) INSERT INTO code(id, application_id, code, url, matrix, state,"
                    + " import_batch) SELECT ? + k, ?, 'S' || k, printf('P.URL.CN/S%018d', k), zeroblob(46), "
                    + CodeState.STAGED.stored() + ", ? FROM i")) {
                ps.setLong(1, from);
                ps.setLong(2, from + n);
                ps.setLong(3, CodeKey.of(slot, 0));
                ps.setLong(4, APP);
                ps.setLong(5, batch);
                return ps.executeUpdate();
            }
        });
    }

    private String state(long batch) {
        return vault.read(c -> ImportBatches.state(c, batch));
    }

    private long count(String sql) {
        return PackingFixture.count(vault, sql);
    }

    @Test
    void aPublishedBatchIsStockOnceAndASecondPublishOrADiscardChangesNothing() {
        long b = imports.begin(APP);
        try {
            stage(b, 0, 3);
            assertThat(state(b)).isEqualTo("STAGING");
            assertThat(vault.available(APP)).isZero();
            assertThat(vault.byIndex(APP, 1)).isEmpty();

            assertThat(imports.publish(b, Map.of("batch", b))).isTrue();
            assertThat(state(b)).isEqualTo("DONE");
            assertThat(vault.available(APP)).isEqualTo(3);
            assertThat(vault.byIndex(APP, 1)).get().extracting(CodeRecord::state).isEqualTo(CodeState.AVAILABLE);
            assertThat(vault.reserve(APP, "J1", 5)).hasSize(3);

            assertThat(imports.publish(b, Map.of("batch", b))).isFalse();
            assertThat(imports.discard(b)).isZero();
            assertThat(state(b)).isEqualTo("DONE");
            assertThat(count("SELECT count(*) FROM event WHERE kind = 'IMPORT'")).isOne();
            assertThat(count("SELECT count(*) FROM code")).isEqualTo(3);
        } finally {
            imports.end(b);
        }
        assertThat(state(b + 1)).isNull();
    }

    @Test
    void aBatchLargerThanOneChunkIsPublishedAndDiscardedWhole() {
        int n = ImportBatches.ROWS_PER_CHUNK + 1;
        long pub = imports.begin(APP);
        stage(pub, 0, n);
        assertThat(imports.publish(pub, Map.of())).isTrue();
        assertThat(vault.available(APP)).isEqualTo(n);
        imports.end(pub);

        long gone = imports.begin(APP);
        stage(gone, n, n);
        assertThat(imports.discard(gone)).isEqualTo(n);
        imports.end(gone);
        assertThat(state(gone)).isEqualTo("FAILED");
        assertThat(imports.publish(gone, Map.of())).isFalse();
        assertThat(count("SELECT count(*) FROM code")).isEqualTo(n);
        assertThat(vault.checkCounts()).isEmpty();
    }

    @Test
    void startUpRecoveryDiscardsWhatWasStagingAndFinishesWhatWasPublishing() {
        long staging = imports.begin(APP);
        stage(staging, 0, 2);
        long publishing = imports.begin(APP);
        stage(publishing, 10, 3);
        vault.inTransaction(c -> c.createStatement().executeUpdate("UPDATE import_batch SET state = 'PUBLISHING'"
                + " WHERE id = " + publishing));
        long done = imports.begin(APP);
        imports.publish(done, Map.of());

        RecoveryReport r = vault.recover();
        assertThat(r).isEqualTo(new RecoveryReport(0, 0, 1, 2, 1, 3, 0));
        assertThat(r.describe()).isEqualTo("recovered after an unclean stop: 0 reserved codes released (never sent),"
                + " 0 sent codes without a verdict voided, 1 unfinished import(s) discarded (2 codes; import the"
                + " package again), 1 import(s) finished (3 codes)");
        assertThat(state(staging)).isEqualTo("FAILED");
        assertThat(state(publishing)).isEqualTo("DONE");
        assertThat(vault.available(APP)).isEqualTo(3);
        assertThat(vault.byIndex(APP, 0)).isEmpty();
        assertThat(vault.byIndex(APP, 12)).isPresent();
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'RECOVER_IMPORT'")).isOne();

        assertThat(vault.recover()).isEqualTo(new RecoveryReport(0, 0));
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'RECOVER_IMPORT'")).isOne();
        imports.end(staging);
        imports.end(publishing);
        imports.end(done);
    }

    @Test
    void theCleanUpBeforeAnImportLeavesAnImportStillRunningHereAlone() {
        long running = imports.begin(APP);
        stage(running, 0, 2);
        assertThat(imports.cleanAbandoned()).isEqualTo(new ImportBatches.ImportRecovery(0, 0, 0, 0));
        assertThat(state(running)).isEqualTo("STAGING");
        assertThat(count("SELECT count(*) FROM code")).isEqualTo(2);

        imports.end(running); // its import failed and could not discard: abandoned from now on
        assertThat(imports.cleanAbandoned()).isEqualTo(new ImportBatches.ImportRecovery(1, 2, 0, 0));
        assertThat(state(running)).isEqualTo("FAILED");
        assertThat(count("SELECT count(*) FROM code")).isZero();
    }

    @Test
    void aBatchWhoseOwnerIsUnknownIsAbandoned() {
        long old = imports.begin(APP);
        try {
            stage(old, 0, 1);
            vault.inTransaction(c -> c.createStatement().executeUpdate("UPDATE import_batch SET state ="
                    + " 'PUBLISHING', owner_pid = NULL WHERE id = " + old));
            assertThat(imports.cleanAbandoned()).isEqualTo(new ImportBatches.ImportRecovery(0, 0, 1, 1));
            assertThat(vault.available(APP)).isOne();
        } finally {
            imports.end(old);
        }
    }
}
