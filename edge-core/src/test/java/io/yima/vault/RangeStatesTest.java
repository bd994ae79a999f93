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

/** What a range holds per state, the dashboard's question before a void; a real SQLite vault of 100 codes. */
class RangeStatesTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, 100))))));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void countsEachStateInTheRangeAndMatchesWhatAVoidThenDoes() {
        vault.openJob(new JobSpec("J1", "line-1", APP, "SKU", "B", 10, "QR", "TRIGGERED", null));
        vault.reserve(APP, "J1", 5); // indexes 0..4 RESERVED

        var before = vault.statesInRange(APP, 0, 9);
        assertThat(before.get(CodeState.RESERVED)).isEqualTo(5);
        assertThat(before.get(CodeState.AVAILABLE)).isEqualTo(5);
        assertThat(before.get(CodeState.BOUND)).isZero();

        assertThat(vault.voidAvailable(APP, 0, 9, "TECHNICIAN")).isEqualTo(before.get(CodeState.AVAILABLE).intValue());
        var after = vault.statesInRange(APP, 0, 9);
        assertThat(after.get(CodeState.VOIDED)).isEqualTo(5);
        assertThat(after.get(CodeState.AVAILABLE)).isZero();
        assertThat(after.get(CodeState.RESERVED)).as("never voided by a range").isEqualTo(5);
    }

    @Test
    void anUnknownApplicationOrARangeBeyondTheCodesHoldsNothing() {
        assertThat(vault.statesInRange(APP + 1, 0, 9).values()).allMatch(n -> n == 0);
        assertThat(vault.statesInRange(APP, 500, 900).values()).allMatch(n -> n == 0);
    }
}
