package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line out of codes asks the counters again only when the stock version moved: it must move up whenever codes
 * may have come back or been added (here, or by another process's commit) and stay put otherwise.
 */
class StockVersionTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        importLines(vault, 0, 20);
        vault.openJob(CodeVaultTest.JOB);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static void importLines(CodeVault v, long from, int count) {
        new PackageImporter(v).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p" + from + ".b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(from, count))))));
    }

    @Test
    void ownReservationsAndVerdictsLeaveTheVersionWhereItWas() {
        long v0 = vault.stockVersion();
        vault.reserve(APP, "J1", 4);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "a")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "a")));
        assertThat(vault.stockVersion()).isEqualTo(v0);
        assertThat(vault.release("nobody")).isZero();
        assertThat(vault.stockVersion()).isEqualTo(v0);
    }

    @Test
    void codesReleasedToStockMoveTheVersionUp() {
        vault.reserve(APP, "J1", 4);
        long v0 = vault.stockVersion();
        assertThat(vault.release("J1")).isEqualTo(4);
        long v1 = vault.stockVersion();
        assertThat(v1).isGreaterThan(v0);
        vault.forgetReserveFloors();
        assertThat(vault.stockVersion()).isGreaterThan(v1);
    }

    @Test
    void aCommitOfAnotherProcessMovesTheVersionUp() {
        long v0 = vault.stockVersion();
        long d0 = vault.dataVersion();
        try (CodeVault importer = CodeVault.open(dir.resolve("vault.db"))) {
            importLines(importer, 100, 5);
        }
        assertThat(vault.dataVersion()).isGreaterThan(d0);
        assertThat(vault.stockVersion()).isGreaterThan(v0);
        assertThat(vault.available(APP)).isEqualTo(25);
    }

    @Test
    void codesAddedBelowTheReservationPointByAnotherProcessAreStillHandedOut() {
        // this vault reserves everything above index 50; another process then imports indexes 0..4, below where
        // this process's next reservation would start looking
        try (CodeVault importer = CodeVault.open(dir.resolve("vault2.db"))) {
            importLines(importer, 50, 10);
        }
        vault.close();
        vault = CodeVault.open(dir.resolve("vault2.db"));
        vault.openJob(CodeVaultTest.JOB);
        assertThat(vault.reserve(APP, "J1", 10)).extracting(CodeRecord::index).first().isEqualTo(50L);
        assertThat(vault.reserve(APP, "J1", 3)).isEmpty();
        try (CodeVault importer = CodeVault.open(dir.resolve("vault2.db"))) {
            importLines(importer, 0, 5);
        }
        assertThat(vault.reserve(APP, "J1", 3)).extracting(CodeRecord::index).containsExactly(0L, 1L, 2L);
        assertThat(vault.reserve(APP, "J1", 3)).extracting(CodeRecord::index).containsExactly(3L, 4L);
    }

    @Test
    void aLinesBlockCarriesTheVersionAsItWasBeforeItsCodesWereTaken() {
        long v0 = vault.stockVersion();
        CodeVault.Reservation first = vault.reserveBlock(APP, "J1", 4);
        assertThat(first.codes()).extracting(CodeRecord::index).containsExactly(0L, 1L, 2L, 3L);
        assertThat(first.stockVersion()).as("read inside the reservation, the same number as outside").isEqualTo(v0);
        try (CodeVault importer = CodeVault.open(dir.resolve("vault.db"))) {
            importLines(importer, 100, 5); // another process, after that reservation
        }
        assertThat(vault.stockVersion()).as("an import after the block moves the version past the block's")
                .isGreaterThan(first.stockVersion());
        CodeVault.Reservation second = vault.reserveBlock(APP, "J1", 4);
        assertThat(second.stockVersion()).as("and the next block sees that import").isEqualTo(vault.stockVersion());
        vault.release("J1");
        assertThat(vault.reserveBlock(APP, "J1", 2).stockVersion()).as("a release here moves it too")
                .isEqualTo(vault.stockVersion()).isGreaterThan(second.stockVersion());
    }

    @Test
    void aBlockOfAnUnknownApplicationIsEmptyAndStillCarriesTheVersion() {
        CodeVault.Reservation none = vault.reserveBlock(APP + 1, "J1", 4);
        assertThat(none.codes()).isEmpty();
        assertThat(none.stockVersion()).isEqualTo(vault.stockVersion());
    }
}
