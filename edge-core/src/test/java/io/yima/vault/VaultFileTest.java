package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault file as a whole: a full disk said in words, a backup of a vault that never issued a code, and
 * applications registered and forgotten.
 */
class VaultFileTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private void importLines(long from, int count) {
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(from, count))))));
    }

    @Test
    void aFullDiskIsSaidInWordsAndOtherFailuresKeepSQLitesMessage() {
        SQLException full = new SQLException("[SQLITE_FULL] database or disk is full", null, 13);
        VaultException e = CodeVault.writeFailed(full);
        assertThat(e).hasMessage("vault write failed: the disk holding the vault is full; free space on it and try"
                + " again (nothing of this write was kept)").hasCause(full);
        SQLException busy = new SQLException("[SQLITE_BUSY] database is locked", null, 5);
        assertThat(CodeVault.writeFailed(busy)).hasMessage("vault write failed: [SQLITE_BUSY] database is locked")
                .hasCause(busy);
    }

    @Test
    void aBackupOfAVaultThatNeverIssuedACodeHasNoLedgerAndReadsBackWhole() throws Exception {
        importLines(0, 30);
        Path copy = dir.resolve("backup").resolve("copy.db");
        Files.createDirectories(copy.getParent());
        VaultBackup.Result r = VaultBackup.write(vault, copy);
        assertThat(r.ledgerCopied()).isFalse();
        assertThat(Ledger.fileOf(copy)).doesNotExist();
        assertThat(r.bytes()).isEqualTo(Files.size(copy)).isPositive();
        assertThat(r.vaultId()).isEqualTo(vault.vaultId());
        try (CodeVault restored = CodeVault.openExisting(copy)) {
            assertThat(restored.vaultId()).isEqualTo(vault.vaultId());
            assertThat(restored.available(APP)).isEqualTo(30);
            assertThat(restored.byIndex(APP, 29)).get().extracting(CodeRecord::code)
                    .isEqualTo(vault.byIndex(APP, 29).orElseThrow().code());
        }
    }

    @Test
    void aBackupIntoAFolderThatIsNotThereFailsNamingTheTarget() {
        Path copy = dir.resolve("not-mounted").resolve("copy.db");
        assertThatThrownBy(() -> VaultBackup.write(vault, copy)).isInstanceOf(VaultException.class)
                .hasMessageStartingWith("vault backup to " + copy.toAbsolutePath() + " failed: ");
    }

    @Test
    void anApplicationWithoutCodesIsForgottenAndOneWithCodesIsKept() {
        long slot = vault.ensureApplication(77L);
        assertThat(vault.ensureApplication(77L)).isEqualTo(slot);
        assertThat(vault.hasApplication(77L)).isTrue();
        assertThat(vault.isEmpty()).isTrue();
        vault.forgetApplicationIfEmpty(77L);
        assertThat(vault.hasApplication(77L)).isFalse();

        importLines(0, 5);
        assertThat(vault.isEmpty()).isFalse();
        long appSlot = vault.ensureApplication(APP);
        vault.forgetApplicationIfEmpty(APP);
        assertThat(vault.hasApplication(APP)).isTrue();
        assertThat(vault.ensureApplication(88L)).isEqualTo(appSlot + 1);
    }
}
