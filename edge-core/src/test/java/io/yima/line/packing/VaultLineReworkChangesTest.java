package io.yima.line.packing;

import static io.yima.line.Stages.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.line.LineRefusal;
import io.yima.line.Refusal;
import io.yima.line.ReworkRefused;
import io.yima.vault.CaseCodeKind;
import io.yima.vault.CodeVault;
import io.yima.vault.PackLevel;
import io.yima.vault.PackRefusal;
import io.yima.vault.PackState;
import io.yima.vault.PackUnit;
import io.yima.vault.PackingFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line's rework changing its own packed case over a real vault file: replace and void come back as the vault's
 * new unit, a re-pallet is audited with who asked before the line takes it up, and a vault that refuses the
 * write is answered VAULT with nothing changed.
 */
class VaultLineReworkChangesTest {
    @TempDir
    Path dir;
    CodeVault vault;
    String caseCode;
    List<String> items;

    @BeforeEach
    void open() {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        PackingFixture.job(vault, "J2", "L2");
        items = PackingFixture.boundItems(vault, "J2", 2);
        caseCode = vault.packing().reserveSscc(PackingFixture.PREFIX, 0).digits();
        assertThat(vault.packing().pack("J2", PackLevel.CASE, caseCode, CaseCodeKind.SSCC, 2, items).packed()).isTrue();
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private long count(String sql) {
        return PackingFixture.count(vault, sql);
    }

    @Test
    void aChildOfTheLinesOwnCaseIsReplacedAndTheCaseVoided() throws Exception {
        VaultLineRework rework = new VaultLineRework(vault, "L2", () -> "J2", null);
        String spare = PackingFixture.boundItems(vault, "J2", 1).get(0);

        PackUnit replaced = done(rework.replace(caseCode, items.get(0), spare, "tech"));
        assertThat(replaced.children()).containsExactlyInAnyOrder(spare, items.get(1));
        assertThat(vault.packing().unit(caseCode).orElseThrow().children()).contains(spare)
                .doesNotContain(items.get(0));

        PackUnit voided = done(rework.voidCase(caseCode, "tech", "crushed"));
        assertThat(voided.state()).isEqualTo(PackState.VOIDED);
        assertThat(vault.packing().unit(caseCode).orElseThrow().state()).isEqualTo(PackState.VOIDED);
    }

    @Test
    void anotherLineCannotReplaceAChildOfThisLinesCase() {
        VaultLineRework other = new VaultLineRework(vault, "L1", () -> null, null);
        String spare = PackingFixture.boundItems(vault, "J2", 1).get(0);

        Throwable refused = failure(other.replace(caseCode, items.get(0), spare, "tech"));

        assertThat(((ReworkRefused) refused).reason()).isEqualTo(PackRefusal.OTHER_LINE);
        assertThat(((ReworkRefused) refused).detail())
                .isEqualTo("case " + caseCode + " is of job J2 on line L2; rework it there");
        assertThat(vault.packing().unit(caseCode).orElseThrow().children()).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void aRepalletIsAuditedWithWhoAskedAndThenTakenUpByTheLine() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        VaultLineRework rework = new VaultLineRework(vault, "L2", () -> "J2", (cases, by) -> {
            asked.add(cases + " by " + by + ", audited " + count("SELECT count(*) FROM event WHERE kind = 'REPALLET'"));
            return CompletableFuture.completedFuture(3);
        });

        assertThat(done(rework.repallet(5, "tech Li"))).isEqualTo(3);

        assertThat(asked).containsExactly("5 by tech Li, audited 1");
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'REPALLET' AND json LIKE '%\"job\":\"J2\"%'"
                + " AND json LIKE '%\"line\":\"L2\"%' AND json LIKE '%\"cases\":5%' AND json LIKE '%tech Li%'"))
                .isEqualTo(1);
    }

    @Test
    void aVaultThatRefusesTheWriteIsAnsweredVaultAndTheCaseStaysPacked() throws Exception {
        VaultLineRework rework = new VaultLineRework(vault, "L2", () -> "J2", null);
        failWrites(true);
        try {
            Throwable refused = failure(rework.unpack(caseCode, "tech", "torn"));
            assertThat(refused).isInstanceOf(LineRefusal.class);
            assertThat(((LineRefusal) refused).reason()).isEqualTo(Refusal.VAULT);
        } finally {
            failWrites(false);
        }
        assertThat(vault.packing().unit(caseCode).orElseThrow().state()).isEqualTo(PackState.PACKED);
    }

    /** SQLite refuses every vault change (each appends to `event`) while the trigger exists, as a full disk would. */
    private void failWrites(boolean fail) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + vault.file()); var st = c.createStatement()) {
            st.execute(fail ? "CREATE TRIGGER fail_event BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                    : "DROP TRIGGER fail_event");
        }
    }
}
