package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock as the status page shows it, from the counters: every application in id order with every state and
 * activation state present, codes of one application never counted for another, staged rows not stock.
 */
class StockStatsTest {
    static final long OTHER = 42L;
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        importLines(APP, 0, 20);
        importLines(OTHER, 100, 10);
        vault.openJob(CodeVaultTest.JOB);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private void importLines(long app, long from, int count) {
        new PackageImporter(vault).importStreams(app, TestPackages.keyBytes(), List.of(NamedInput.of("p" + from
                + ".b64", TestPackages.base64(TestPackages.text(TestPackages.lines(from, count))))));
    }

    private VaultStats.ApplicationStats of(long app) {
        return vault.stats().applications().stream().filter(a -> a.applicationId() == app).findFirst().orElseThrow();
    }

    @Test
    void everyApplicationIsListedInIdOrderWithEveryStateAndActivationState() {
        vault.ensureApplication(7L);
        List<CodeRecord> r = vault.reserve(APP, "J1", 6);
        List<Issue> issues = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issues.add(new Issue(APP, r.get(i).index(), "J1", "i" + i));
        }
        for (int i = 0; i < 3; i++) {
            bindings.add(new Binding(APP, r.get(i).index(), "J1", "i" + i));
        }
        vault.markSent(issues);
        vault.bind(bindings);
        vault.reject(List.of(new Rejection(APP, r.get(3).index(), "NO_READ")));
        vault.inTransaction(c -> vault.setActivation(c, APP, 0, 0, "ACTIVATED", 1L));
        vault.inTransaction(c -> vault.setActivation(c, APP, 1, 1, "QUEUED", 2L));

        VaultStats stats = vault.stats();
        assertThat(stats.applications()).extracting(VaultStats.ApplicationStats::applicationId)
                .containsExactly(7L, OTHER, APP);
        VaultStats.ApplicationStats empty = stats.applications().get(0);
        assertThat(empty.total()).isZero();
        assertThat(empty.states()).containsOnlyKeys(CodeState.COUNTED).allSatisfy((s, n) -> assertThat(n).isZero());
        assertThat(empty.activation()).containsOnlyKeys("PENDING", "QUEUED", "ACTIVATED", "FAILED");

        VaultStats.ApplicationStats app = of(APP);
        assertThat(app.total()).isEqualTo(20);
        assertThat(app.states()).containsExactlyInAnyOrderEntriesOf(Map.of(CodeState.AVAILABLE, 14L,
                CodeState.RESERVED, 1L, CodeState.SENT, 1L, CodeState.BOUND, 3L, CodeState.REJECTED, 1L,
                CodeState.VOIDED, 0L));
        assertThat(app.activation()).containsExactlyInAnyOrderEntriesOf(Map.of("PENDING", 1L, "QUEUED", 1L,
                "ACTIVATED", 1L, "FAILED", 0L));
        VaultStats.ApplicationStats other = of(OTHER);
        assertThat(other.total()).isEqualTo(10);
        assertThat(other.states()).containsEntry(CodeState.AVAILABLE, 10L).containsEntry(CodeState.RESERVED, 0L);
        assertThat(other.activation()).allSatisfy((a, n) -> assertThat(n).isZero());
        assertThat(vault.available(APP)).isEqualTo(14);
        assertThat(vault.available(OTHER)).isEqualTo(10);
        assertThat(vault.available(7L)).isZero();
        assertThat(vault.available(999L)).isZero();
    }

    @Test
    void stagedRowsAreNotStockAndNotCountedAnywhere() {
        long slot = vault.ensureApplication(APP);
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO code(id, application_id, code, url, matrix,"
                    + " state, import_batch) VALUES (?, ?, 'STG1', 'P.URL.CN/STAGED-ROW-00000001', ?, "
                    + CodeState.STAGED.stored() + ", 99)")) {
                ps.setLong(1, CodeKey.of(slot, 500));
                ps.setLong(2, APP);
                ps.setBytes(3, new byte[46]);
                return ps.executeUpdate();
            }
        });
        assertThat(of(APP).total()).isEqualTo(20);
        assertThat(vault.available(APP)).isEqualTo(20);
        assertThat(vault.byIndex(APP, 500)).isEmpty();
        assertThat(vault.byCode("STG1")).isEmpty();
        assertThat(vault.checkCounts()).isEmpty();
    }
}
