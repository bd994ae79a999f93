package io.yima.line;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.TestPackages;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line's prefetch of codes on its own against a real vault: committed blocks, an application that runs dry
 * and comes back when codes arrive, codes put back after a failed commit, the rest released at job close.
 */
class CodeDispenserTest {
    @TempDir
    Path dir;
    CodeVault vault;
    final List<Integer> blocks = new ArrayList<>();

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        importLines(vault, 0, 10);
        vault.openJob(new io.yima.vault.JobSpec("J1", "line-1", APP, "SKU-1", "B7", 100, "QR", "TRIGGERED",
                new io.yima.vault.ActivationFields("spring", "Yima", "Tea", "6901234567892", "wxabc", "pages/index", 0)));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static void importLines(CodeVault v, long from, int count) {
        new PackageImporter(v).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p" + from + ".b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(from, count))))));
    }

    private CodeDispenser dispenser() {
        CodeDispenser d = new CodeDispenser(vault, 4, blocks::add);
        d.forJob(APP, "J1");
        return d;
    }

    private static List<Long> take(CodeDispenser d, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CodeRecord r = d.next();
            out.add(r == null ? null : r.index());
        }
        return out;
    }

    @Test
    void codesComeInCommittedBlocksLowestFirstUntilTheStockRunsOut() {
        CodeDispenser d = dispenser();
        assertThat(d.next().index()).isZero();
        assertThat(blocks).containsExactly(4);
        assertThat(vault.byIndex(APP, 3).orElseThrow().state()).isEqualTo(CodeState.RESERVED);
        assertThat(vault.byIndex(APP, 4).orElseThrow().state()).isEqualTo(CodeState.AVAILABLE);
        assertThat(take(d, 9)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(blocks).containsExactly(4, 4, 2);
        assertThat(d.next()).isNull();
        assertThat(d.next()).isNull();
        assertThat(blocks).as("an empty reservation is no block").containsExactly(4, 4, 2);
    }

    @Test
    void aDryApplicationResumesWhenCodesAreImported() {
        CodeDispenser d = dispenser();
        take(d, 10);
        assertThat(d.next()).isNull();
        importLines(vault, 10, 3);
        assertThat(take(d, 4)).containsExactly(10L, 11L, 12L, null);
    }

    @Test
    void aDryApplicationStaysDryWhenTheVaultChangesWithoutNewCodes() {
        CodeDispenser d = dispenser();
        take(d, 10);
        assertThat(d.next()).isNull();
        // another process commits something that adds no code: the stock version moves, the counters say none
        try (CodeVault other = CodeVault.open(dir.resolve("vault.db"))) {
            other.setJobState("J1", io.yima.vault.JobState.STOPPED);
        }
        assertThat(d.next()).isNull();
        assertThat(d.next()).isNull();
        importLines(vault, 10, 1);
        assertThat(d.next().index()).isEqualTo(10L);
    }

    @Test
    void codesPutBackAfterAFailedCommitAreIssuedNextInTheirOrder() {
        CodeDispenser d = dispenser();
        CodeRecord a = d.next();
        CodeRecord b = d.next();
        d.putBack(List.of(a, b));
        assertThat(take(d, 4)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(blocks).containsExactly(4);
    }

    @Test
    void jobCloseReleasesTheUnusedPrefetchAndForgetsIt() {
        CodeDispenser d = dispenser();
        d.next();
        assertThat(d.release()).isEqualTo(4);
        assertThat(vault.available(APP)).isEqualTo(10);
        assertThat(d.next().index()).as("the buffer was dropped, a new block is reserved").isZero();
        assertThat(new CodeDispenser(vault, 4).release()).as("no job yet: nothing to release").isZero();
    }

    @Test
    void aNewJobStartsWithAnEmptyPrefetchAndAsksTheVaultAgain() {
        CodeDispenser d = dispenser();
        take(d, 10);
        assertThat(d.next()).isNull();
        vault.release("J1");
        d.forJob(APP, "J1");
        assertThat(d.next().index()).isZero();
    }
}
