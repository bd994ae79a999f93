package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Code transitions as batches: an empty batch changes and records nothing, every batch is one audit entry naming its
 * codes, a reservation hands out the codes as the vault holds them and stays within its application, and a job's
 * release touches that job's unsent codes only.
 */
class TransitionBatchTest {
    static final long OTHER_APP = 42L;
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        importLines(APP, 0, 20);
        vault.openJob(CodeVaultTest.JOB);
        vault.openJob(new JobSpec("J2", "line-2", APP, "SKU-1", "B7", 100, "MICROCODE", "TRIGGERED", null));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private void importLines(long app, long from, int count) {
        new PackageImporter(vault).importStreams(app, TestPackages.keyBytes(), List.of(NamedInput.of("p" + from
                + ".b64", TestPackages.base64(TestPackages.text(TestPackages.lines(from, count))))));
    }

    private List<String> events(String kind) {
        return vault.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM event WHERE kind = ? ORDER BY seq")) {
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

    private long allEvents() {
        return vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM event")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void anEmptyBatchChangesNothingAndLeavesNoAuditEntry() {
        long before = allEvents();
        long[] commits = vault.commitCounts();
        assertThat(vault.reserve(APP, "J1", 0)).isEmpty();
        assertThat(vault.reserve(APP, "J1", -3)).isEmpty();
        vault.markSent(List.of());
        vault.bind(List.of());
        vault.reject(List.of());
        vault.voidCodes(List.of(), "JOB_CLOSED");
        assertThat(vault.release("J1")).isZero();
        assertThat(allEvents()).isEqualTo(before);
        assertThat(vault.commitCounts()[0]).isEqualTo(commits[0] + 1); // the release's look, nothing else
        assertThat(vault.available(APP)).isEqualTo(20);
    }

    @Test
    void everyBatchIsOneAuditEntryNamingItsCodes() {
        vault.reserve(APP, "J1", 4);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1"),
                new Issue(APP, 2, "J1", "i2")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "i0")));
        vault.reject(List.of(new Rejection(APP, 1, "GRADE_D")));
        vault.voidCodes(List.of(new CodeRef(APP, 2), new CodeRef(APP, 3)), "JOB_CLOSED");

        assertThat(events("RESERVE")).singleElement().satisfies(j -> assertThat(j)
                .contains("\"job\":\"J1\"").contains("\"count\":4").contains("\"indexes\":[0,1,2,3]"));
        assertThat(events("SENT")).containsExactly("{\"codes\":[[" + APP + ",0],[" + APP + ",1],[" + APP + ",2]]}");
        assertThat(events("BIND")).containsExactly("{\"codes\":[[" + APP + ",0]]}");
        assertThat(events("REJECT")).containsExactly("{\"codes\":[[" + APP + ",1]]}");
        assertThat(events("VOID")).containsExactly("{\"codes\":[[" + APP + ",2],[" + APP + ",3]]}");
        CodeRecord rejected = vault.byIndex(APP, 1).orElseThrow();
        assertThat(rejected.reason()).isEqualTo("GRADE_D");
        assertThat(rejected.itemId()).isEqualTo("i1");
        assertThat(vault.byIndex(APP, 3).orElseThrow().reason()).isEqualTo("JOB_CLOSED");
        assertThat(vault.byIndex(APP, 3).orElseThrow().itemId()).isNull();
    }

    @Test
    void aReservationHandsOutEachCodeAsTheVaultHoldsIt() {
        List<CodeRecord> got = vault.reserve(APP, "J1", 3);
        for (CodeRecord r : got) {
            CodeRecord stored = vault.byIndex(APP, r.index()).orElseThrow();
            assertThat(r.applicationId()).isEqualTo(APP);
            assertThat(r.code()).isEqualTo(stored.code());
            assertThat(r.url()).isEqualTo(stored.url()).startsWith("P.URL.CN/").hasSize(28);
            assertThat(r.matrix()).isEqualTo(stored.matrix());
            assertThat(r.state()).isEqualTo(CodeState.RESERVED).isEqualTo(stored.state());
            assertThat(r.jobId()).isEqualTo("J1").isEqualTo(stored.jobId());
            assertThat(r.updatedMillis()).isPositive().isEqualTo(stored.updatedMillis());
        }
        assertThat(vault.resolveRead(got.get(1).url())).get().extracting(CodeRecord::index).isEqualTo(1L);
    }

    @Test
    void aReservationStaysWithinItsApplicationAndResumesWhenItGetsNewStock() {
        importLines(OTHER_APP, 100, 10);
        assertThat(vault.reserve(APP, "J1", 25)).hasSize(20);
        assertThat(vault.reserve(APP, "J1", 5)).isEmpty();
        assertThat(vault.available(OTHER_APP)).isEqualTo(10);
        importLines(APP, 20, 5);
        assertThat(vault.reserve(APP, "J1", 10)).extracting(CodeRecord::index)
                .containsExactly(20L, 21L, 22L, 23L, 24L);
        assertThat(vault.reserve(OTHER_APP, "J2", 2)).extracting(CodeRecord::applicationId, CodeRecord::index)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OTHER_APP, 100L),
                        org.assertj.core.groups.Tuple.tuple(OTHER_APP, 101L));
    }

    @Test
    void releasingAJobReturnsOnlyItsOwnUnsentCodesAndTheyAreHandedOutFirst() {
        vault.reserve(APP, "J1", 3);                   // 0..2
        vault.reserve(APP, "J2", 3);                   // 3..5
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0")));
        assertThat(vault.release("J1")).isEqualTo(2);
        assertThat(vault.byIndex(APP, 0).orElseThrow().state()).isEqualTo(CodeState.SENT);
        assertThat(vault.byIndex(APP, 1).orElseThrow().state()).isEqualTo(CodeState.AVAILABLE);
        assertThat(vault.byIndex(APP, 1).orElseThrow().jobId()).isNull();
        assertThat(vault.byIndex(APP, 4).orElseThrow().state()).isEqualTo(CodeState.RESERVED);
        assertThat(events("RELEASE")).singleElement().satisfies(j -> assertThat(j).contains("\"job\":\"J1\"")
                .contains("\"count\":2"));
        // below the point the job's reservations had reached: scanned again from the bottom
        assertThat(vault.reserve(APP, "J2", 3)).extracting(CodeRecord::index).containsExactly(1L, 2L, 6L);
        assertThat(vault.release("J1")).isZero();
        assertThat(events("RELEASE")).hasSize(1);
    }

    @Test
    void voidingARangeTouchesOnlyAvailableCodesOfThatApplicationAndIgnoresAnEmptyRange() {
        importLines(OTHER_APP, 100, 10);
        vault.reserve(APP, "J1", 2); // 0, 1
        long before = allEvents();
        assertThat(vault.voidAvailable(APP, -1, 5, "SPOILED")).isZero();
        assertThat(vault.voidAvailable(APP, 5, 4, "SPOILED")).isZero();
        assertThat(vault.voidAvailable(999L, 0, 5, "SPOILED")).isZero();
        assertThat(allEvents()).isEqualTo(before);

        assertThat(vault.voidAvailable(APP, 0, 2, "SPOILED")).isOne();
        assertThat(vault.byIndex(APP, 1).orElseThrow().state()).isEqualTo(CodeState.RESERVED);
        assertThat(vault.byIndex(APP, 2).orElseThrow().reason()).isEqualTo("SPOILED");
        assertThat(vault.voidAvailable(APP, 15, Long.MAX_VALUE, "WITHDRAWN")).isEqualTo(5);
        assertThat(vault.byIndex(APP, 14).orElseThrow().state()).isEqualTo(CodeState.AVAILABLE);
        assertThat(vault.available(APP)).isEqualTo(12);
        assertThat(vault.available(OTHER_APP)).isEqualTo(10);
        assertThat(vault.statesInRange(APP, 0, Long.MAX_VALUE)).containsEntry(CodeState.VOIDED, 6L)
                .containsEntry(CodeState.RESERVED, 2L).containsEntry(CodeState.AVAILABLE, 12L);
    }
}
