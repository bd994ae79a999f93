package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault file or WAL replaced by another file under the running edge, or the file rewritten to hold another vault:
 * the vault is lost for this process, says why in words, refuses every later call, and the ledger gets one LOST line.
 */
class VaultReplacedTest {
    @TempDir
    Path dir;
    CodeVault vault;

    private Path db() {
        return dir.resolve("vault.db");
    }

    @BeforeEach
    void open() {
        vault = CodeVault.open(db());
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20))))));
        vault.openJob(CodeVaultTest.JOB);
        vault.reserve(APP, "J1", 2); // the WAL exists from here on
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private long lostLines() {
        return vault.ledger().entries().stream().filter(e -> e.kind() == Ledger.Kind.LOST).count();
    }

    /** A copy made now, put in place of {@code target} by a rename (a new inode at the same path). */
    private void replaceWithACopy(Path target) throws Exception {
        Path copy = dir.resolve("copy");
        Files.copy(target, copy);
        Files.move(copy, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aVaultNotWatchedIsNeverCalledLost() throws Exception {
        assertThat(vault.checkIdentity()).isNull();
        replaceWithACopy(db());
        assertThat(vault.checkIdentity()).isNull();
        assertThat(lostLines()).isZero();
    }

    @Test
    void aVaultFileReplacedByAnotherFileIsLostForGood() throws Exception {
        vault.watchIdentity();
        assertThat(vault.checkIdentity()).isNull();
        replaceWithACopy(db());
        String problem = "the vault file " + db().toAbsolutePath() + " was replaced by another file while the edge ran";
        assertThat(vault.checkIdentity()).isEqualTo(problem);
        // from now on every call is refused with the reason and what to do
        String why = "vault lost: " + problem + "; the line stays stopped until the edge is restarted on a sound"
                + " vault (docs/operations.md, \"Vault lost\")";
        assertThat(vault.checkIdentity()).isEqualTo(why);
        assertThatThrownBy(() -> vault.reserve(APP, "J1", 1)).isInstanceOf(VaultException.class).hasMessage(why);
        assertThatThrownBy(() -> vault.byIndex(APP, 0)).isInstanceOf(VaultException.class).hasMessage(why);
        assertThat(lostLines()).isOne();
        assertThat(vault.ledger().lostPending(vault.vaultId())).isTrue();
    }

    @Test
    void aWalReplacedByAnotherFileIsLost() throws Exception {
        vault.watchIdentity();
        assertThat(vault.checkIdentity()).isNull();
        replaceWithACopy(dir.resolve("vault.db-wal"));
        assertThat(vault.checkIdentity()).contains("the vault's write-ahead log " + dir.resolve("vault.db-wal")
                .toAbsolutePath() + " was replaced by another file while the edge ran");
        assertThat(lostLines()).isOne();
    }

    @Test
    void theSameFileHoldingAnotherVaultIsLost() throws Exception {
        vault.watchIdentity();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.executeUpdate("UPDATE export_switch SET vault_id = 'another'");
        }
        assertThat(vault.checkIdentity()).isEqualTo("the vault file " + db() + " now holds another vault (id another,"
                + " was " + vault.vaultId() + ")");
        assertThat(vault.checkIdentity()).startsWith("vault lost: the vault file " + db() + " now holds another vault");
        assertThat(lostLines()).isOne();
    }

    @Test
    void theVaultItselfCannotBeWatchedWhenItsFileIsGone() throws Exception {
        Files.delete(db());
        assertThatThrownBy(vault::watchIdentity).isInstanceOf(VaultException.class)
                .hasMessage("the vault file " + db().toAbsolutePath() + " is not there");
    }
}
