package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger file on its own: runs of indexes as lines, numbering that goes on across a reopen, what is still out
 * per vault and application, a LOST line until its RECOVERED, and each way a line can be damaged named in words.
 */
class LedgerLinesTest {
    static final String A = "vault-a";
    static final String B = "vault-b";
    @TempDir
    Path dir;

    private Path vaultFile() {
        return dir.resolve("vault.db");
    }

    private static List<Long> longs(long... v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    private static String runs(Ranges r) {
        StringBuilder sb = new StringBuilder();
        for (long[] run : r.runs()) {
            sb.append(sb.isEmpty() ? "" : ",").append(run[0]).append("..").append(run[1]);
        }
        return sb.toString();
    }

    @Test
    void sortedIndexesBecomeOneLinePerContiguousRun() {
        assertThat(Ledger.runs(Ledger.Kind.RESERVE, A, 5, longs(1, 2, 3, 5, 7, 8)))
                .containsExactly(new Ledger.Entry(0, Ledger.Kind.RESERVE, A, 5, 1, 3),
                        new Ledger.Entry(0, Ledger.Kind.RESERVE, A, 5, 5, 5),
                        new Ledger.Entry(0, Ledger.Kind.RESERVE, A, 5, 7, 8));
        assertThat(Ledger.runs(Ledger.Kind.RELEASE, A, 5, longs())).isEmpty();
        assertThat(Ledger.runs(Ledger.Kind.RELEASE, A, 5, longs(9))).containsExactly(
                new Ledger.Entry(0, Ledger.Kind.RELEASE, A, 5, 9, 9));
    }

    @Test
    void linesAreNumberedOnAcrossAReopenAndReadBackAsWritten() throws Exception {
        try (Ledger l = Ledger.open(vaultFile())) {
            assertThat(l.entries()).isEmpty();
            assertThat(Files.exists(l.file())).isFalse();
            l.append(List.of());
            assertThat(Files.exists(l.file())).isFalse();
            l.append(Ledger.runs(Ledger.Kind.RESERVE, A, 5, longs(0, 1, 2, 10)));
        }
        try (Ledger l = Ledger.open(vaultFile())) {
            l.append(Ledger.runs(Ledger.Kind.RELEASE, A, 5, longs(1)));
            assertThat(l.entries()).extracting(Ledger.Entry::seq).containsExactly(1L, 2L, 3L);
        }
        List<String> lines = Files.readAllLines(Ledger.fileOf(vaultFile()));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("1 RESERVE vault-a 5 0 2 ");
        try (Ledger l = Ledger.open(vaultFile())) {
            assertThat(l.entries()).containsExactly(new Ledger.Entry(1, Ledger.Kind.RESERVE, A, 5, 0, 2),
                    new Ledger.Entry(2, Ledger.Kind.RESERVE, A, 5, 10, 10),
                    new Ledger.Entry(3, Ledger.Kind.RELEASE, A, 5, 1, 1));
            assertThat(runs(l.outstanding(A).get(5L))).isEqualTo("0..0,2..2,10..10");
        }
    }

    @Test
    void whatIsOutIsKeptPerVaultAndApplication() {
        try (Ledger l = Ledger.open(vaultFile())) {
            l.append(Ledger.runs(Ledger.Kind.RESERVE, A, 5, longs(0, 1, 2, 3)));
            l.append(Ledger.runs(Ledger.Kind.RESERVE, A, 6, longs(0, 1)));
            l.append(Ledger.runs(Ledger.Kind.RESERVE, B, 5, longs(2, 3, 4)));
            l.append(Ledger.runs(Ledger.Kind.RELEASE, B, 5, longs(4)));
            l.append(Ledger.runs(Ledger.Kind.RELEASE, A, 7, longs(0))); // nothing of 7 was out: no effect
            l.append(Ledger.runs(Ledger.Kind.RESERVE, B, 6, longs(8)));
            l.append(Ledger.runs(Ledger.Kind.RELEASE, B, 6, longs(8)));

            Map<Long, Ranges> a = l.outstanding(A);
            assertThat(a.keySet()).containsExactly(5L, 6L);
            assertThat(runs(a.get(5L))).isEqualTo("0..3");
            assertThat(runs(a.get(6L))).isEqualTo("0..1");
            assertThat(runs(l.outstanding(B).get(5L))).isEqualTo("2..3");

            Map<String, Ranges> elsewhere = l.issuedElsewhere(A, 5);
            assertThat(elsewhere.keySet()).containsExactly(B);
            assertThat(runs(elsewhere.get(B))).isEqualTo("2..3");
            assertThat(l.issuedElsewhere(B, 5).keySet()).containsExactly(A);
            // everything vault B issued of application 6 came back: nothing of it is out elsewhere
            assertThat(l.issuedElsewhere(A, 6)).isEmpty();
            assertThat(l.issuedElsewhere(A, 7)).isEmpty();
        }
    }

    @Test
    void aLostLineIsPendingUntilARecoveredLineOfTheSameVault() {
        try (Ledger l = Ledger.open(vaultFile())) {
            assertThat(l.lostPending(A)).isFalse();
            l.lost(A);
            assertThat(l.lostPending(A)).isTrue();
            assertThat(l.lostPending(B)).isFalse();
            l.append(List.of(new Ledger.Entry(0, Ledger.Kind.RECOVERED, B, 0, 0, 0)));
            assertThat(l.lostPending(A)).isTrue();
            l.append(List.of(new Ledger.Entry(0, Ledger.Kind.RECOVERED, A, 0, 0, 0)));
            assertThat(l.lostPending(A)).isFalse();
            l.lost(A);
            assertThat(l.lostPending(A)).isTrue();
            assertThat(l.outstanding(A)).isEmpty();
        }
    }

    private static String line(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return body + " " + String.format("%08x", crc.getValue()) + "\n";
    }

    private void assertDamaged(String text, String why) throws Exception {
        Path file = Ledger.fileOf(vaultFile());
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Ledger.open(vaultFile())).isInstanceOf(VaultException.class)
                .hasMessageStartingWith("the vault ledger " + file.toAbsolutePath() + " is damaged at line ")
                .hasMessageContaining(why)
                .hasMessageContaining("is never skipped");
    }

