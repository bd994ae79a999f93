package io.yima.vault.importing;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.TestPackages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import whose process died leaves STAGED rows; the next import cleans them up instead of being blocked. */
class AbandonedImportTest {
    @TempDir
    Path dir;

    private static ImportResult importLines(CodeVault v, List<String> lines) {
        return new PackageImporter(v).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("again.b64", TestPackages.base64(TestPackages.text(lines)))));
    }

    private static long count(CodeVault v, String sql) {
        return v.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aKilledImportIsLeftAloneWhileItRunsAndCleanedUpByTheNextImportOnceItsProcessIsGone() throws Exception {
        Path file = dir.resolve("vault.db");
        try (CodeVault vault = CodeVault.open(file)) {
            importLines(vault, TestPackages.lines(0, 1_000));
            Process importer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StagingImportHolder.class.getName(),
                    file.toString(), "1000", "5000").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(importer.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(out.readLine()).isEqualTo("staged");
                assertThat(count(vault, "SELECT count(*) FROM code WHERE state = " + CodeState.STAGED.stored()))
                        .isEqualTo(PackageImporter.ROWS_PER_CHUNK);
                // its process is alive: its rows are its own, an overlapping import is refused, nothing deleted
                assertThatThrownBy(() -> importLines(vault, TestPackages.lines(1_000, 5_000)))
                        .isInstanceOf(ImportException.class)
                        .hasMessageContaining("is being imported by another import right now");
                assertThat(count(vault, "SELECT count(*) FROM code WHERE state = " + CodeState.STAGED.stored()))
                        .isEqualTo(PackageImporter.ROWS_PER_CHUNK);
                importer.destroyForcibly();
                assertThat(importer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                importer.destroyForcibly();
            }

            // the importer is gone: the next import discards its rows and imports the package
            ImportResult again = importLines(vault, TestPackages.lines(1_000, 5_000));
            assertThat(again.imported()).isEqualTo(5_000);
            assertThat(count(vault, "SELECT count(*) FROM code WHERE state = " + CodeState.STAGED.stored())).isZero();
            // the killed import and the refused overlapping one FAILED, the re-import DONE
            assertThat(count(vault, "SELECT count(*) FROM import_batch WHERE state = 'FAILED'")).isEqualTo(2);
            assertThat(count(vault, "SELECT count(*) FROM import_batch WHERE state = 'DONE'")).isEqualTo(1);
            assertThat(count(vault, "SELECT count(*) FROM event WHERE kind = 'RECOVER_IMPORT'")).isEqualTo(1);
            assertThat(vault.stats().applications().get(0).states()).containsEntry(CodeState.AVAILABLE, 6_000L);
            assertThat(vault.checkCounts()).isEmpty();
        }
    }

    @Test
    void anImportThatFailedAndCouldNotDiscardInThisProcessIsCleanedByTheNextOne() {
        Path file = dir.resolve("vault.db");
        CodeVault vault = CodeVault.open(file);
        importLines(vault, TestPackages.lines(0, 1_000));
        // the vault goes away under the import after its first chunk: the discard fails too
        CodeVault doomed = vault;
        assertThatThrownBy(() -> new PackageImporter(doomed).afterChunk(doomed::close).importStreams(APP,
                TestPackages.keyBytes(), List.of(NamedInput.of("cut.b64",
                        TestPackages.base64(TestPackages.text(TestPackages.lines(1_000, 5_000)))))))
                .isInstanceOf(RuntimeException.class);
        try (CodeVault reopened = CodeVault.open(file)) {
            assertThat(count(reopened, "SELECT count(*) FROM code WHERE state = " + CodeState.STAGED.stored()))
                    .isEqualTo(PackageImporter.ROWS_PER_CHUNK);
            assertThat(importLines(reopened, TestPackages.lines(1_000, 5_000)).imported()).isEqualTo(5_000);
            assertThat(count(reopened, "SELECT count(*) FROM code WHERE state = " + CodeState.STAGED.stored()))
                    .isZero();
            assertThat(reopened.checkCounts()).isEmpty();
        }
    }

    @Test
    void anImportThatRunsOutOfDiskLeavesNothingStagedAndTheVaultKeepsWorking() {
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            importLines(vault, TestPackages.lines(0, 1_000));
            // the disk fills up a few chunks into the import (SQLite's page limit stands in for a full disk)
            long pages = vault.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA page_count")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            vault.inTransaction(c -> c.createStatement().execute("PRAGMA max_page_count = " + (pages + 400)));
            assertThatThrownBy(() -> importLines(vault, TestPackages.lines(1_000, 20_000)))
                    .hasMessage("vault write failed: the disk holding the vault is full; free space on it and try"
                            + " again (nothing of this write was kept)");
            assertThat(count(vault, "SELECT count(*) FROM code WHERE state = " + CodeState.STAGED.stored())).isZero();
            assertThat(count(vault, "SELECT count(*) FROM import_batch WHERE state = 'FAILED'")).isEqualTo(1);
            assertThat(vault.stats().applications().get(0).states()).containsEntry(CodeState.AVAILABLE, 1_000L);
            assertThat(vault.checkCounts()).isEmpty();
            // the line's own commits still go through
            assertThat(vault.reserve(APP, "J", 2)).hasSize(2);
        }
    }
}
