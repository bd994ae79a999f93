package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's fields as the vault keeps them: what was opened is what a restarted edge reads back (every field, the
 * activation fields only when there are any, the production date), and opening the same id with other fields is
 * refused naming the job as the vault has it.
 */
class JobSpecStoreTest {
    @TempDir
    Path dir;
    CodeVault vault;

    static final JobSpec FULL = new JobSpec("J1", "line-1", APP, "SKU-1", "B7", 120, "QR", "STREAM",
            new ActivationFields("spring", "Yima", "Tea", "6901234567892", "wxabc", "pages/index", 2),
            LocalDate.of(2026, 11, 30));
    static final JobSpec BARE = new JobSpec("J2", "line-2", 42L, "SKU-2", null, 1, "MICROCODE", "TRIGGERED", null);

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private JobSpec readBackAfterRestart(String jobId) {
        vault.close();
        vault = CodeVault.openExisting(dir.resolve("vault.db"));
        return vault.job(jobId).orElseThrow();
    }

    @Test
    void everyFieldOfAJobComesBackAfterARestart() {
        vault.openJob(FULL);
        vault.openJob(BARE);
        assertThat(readBackAfterRestart("J1")).isEqualTo(FULL);
        JobSpec bare = vault.job("J2").orElseThrow();
        assertThat(bare).isEqualTo(BARE);
        assertThat(bare.activation()).isNull();
        assertThat(bare.productionDate()).isNull();
        assertThat(vault.job("J3")).isEmpty();
    }

    @Test
    void activationFieldsWithoutAMiniProgramTypeKeepTheTypeUnset() {
        JobSpec noType = new JobSpec("J4", "line-1", APP, "SKU-1", "B7", 10, "MICROCODE", "TRIGGERED",
                new ActivationFields("spring", null, null, null, null, null, null));
        JobSpec onlyType = new JobSpec("J5", "line-1", APP, "SKU-1", "B7", 10, "MICROCODE", "TRIGGERED",
                new ActivationFields(null, null, null, null, null, null, 0));
        vault.openJob(noType);
        vault.openJob(onlyType);
        assertThat(readBackAfterRestart("J4")).isEqualTo(noType);
        assertThat(vault.job("J4").orElseThrow().activation().wxaType()).isNull();
        assertThat(vault.job("J5").orElseThrow()).isEqualTo(onlyType);
        assertThat(vault.job("J5").orElseThrow().activation().wxaType()).isZero();
    }

    @Test
    void theSameSpecAgainIsANoOpAndOtherFieldsAreRefusedNamingTheStoredJob() {
        vault.openJob(FULL);
        vault.openJob(FULL);
        JobSpec otherDate = new JobSpec("J1", "line-1", APP, "SKU-1", "B7", 120, "QR", "STREAM", FULL.activation(),
                LocalDate.of(2026, 12, 1));
        assertThatThrownBy(() -> vault.openJob(otherDate))
                .isInstanceOfSatisfying(JobConflictException.class, e -> assertThat(e.existing()).isEqualTo(FULL))
                .hasMessageStartingWith("job J1 is already open with other fields: ");
        JobSpec otherQuantity = new JobSpec("J1", "line-1", APP, "SKU-1", "B7", 121, "QR", "STREAM",
                FULL.activation(), FULL.productionDate());
        assertThatThrownBy(() -> vault.openJob(otherQuantity)).isInstanceOf(JobConflictException.class);
        assertThat(vault.jobState("J1")).isEqualTo(JobState.OPEN);
        assertThat(vault.job("J1")).contains(FULL);
    }
}