    @Test
    void eachWayALineCanBeDamagedIsNamed() throws Exception {
        assertDamaged("garbage\n", "line 1: it is not a ledger line");
        assertDamaged(line("1 RESERVE vault-a 5 0"), "line 1: it has 5 fields where 6 were expected");
        assertDamaged(line("1 RESERVE vault-a 5 0 2 9"), "line 1: it has 7 fields where 6 were expected");
        assertDamaged(line("1 RESERVE vault-a 5 0 2") + line("2 BORROW vault-a 5 0 2"),
                "line 2: a field is not what it should be");
        assertDamaged(line("1 RESERVE vault-a 5 zero 2"), "line 1: a field is not what it should be");
        assertDamaged(line("1 RESERVE vault-a 5 0 2") + line("3 RESERVE vault-a 5 3 4"),
                "line 2: line number 3 where 2 was expected");
    }

    @Test
    void aGoodLedgerWrittenByHandIsRead() throws Exception {
        Files.writeString(Ledger.fileOf(vaultFile()), line("1 RESERVE vault-a 5 0 2") + line("2 LOST vault-a 0 0 0"),
                StandardCharsets.US_ASCII);
        try (Ledger l = Ledger.open(vaultFile())) {
            assertThat(l.entries()).hasSize(2);
            assertThat(l.lostPending(A)).isTrue();
            l.append(List.of(new Ledger.Entry(0, Ledger.Kind.RECOVERED, A, 0, 0, 0)));
            assertThat(l.entries().get(2).seq()).isEqualTo(3);
        }
    }
}
