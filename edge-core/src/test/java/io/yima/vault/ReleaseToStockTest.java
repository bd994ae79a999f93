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
 * A job's reserved, never-sent codes go back to stock: they are handed out again first (lowest indexes), the audit
 * says how many, and the ledger no longer counts them out — at a job's release and at start-up recovery alike.
 */
class ReleaseToStockTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 30))))));
        vault.openJob(CodeVaultTest.JOB);
    }

    @AfterEach
    void close() {
        vault.close();
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

    private List<String> outstanding() {
        Ranges r = vault.ledger().outstanding(vault.vaultId()).get(APP);
        return r == null ? List.of() : r.runs().stream().map(x -> x[0] + ".." + x[1]).toList();
    }

    @Test
    void releasedCodesAreTheNextOnesHandedOut() {
        vault.reserve(APP, "J1", 8);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "a"), new Issue(APP, 1, "J1", "b")));
        assertThat(vault.release("J1")).isEqualTo(6);
        assertThat(vault.reserve(APP, "J1", 4)).extracting(CodeRecord::index).containsExactly(2L, 3L, 4L, 5L);
        assertThat(events("RELEASE")).singleElement().asString().contains("\"count\":6").contains("\"job\":\"J1\"");
        assertThat(outstanding()).containsExactly("0..5");
    }

    @Test
    void aJobWithNothingReservedReleasesNothingAndLeavesNoEntry() {
        vault.reserve(APP, "J1", 2);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "a"), new Issue(APP, 1, "J1", "b")));
        assertThat(vault.release("J1")).isZero();
        assertThat(vault.release("J2")).isZero();
        assertThat(events("RELEASE")).isEmpty();
        assertThat(outstanding()).containsExactly("0..1");
        assertThat(vault.reserve(APP, "J1", 1)).extracting(CodeRecord::index).containsExactly(2L);
    }

    @Test
    void recoveryReturnsReservedCodesToStockAndTellsTheLedger() {
        vault.reserve(APP, "J1", 6);
        vault.markSent(List.of(new Issue(APP, 4, "J1", "e")));
        vault.close();
        vault = CodeVault.open(dir.resolve("vault.db"));
        assertThat(outstanding()).containsExactly("0..5");
        RecoveryReport report = vault.recover();
        assertThat(report.released()).isEqualTo(5);
        assertThat(report.voided()).isEqualTo(1);
        assertThat(outstanding()).containsExactly("4..4");
        assertThat(events("RECOVER")).singleElement().asString().contains("\"released\":5").contains("\"voided\":1")
                .contains("\"ledgerVoided\":0");
        assertThat(vault.byIndex(APP, 4).orElseThrow().reason()).isEqualTo("CRASH");
        assertThat(vault.byIndex(APP, 3).orElseThrow().jobId()).isNull();
        assertThat(vault.reserve(APP, "J1", 6)).extracting(CodeRecord::index).containsExactly(0L, 1L, 2L, 3L, 5L, 6L);
    }

    @Test
    void aSecondRecoveryFindsNothingLeftToDo() {
        vault.reserve(APP, "J1", 3);
        vault.recover();
        RecoveryReport again = vault.recover();
        assertThat(again.released()).isZero();
        assertThat(again.voided()).isZero();
        assertThat(again.ledgerVoided()).isZero();
        assertThat(vault.available(APP)).isEqualTo(30);
    }
}
