package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activation outbox marks bound codes by index range; the range a code was sent in is kept when not given. */
class ActivationMarkTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 10))))));
        vault.openJob(CodeVaultTest.JOB);
        vault.reserve(APP, "J1", 4);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "a"), new Issue(APP, 1, "J1", "b"),
                new Issue(APP, 2, "J1", "c"), new Issue(APP, 3, "J1", "d")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "a"), new Binding(APP, 1, "J1", "b"),
                new Binding(APP, 2, "J1", "c"), new Binding(APP, 3, "J1", "d")));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private int mark(long from, long to, String state, Long rangeId) {
        return vault.inTransaction(c -> vault.setActivation(c, APP, from, to, state, rangeId));
    }

    private Long rangeOf(long index) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT activation_range_id FROM code WHERE application_id = ? AND idx = ?")) {
                ps.setLong(1, APP);
                ps.setLong(2, index);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }
            }
        });
    }

    @Test
    void aMarkWithoutARangeKeepsTheRangeTheCodeWasQueuedIn() {
        assertThat(mark(0, 1, "QUEUED", 41L)).isEqualTo(2);
        assertThat(rangeOf(0)).isEqualTo(41L);
        assertThat(rangeOf(2)).isNull();
        assertThat(mark(0, 3, "FAILED", null)).isEqualTo(4);
        assertThat(rangeOf(0)).isEqualTo(41L);
        assertThat(rangeOf(1)).isEqualTo(41L);
        assertThat(rangeOf(3)).isNull();
        assertThat(vault.byIndex(APP, 3).orElseThrow().activationState()).isEqualTo("FAILED");
        assertThat(mark(1, 1, "QUEUED", 42L)).isEqualTo(1);
        assertThat(rangeOf(1)).isEqualTo(42L);
        assertThat(rangeOf(0)).isEqualTo(41L);
    }

    @Test
    void theRangeIsInclusiveAtBothEnds() {
        assertThat(mark(1, 2, "ACTIVATED", 5L)).isEqualTo(2);
        assertThat(vault.byIndex(APP, 0).orElseThrow().activationState()).isEqualTo("PENDING");
        assertThat(vault.byIndex(APP, 1).orElseThrow().activationState()).isEqualTo("ACTIVATED");
        assertThat(vault.byIndex(APP, 2).orElseThrow().activationState()).isEqualTo("ACTIVATED");
        assertThat(vault.byIndex(APP, 3).orElseThrow().activationState()).isEqualTo("PENDING");
    }

    @Test
    void anUnknownApplicationMarksNothing() {
        int marked = vault.<Integer>inTransaction(c -> vault.setActivation(c, APP + 1, 0, 3, "ACTIVATED", 1L));
        assertThat(marked).isZero();
        assertThat(vault.stats().applications().get(0).activation()).containsEntry("PENDING", 4L)
                .containsEntry("ACTIVATED", 0L);
    }
}
