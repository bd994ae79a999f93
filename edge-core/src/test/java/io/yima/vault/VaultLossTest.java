package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vault deleted, its WAL deleted, or put back from a backup: never a code handed out twice. */
class VaultLossTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("vault.db");
    }

    private CodeVault vaultWith(int codes) {
        CodeVault v = CodeVault.open(db());
        new PackageImporter(v).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, codes))))));
        v.openJob(CodeVaultTest.JOB);
        return v;
    }

    private static void send(CodeVault v, List<CodeRecord> codes) {
        v.markSent(codes.stream().map(r -> new Issue(APP, r.index(), "J1", "item-" + r.index())).toList());
    }

    @Test
    void theDaemonNeverOpensAVaultThatIsNotThere() {
        Path missing = dir.resolve("not-mounted").resolve("vault.db");
        assertThatThrownBy(() -> CodeVault.openExisting(missing)).isInstanceOf(VaultException.class)
                .hasMessageContaining("no vault at " + missing)
                .hasMessageContaining("is the disk that holds it mounted?")
                .hasMessageContaining("vault init");
        assertThat(dir.resolve("not-mounted")).doesNotExist();
    }

    @Test
    void aDeletedVaultFileIsLostEveryCallFailsAndTheLedgerSaysSo() throws Exception {
        CodeVault v = vaultWith(50);
        try {
            v.watchIdentity();
            assertThat(v.checkIdentity()).isNull();
            v.reserve(APP, "J1", 5);
            Files.delete(db());
            assertThat(v.checkIdentity()).contains("the vault file " + db().toAbsolutePath() + " was deleted");
            assertThatThrownBy(() -> v.reserve(APP, "J1", 5)).isInstanceOf(VaultException.class)
                    .hasMessageStartingWith("vault lost: the vault file");
            assertThat(v.ledger().lostPending(v.vaultId())).isTrue();
        } finally {
            v.close();
        }
    }

    @Test
    void aDeletedWalIsNoticed() throws Exception {
        try (CodeVault v = vaultWith(50)) {
            v.reserve(APP, "J1", 5);
            v.watchIdentity();
            assertThat(v.checkIdentity()).isNull();
            Files.delete(dir.resolve("vault.db-wal"));
            assertThat(v.checkIdentity()).contains("write-ahead log").contains("was deleted");
        }
    }

    @Test
    void afterALostVaultRecoveryVoidsWhatTheLedgerSaysWasOutInsteadOfReleasingIt() {
        String id;
        try (CodeVault v = vaultWith(50)) {
            id = v.vaultId();
            // the block is reserved; labels of it may have been SENT in commits the vault no longer has
            v.reserve(APP, "J1", 10);
            v.ledger().lost(id);
        }
        try (CodeVault v = CodeVault.open(db())) {
            RecoveryReport r = v.recover();
            assertThat(r.ledgerVoided()).isEqualTo(10);
            assertThat(r.released()).isZero();
            for (long i = 0; i < 10; i++) {
                assertThat(v.byIndex(APP, i).orElseThrow().state()).isEqualTo(CodeState.VOIDED);
            }
            assertThat(v.ledger().lostPending(id)).isFalse();
            assertThat(v.reserve(APP, "J1", 1).get(0).index()).isEqualTo(10);
        }
    }

    @Test
    void aWalDeletedBeforeAStartIsNoticedAtOpenAndRecoveryVoidsInsteadOfReleasing() throws Exception {
        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed);
        CodeVault v = vaultWith(50);
        try {
            v.reserve(APP, "J1", 10);
            // the reservation reaches the database file; the labels sent afterwards live only in the WAL
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db());
                 java.sql.Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(FULL)");
            }
            send(v, v.byIndex(APP, 0).stream().toList());
            send(v, v.byIndex(APP, 1).stream().toList());
            // the state a kill -9 leaves after someone deleted the WAL: the file and the shared memory, no log
            for (String f : List.of("vault.db", "vault.db-shm", "vault.db.ledger")) {
                Files.copy(dir.resolve(f), crashed.resolve(f));
            }
        } finally {
            v.close();
        }
        assertThat(crashed.resolve("vault.db-wal")).doesNotExist();
        try (CodeVault c = CodeVault.openExisting(crashed.resolve("vault.db"))) {
            // without the check, codes 0 and 1 (RESERVED in the file, printed in the lost log) would go back to stock
            RecoveryReport r = c.recover();
            assertThat(r.released()).isZero();
            assertThat(r.ledgerVoided()).isEqualTo(10);
            assertThat(c.byIndex(APP, 0).orElseThrow().state()).isEqualTo(CodeState.VOIDED);
            assertThat(c.byIndex(APP, 1).orElseThrow().state()).isEqualTo(CodeState.VOIDED);
        }
    }

    @Test
    void aCleanCrashStillReleasesReservedCodes() {
        try (CodeVault v = vaultWith(50)) {
            v.reserve(APP, "J1", 10);
        }
        try (CodeVault v = CodeVault.open(db())) {
            RecoveryReport r = v.recover();
            assertThat(r.released()).isEqualTo(10);
            assertThat(r.ledgerVoided()).isZero();
            assertThat(v.reserve(APP, "J1", 1).get(0).index()).isZero();
            // released codes are not outstanding in the ledger: a second recovery finds the vault sound
        }
        try (CodeVault v = CodeVault.open(db())) {
            assertThat(v.recover().ledgerVoided()).isZero();
        }
    }

    @Test
    void aRestoredBackupVoidsTheCodesIssuedAfterItAndKeepsItsIdentity() throws Exception {
        Path backup = dir.resolve("backup").resolve("vault-backup.db");
        Files.createDirectories(backup.getParent());
        String id;
        try (CodeVault v = vaultWith(100)) {
            id = v.vaultId();
            send(v, v.reserve(APP, "J1", 5));
            VaultBackup.Result r = VaultBackup.write(v, backup);
            assertThat(r.vaultId()).isEqualTo(id);
            assertThat(r.ledgerCopied()).isTrue();
            // after the backup: 20 more codes handed out, 12 of them printed
            List<CodeRecord> later = v.reserve(APP, "J1", 20);
            send(v, later.subList(0, 12));
        }
        // the disk dies; the vault comes back from the backup, the ledger survived (or its copy is put back)
        Files.delete(db());
        Files.deleteIfExists(dir.resolve("vault.db-wal"));
        Files.deleteIfExists(dir.resolve("vault.db-shm"));
        Files.copy(backup, db(), StandardCopyOption.REPLACE_EXISTING);
        try (CodeVault v = CodeVault.openExisting(db())) {
            assertThat(v.vaultId()).isEqualTo(id);
            RecoveryReport r = v.recover();
            assertThat(r.ledgerVoided()).isEqualTo(20);
            for (long i = 5; i < 25; i++) {
                assertThat(v.byIndex(APP, i).orElseThrow().state()).isEqualTo(CodeState.VOIDED);
            }
            assertThat(v.reserve(APP, "J1", 1).get(0).index()).isEqualTo(25);
        }
    }
}
