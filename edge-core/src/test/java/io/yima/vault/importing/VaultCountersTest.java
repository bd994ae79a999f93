package io.yima.vault.importing;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.ActivationFields;
import io.yima.vault.Binding;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.RecoveryReport;
import io.yima.vault.Rejection;
import io.yima.vault.TestPackages;
import io.yima.vault.VaultStats;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock counters stay exact through every kind of change. After each step the counters are compared with the
 * recount {@code vault check} uses, and a few absolute numbers are asserted, so the test does not only compare the
 * vault with itself.
 */
class VaultCountersTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @AfterEach
    void close() {
        vault.close();
    }

    private ImportResult importLines(List<String> lines) {
        return new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(lines)))));
    }

    private void assertExact(long available, long reserved, long sent, long bound, long rejected, long voided) {
        assertThat(vault.checkCounts()).as("counters vs recount").isEmpty();
        VaultStats.ApplicationStats s = vault.stats().applications().get(0);
        assertThat(s.states()).isEqualTo(Map.of(CodeState.AVAILABLE, available, CodeState.RESERVED, reserved,
                CodeState.SENT, sent, CodeState.BOUND, bound, CodeState.REJECTED, rejected, CodeState.VOIDED, voided));
        assertThat(s.total()).isEqualTo(available + reserved + sent + bound + rejected + voided);
        // independent of the counters and of the recount's SQL: one plain count per state
        for (CodeState st : CodeState.COUNTED) {
            assertThat(countRows("state = " + st.stored())).as(st.name()).isEqualTo(s.states().get(st));
        }
    }

    private long countRows(String where) {
        return vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM code WHERE " + where)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private Map<String, Long> activation() {
        return vault.stats().applications().get(0).activation();
    }

    @Test
    void countersStayExactThroughImportTransitionsLiveImportsRecoveryAndActivation() {
        Path file = dir.resolve("vault.db");
        vault = CodeVault.open(file);
        importLines(TestPackages.lines(0, 5_000));
        assertExact(5_000, 0, 0, 0, 0, 0);

        vault.openJob(new JobSpec("J1", "line-1", APP, "SKU", "B", 10, "QR", "TRIGGERED",
                new ActivationFields(null, null, null, null, null, null, null)));
        vault.reserve(APP, "J1", 10);
        assertExact(4_990, 10, 0, 0, 0, 0);
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            issues.add(new Issue(APP, i, "J1", "item-" + i));
        }
        vault.markSent(issues);
        assertExact(4_990, 4, 6, 0, 0, 0);
        vault.bind(List.of(new Binding(APP, 0, "J1", "item-0"), new Binding(APP, 1, "J1", "item-1")));
        assertExact(4_990, 4, 4, 2, 0, 0);
        assertThat(activation()).containsEntry("PENDING", 2L);
        vault.reject(List.of(new Rejection(APP, 2, "NO_READ")));
        assertExact(4_990, 4, 3, 2, 1, 0);
        vault.voidCodes(List.of(new CodeRef(APP, 3), new CodeRef(APP, 6)), "JOB_CLOSE");
        assertExact(4_990, 3, 2, 2, 1, 2);
        assertThat(vault.voidAvailable(APP, 4_000, 4_009, "SPOILED_ROLL")).isEqualTo(10);
        assertExact(4_980, 3, 2, 2, 1, 12);
        // a failed transition rolls back its counter changes with everything else
        assertThatThrownBy(() -> vault.bind(List.of(new Binding(APP, 4, "J1", "item-4"),
                new Binding(APP, 0, "J1", "item-0")))).isInstanceOf(RuntimeException.class);
        assertExact(4_980, 3, 2, 2, 1, 12);
        assertThat(vault.release("J1")).isEqualTo(3);
        assertExact(4_983, 0, 2, 2, 1, 12);

        vault.inTransaction(c -> vault.setActivation(c, APP, 0, 1, "QUEUED", 1L));
        assertThat(activation()).containsEntry("PENDING", 0L).containsEntry("QUEUED", 2L);
        vault.inTransaction(c -> vault.setActivation(c, APP, 0, 0, "ACTIVATED", null));
        vault.inTransaction(c -> vault.setActivation(c, APP, 1, 1, "QUEUED", null)); // unchanged: no count moves
        assertExact(4_983, 0, 2, 2, 1, 12);
        assertThat(activation()).containsEntry("QUEUED", 1L).containsEntry("ACTIVATED", 1L);

        // a live (staged) import, published
        assertThat(importLines(TestPackages.lines(5_000, 3_000)).imported()).isEqualTo(3_000);
        assertExact(7_983, 0, 2, 2, 1, 12);

        // a live import that fails after staging a chunk: its rows are discarded
        List<String> bad = new ArrayList<>(TestPackages.lines(8_000, 2_500));
        String[] clash = TestPackages.line(0).split(" ");
        bad.add(clash[0] + " " + clash[1] + " 10500 " + clash[3]);
        assertThatThrownBy(() -> importLines(bad)).isInstanceOf(ImportException.class)
                .hasMessageContaining("already exists under index 0");
        assertExact(7_983, 0, 2, 2, 1, 12);
        assertThat(countRows("state = " + CodeState.STAGED.stored())).isZero();

        // a crash: codes reserved and sent, and a live import cut off after one staged chunk
        vault.openJob(new JobSpec("J2", "line-1", APP, "SKU", "B", 10, "QR", "TRIGGERED", null));
        vault.reserve(APP, "J2", 5);
        vault.markSent(List.of(new Issue(APP, 7, "J2", "x7"), new Issue(APP, 8, "J2", "x8")));
        AtomicInteger chunks = new AtomicInteger();
        assertThatThrownBy(() -> new PackageImporter(vault).afterChunk(() -> {
            if (chunks.incrementAndGet() == 1) {
                vault.close();
            }
        }).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("cut.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(20_000, 4_000))))))).isInstanceOf(
                RuntimeException.class);
        vault = CodeVault.open(file);
        // STAGED rows are counted (not shown as stock) and match the recount too
        assertExact(7_978, 3, 4, 2, 1, 12);
        assertThat(countRows("state = " + CodeState.STAGED.stored())).isEqualTo(PackageImporter.ROWS_PER_CHUNK);

        RecoveryReport r = vault.recover();
        assertThat(r).isEqualTo(new RecoveryReport(3, 4, 1, PackageImporter.ROWS_PER_CHUNK, 0, 0));
        assertExact(7_981, 0, 0, 2, 1, 16);
        assertThat(countRows("state = " + CodeState.STAGED.stored())).isZero();
    }

    @Test
    void aFailedFirstImportRestoresTheCountingTriggerItDroppedForItsBulkInsert() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        List<String> dup = new ArrayList<>(TestPackages.lines(0, 3_000));
        String[] clash = TestPackages.line(5).split(" ");
        dup.add(clash[0] + " " + clash[1] + " 3000 " + TestPackages.line(3_000).split(" ")[3]);
        assertThatThrownBy(() -> importLines(dup)).isInstanceOf(ImportException.class)
                .hasMessageContaining("duplicates index 5");
        assertThat(vault.isEmpty()).isTrue();
        assertThat(countTriggers()).isEqualTo(3);

        importLines(TestPackages.lines(0, 3_000));
        assertExact(3_000, 0, 0, 0, 0, 0);
        assertThat(countTriggers()).isEqualTo(3);
        // the next import goes through the trigger, row by row
        importLines(TestPackages.lines(3_000, 500));
        assertExact(3_500, 0, 0, 0, 0, 0);
    }

    private long countTriggers() {
        return vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'code'"
                            + " AND name LIKE 'code_count_%'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
