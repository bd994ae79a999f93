package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's row and audit trail: who opened and moved it, when it closed, which job a line resumes, its account. */
class JobRecordTest {
    @TempDir
    Path dir;
    CodeVault vault;

    static JobSpec job(String id, String line) {
        return new JobSpec(id, line, APP, "SKU-1", "B7", 100, "MICROCODE", "TRIGGERED", CodeVaultTest.JOB.activation());
    }

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 30))))));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    /** The audit entries of one kind, their JSON bodies in order. */
    private List<String> events(String kind) {
        return vault.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM event WHERE kind = ? ORDER BY rowid")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private Long closedAt(String jobId) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT closed FROM job WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }
            }
        });
    }

    @Test
    void openingTheSameJobAgainWritesNoSecondEntryAndWhoAskedIsRecorded() {
        vault.openJob(job("J1", "L1"), "opcua user tech1 from 10.0.0.5");
        vault.openJob(job("J1", "L1"), "modbus 10.0.0.9");
        vault.openJob(job("J2", "L2"));
        assertThat(events("JOB_OPEN")).hasSize(2);
        assertThat(events("JOB_OPEN").get(0)).contains("\"by\":\"opcua user tech1 from 10.0.0.5\"")
                .contains("\"job\":\"J1\"").contains("\"quantity\":100");
        assertThat(events("JOB_OPEN").get(1)).doesNotContain("\"by\"").contains("\"job\":\"J2\"");
    }

    @Test
    void stateChangesAreRecordedWithWhoAskedAndOnlyClosingStampsTheClosingTime() {
        vault.openJob(job("J1", "L1"));
        vault.setJobState("J1", JobState.STOPPED, "plc 10.0.0.7");
        assertThat(vault.jobState("J1")).isEqualTo(JobState.STOPPED);
        assertThat(closedAt("J1")).isNull();
        vault.setJobState("J1", JobState.OPEN);
        assertThat(closedAt("J1")).isNull();
        long before = System.currentTimeMillis();
        vault.setJobState("J1", JobState.CLOSED);
        assertThat(closedAt("J1")).isBetween(before, System.currentTimeMillis());
        assertThat(events("JOB_STOPPED")).singleElement().asString().contains("\"by\":\"plc 10.0.0.7\"");
        assertThat(events("JOB_OPEN")).hasSize(2); // the open, and the job set OPEN again
        assertThat(events("JOB_CLOSED")).singleElement().asString().doesNotContain("\"by\"");
    }

    @Test
    void anUnknownJobIsRefusedByName() {
        assertThatThrownBy(() -> vault.jobState("J404")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no job J404");
        assertThatThrownBy(() -> vault.setJobState("J404", JobState.CLOSED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no job J404");
        assertThat(events("JOB_CLOSED")).isEmpty();
    }

    @Test
    void aLineResumesItsOwnLatestJobThatIsOpenOrStopped() {
        assertThat(vault.openJobOnLine("L1")).isEmpty();
        vault.openJob(job("J1", "L1"));
        vault.openJob(job("J2", "L2"));
        assertThat(vault.openJobOnLine("L1")).get().extracting(JobSpec::jobId).isEqualTo("J1");
        vault.setJobState("J1", JobState.STOPPED);
        assertThat(vault.openJobOnLine("L1")).get().extracting(JobSpec::jobId).isEqualTo("J1");
        vault.setJobState("J1", JobState.CLOSED);
        assertThat(vault.openJobOnLine("L1")).isEmpty();
        assertThat(vault.openJobOnLine("L2")).get().extracting(JobSpec::jobId).isEqualTo("J2");
    }

    @Test
    void aJobWithALabelAwaitingItsVerdictIsNotBalancedEvenWithNothingReserved() {
        vault.openJob(job("J1", "L1"));
        vault.reserve(APP, "J1", 4);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "a"), new Issue(APP, 1, "J1", "b"),
                new Issue(APP, 2, "J1", "c")));
        vault.voidCodes(List.of(new CodeRef(APP, 3)), "JOB_CLOSED");
        vault.voidCodes(List.of(new CodeRef(APP, 2)), "PRINTER_FAULT");
        vault.reject(List.of(new Rejection(APP, 1, "MISMATCH")));

        JobReport r = vault.jobReport("J1");
        assertThat(r.reserved()).isZero();
        assertThat(r.sent()).isEqualTo(1);
        assertThat(r.balanced()).isFalse();
        assertThat(r.voided()).isEqualTo(2);
        assertThat(r.voidedAfterSent()).isEqualTo(1);
        assertThat(r.voidedByReason()).containsOnlyKeys("JOB_CLOSED", "PRINTER_FAULT")
                .containsEntry("JOB_CLOSED", 1L).containsEntry("PRINTER_FAULT", 1L);
        assertThat(r.rejectedByReason()).containsExactly(java.util.Map.entry("MISMATCH", 1L));
        assertThat(r.printed()).isEqualTo(3);

        vault.bind(List.of(new Binding(APP, 0, "J1", "a")));
        JobReport done = vault.jobReport("J1");
        assertThat(done.balanced()).isTrue();
        assertThat(done.printed()).isEqualTo(3);
        assertThat(done.indexes().get(CodeState.VOIDED)).containsExactly(2L, 3L);
        assertThat(done.stale()).isZero();
    }

    @Test
    void staleRefusalsAreCountedOnTheJobAndAnUnknownJobHasNone() {
        vault.openJob(job("J1", "L1"));
        vault.inTransaction(c -> {
            JobStale.add(c, "J1", 2);
            JobStale.add(c, "J1", 3);
            return null;
        });
        assertThat(vault.jobReport("J1").stale()).isEqualTo(5);
        assertThat(vault.jobReport("J404").stale()).isZero();
        assertThat(vault.jobReport("J404").balanced()).isTrue();
    }
}
