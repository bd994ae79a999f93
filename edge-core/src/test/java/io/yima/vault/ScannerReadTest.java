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

/** What a scanner reads (a matrix, a URL, a short code) leads to the one code it is, and nothing else does. */
class ScannerReadTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 10))))));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    /** The fields of package line {@code index}: matrix bits, code, index, URL. */
    private static String[] fields(long index) {
        return TestPackages.line(index).split(" ");
    }

    @Test
    void eachFormOfAReadFindsItsCode() {
        String[] f = fields(7);
        assertThat(f[0]).hasSize(361);
        assertThat(f[1]).hasSize(9);
        assertThat(f[3]).hasSize(28);
        assertThat(vault.resolveRead(f[0])).get().extracting(CodeRecord::index).isEqualTo(7L);
        assertThat(vault.resolveRead(f[1])).get().extracting(CodeRecord::index).isEqualTo(7L);
        assertThat(vault.resolveRead(f[3])).get().extracting(CodeRecord::index).isEqualTo(7L);
        assertThat(vault.resolveRead("  " + f[3] + "\r\n")).get().extracting(CodeRecord::url).isEqualTo(f[3]);
        assertThat(vault.byCode(f[1])).get().extracting(CodeRecord::url).isEqualTo(f[3]);
    }

    @Test
    void aReadOfTheRightLengthButWrongContentFindsNothing() {
        String[] f = fields(3);
        String matrixWithAStrayCell = f[0].substring(0, 100) + "2" + f[0].substring(101);
        assertThat(vault.resolveRead(matrixWithAStrayCell)).isEmpty();
        String otherMatrix = f[0].substring(0, 360) + (f[0].charAt(360) == '0' ? "1" : "0");
        assertThat(vault.resolveRead(otherMatrix)).isEmpty();
        assertThat(vault.resolveRead(f[3].substring(0, 27) + "Q")).isEmpty();
        assertThat(vault.resolveRead(f[1].substring(0, 8))).isEmpty();
    }

    @Test
    void readsLongerThanACodeButNoURLOrMatrixAreNotLookedUp() {
        String[] f = fields(3);
        // a code with one character too many would be a different code; it must not reach the lookup at all
        assertThat(vault.resolveRead(f[1] + "X")).isEmpty();
        assertThat(vault.resolveRead(f[3] + "X")).isEmpty();
        assertThat(vault.resolveRead(f[3].substring(1))).isEmpty();
        assertThat(vault.resolveRead(" \t ")).isEmpty();
    }

    @Test
    void anIndexOutsideTheKeyRangeOrOfAnUnknownApplicationFindsNothing() {
        assertThat(vault.byIndex(APP, 0)).isPresent();
        assertThat(vault.byIndex(APP, 9)).isPresent();
        assertThat(vault.byIndex(APP, 10)).isEmpty();
        assertThat(vault.byIndex(APP, -1)).isEmpty();
        assertThat(vault.byIndex(APP, CodeKey.MAX_INDEX)).isEmpty();
        assertThat(vault.byIndex(APP, CodeKey.MAX_INDEX + 1)).isEmpty();
        assertThat(vault.byIndex(APP + 1, 0)).isEmpty();
    }

    @Test
    void aCodeReservedButNeverSentIsIssuedToNobody() {
        vault.openJob(CodeVaultTest.JOB);
        vault.reserve(APP, "J1", 2);
        vault.markSent(List.of(new Issue(APP, 1, "J1", "item-1")));
        vault.voidCodes(List.of(new CodeRef(APP, 0)), "JOB_CLOSED");
        assertThat(vault.issuedTo("J1", "item-1")).get().extracting(CodeRecord::index).isEqualTo(1L);
        assertThat(vault.issuedTo("J1", null)).isEmpty();
    }
}
