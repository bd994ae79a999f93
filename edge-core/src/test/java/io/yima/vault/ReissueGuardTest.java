package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.ImportResult;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Files;
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
 * An import of codes this edge already issued from another vault (the vault file deleted and rebuilt from the same
 * packages beside the same ledger) is refused, counting only the codes that import adds; an override with a reason
 * imports them and is audited.
 */
class ReissueGuardTest {
    @TempDir
    Path dir;
    Path file;
    String oldVaultId;
    CodeVault vault;

    /** The lost vault issued codes 0..4 (sent) and gave 5..9 back to stock; the ledger beside it says so. */
    @BeforeEach
    void aVaultIssuedCodesAndWasThenLost() throws Exception {
        file = dir.resolve("vault.db");
        try (CodeVault old = CodeVault.open(file)) {
            importInto(old, 0, 50, null);
            old.openJob(CodeVaultTest.JOB);
            old.reserve(APP, "J1", 10);
            List<Issue> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(new Issue(APP, i, "J1", "item-" + i));
            }
            old.markSent(sent);
            assertThat(old.release("J1")).isEqualTo(5);
            oldVaultId = old.vaultId();
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dir.resolve("vault.db" + suffix));
        }
        assertThat(Ledger.fileOf(file)).exists();
        vault = CodeVault.open(file);
        assertThat(vault.vaultId()).isNotEqualTo(oldVaultId);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static ImportResult importInto(CodeVault v, long from, int count, String acceptReason) {
        PackageImporter importer = new PackageImporter(v);
        if (acceptReason != null) {
            importer.acceptReissueRisk(acceptReason);
        }
        return importer.importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p" + from + ".b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(from, count))))));
    }

    private List<String> events(String kind) {
        return vault.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM event WHERE kind = ? ORDER BY rowid")) {
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

    @Test
    void theFirstImportIntoTheRebuiltVaultIsRefusedForTheCodesStillOutAndLeavesNoTrace() {
        assertThatThrownBy(() -> importInto(vault, 0, 50, null))
                .hasMessageStartingWith("refused: 5 codes of application " + APP + " in this import were already"
                        + " issued by this edge from another vault (vault id " + oldVaultId + ",")
                .hasMessageContaining("--accept-reissue-risk");
        assertThat(vault.isEmpty()).isTrue();
        assertThat(vault.hasApplication(APP)).isFalse();
        assertThat(vault.byIndex(APP, 7)).isEmpty();
        assertThat(events("REISSUE_RISK_ACCEPTED")).isEmpty();
    }

    @Test
    void codesTheLostVaultGaveBackAreNotRefused() {
        ImportResult r = importInto(vault, 5, 45, null);
        assertThat(r.imported()).isEqualTo(45);
        assertThat(vault.byIndex(APP, 5)).get().extracting(CodeRecord::state).isEqualTo(CodeState.AVAILABLE);
        assertThat(events("REISSUE_RISK_ACCEPTED")).isEmpty();
    }

    @Test
    void anOverrideImportsThemAndTheAuditNamesHowManyWhoseAndWhy() {
        ImportResult r = importInto(vault, 0, 50, "old vault burnt, codes 0-4 never printed");
        assertThat(r.imported()).isEqualTo(50);
        assertThat(vault.available(APP)).isEqualTo(50);
        assertThat(events("REISSUE_RISK_ACCEPTED")).singleElement().satisfies(json -> assertThat(json)
                .contains("\"codes\":5")
                .contains("\"" + oldVaultId + "\":5")
                .contains("\"reason\":\"old vault burnt, codes 0-4 never printed\""));
    }

    @Test
    void anImportIntoAVaultThatHasCodesCountsOnlyTheCodesItAdds() {
        importInto(vault, 20, 30, null); // 20..49: none of them still out
        assertThat(events("REISSUE_RISK_ACCEPTED")).isEmpty();

        assertThatThrownBy(() -> importInto(vault, 0, 30, null))
                .hasMessageStartingWith("refused: 5 codes of application " + APP);
        assertThat(vault.byIndex(APP, 0)).isEmpty();
        assertThat(vault.byIndex(APP, 19)).isEmpty();
        assertThat(vault.available(APP)).isEqualTo(30);

        importInto(vault, 0, 30, "checked with the brand");
        assertThat(vault.available(APP)).isEqualTo(50);
        assertThat(events("REISSUE_RISK_ACCEPTED")).singleElement().satisfies(json -> assertThat(json)
                .contains("\"codes\":5"));

        // the accepted codes are in the vault now; a later import of others is not refused for them
        ImportResult more = importInto(vault, 40, 20, null);
        assertThat(more.imported()).isEqualTo(10);
        assertThat(more.alreadyPresent()).isEqualTo(10);
        assertThat(events("REISSUE_RISK_ACCEPTED")).hasSize(1);
    }
}
