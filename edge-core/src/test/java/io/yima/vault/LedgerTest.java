package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path dir;

    @AfterEach
    void resetHook() {
        Ledger.afterSync = () -> { };
    }

    private CodeVault vaultWith(int codes) {
        CodeVault v = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(v).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, codes))))));
        v.openJob(CodeVaultTest.JOB);
        return v;
    }

    /** The state of a code as another connection (another process) sees the vault file: committed data only. */
    private String committedState(long index) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vault.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT state FROM code_named WHERE idx = " + index)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aReservedRunIsOnDiskInTheLedgerBeforeTheReservationCommits() throws Exception {
        try (CodeVault v = vaultWith(600)) {
            List<String> seen = new ArrayList<>();
            Ledger.afterSync = () -> {
                try {
                    // the ledger line is on disk (read back by a fresh reader) while the vault still has the code in
                    // stock: the reservation commits after the fsync, never before it
                    String onDisk = Files.readString(Ledger.fileOf(dir.resolve("vault.db")));
                    seen.add(onDisk.strip() + " | " + committedState(0) + " " + committedState(255));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            List<CodeRecord> block = v.reserve(APP, "J1", 256);
            assertThat(block).hasSize(256);
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).matches("1 RESERVE " + v.vaultId() + " " + APP + " 0 255 [0-9a-f]{8} \\| "
                    + "AVAILABLE AVAILABLE");
            assertThat(committedState(0)).isEqualTo("RESERVED");
        }
    }

    @Test
    void aLedgerThatCannotBeWrittenRefusesTheReservationAndLeavesTheCodesInStock() throws Exception {
        try (CodeVault v = vaultWith(50)) {
            // a directory where the ledger file should go: the append fails as on a read-only or failed disk
            Files.createDirectory(Ledger.fileOf(dir.resolve("vault.db")));
            assertThatThrownBy(() -> v.reserve(APP, "J1", 10)).isInstanceOf(VaultException.class)
                    .hasMessageContaining("cannot write the vault ledger");
            assertThat(committedState(0)).isEqualTo("AVAILABLE");
            assertThat(v.stats().applications().get(0).states().get(CodeState.AVAILABLE)).isEqualTo(50L);
        }
    }

    @Test
    void releasedCodesAreNoLongerOutstanding() {
        try (CodeVault v = vaultWith(50)) {
            List<CodeRecord> r = v.reserve(APP, "J1", 20);
            v.markSent(List.of(new Issue(APP, r.get(0).index(), "J1", "item-0")));
            assertThat(v.release("J1")).isEqualTo(19);
            Ranges out = v.ledger().outstanding(v.vaultId()).get(APP);
            assertThat(out.runs()).extracting(x -> x[0] + ".." + x[1]).containsExactly("0..0");
        }
    }

    private Path ledgerWithTwoLines() {
        try (CodeVault v = vaultWith(50)) {
            v.reserve(APP, "J1", 5);
            v.reserve(APP, "J1", 5);
        }
        return Ledger.fileOf(dir.resolve("vault.db"));
    }

    @Test
    void aLineWithAWrongChecksumIsAClearErrorNotSkipped() throws Exception {
        Path ledger = ledgerWithTwoLines();
        String text = Files.readString(ledger).replaceFirst(" 0 4 ", " 0 9 ");
        Files.writeString(ledger, text);
        assertThatThrownBy(() -> CodeVault.open(dir.resolve("vault.db")))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining(ledger.toString())
                .hasMessageContaining("damaged at line 1: its checksum does not match its content");
    }

    @Test
    void aTruncatedLastLineIsAClearError() throws Exception {
        Path ledger = ledgerWithTwoLines();
        byte[] b = Files.readAllBytes(ledger);
        Files.write(ledger, java.util.Arrays.copyOf(b, b.length - 5));
        assertThatThrownBy(() -> Ledger.open(dir.resolve("vault.db")))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("damaged at line 2: the last line is incomplete");
    }

    @Test
    void aMissingLineIsAClearError() throws Exception {
        Path ledger = ledgerWithTwoLines();
        List<String> lines = Files.readAllLines(ledger, StandardCharsets.US_ASCII);
        Files.writeString(ledger, lines.get(1) + "\n");
        assertThatThrownBy(() -> Ledger.open(dir.resolve("vault.db")))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("damaged at line 1: line number 2 where 1 was expected");
    }

    @Test
    void rangesMergeAndSplit() {
        Ranges r = new Ranges();
        r.add(0, 9);
        r.add(10, 19);
        r.add(30, 39);
        r.remove(5, 7);
        r.remove(35, 100);
        assertThat(r.runs()).extracting(x -> x[0] + ".." + x[1]).containsExactly("0..4", "8..19", "30..34");
        assertThat(r.size()).isEqualTo(5 + 12 + 5);
        r.add(3, 31);
        assertThat(r.runs()).extracting(x -> x[0] + ".." + x[1]).containsExactly("0..34");
    }
}
