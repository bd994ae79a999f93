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
import io.yima.vault.PackingFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line's rework over a real vault file: it reaches only the cases of the line's own jobs (OTHER_LINE, nothing
 * changed), answers the vault's refusal as the vault's reason, audits the operator it is given, and refuses a
 * re-pallet on a line without pallets or without an open job.
 */
class VaultLineReworkTest {
    @TempDir
    Path dir;
    CodeVault vault;
    String caseOfL2;

    @BeforeEach
    void open() {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        PackingFixture.job(vault, "J2", "L2");
        List<String> items = PackingFixture.boundItems(vault, "J2", 2);
        caseOfL2 = vault.packing().reserveSscc(PackingFixture.PREFIX, 0).digits();
        assertThat(vault.packing().pack("J2", PackLevel.CASE, caseOfL2, CaseCodeKind.SSCC, 2, items).packed()).isTrue();
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void aCaseOfAnotherLinesJobIsRefusedOtherLineAndStaysPacked() {
        VaultLineRework l1 = new VaultLineRework(vault, "L1", () -> null, null);
        Throwable refused = failure(l1.unpack(caseOfL2, "plc PLC-1 at 127.0.0.1:1", null));
        assertThat(refused).isInstanceOf(ReworkRefused.class);
        assertThat(((ReworkRefused) refused).reason()).isEqualTo(PackRefusal.OTHER_LINE);
        assertThat(((ReworkRefused) refused).detail()).contains("line L2");
        assertThat(failure(l1.voidCase(caseOfL2, "plc PLC-1 at 127.0.0.1:1", null))).isInstanceOf(ReworkRefused.class);
        assertThat(vault.packing().unit(caseOfL2).orElseThrow().state()).isEqualTo(PackState.PACKED);
        assertThat(count("SELECT count(*) FROM event WHERE kind IN ('UNPACK', 'VOID_CASE')")).isZero();
    }

    @Test
    void theLinesOwnCaseIsUnpackedWithTheOperatorInTheAuditAndTheVaultsRefusalsComeBackTyped() throws Exception {
        VaultLineRework l2 = new VaultLineRework(vault, "L2", () -> "J2", null);
        assertThat(l2.unpack(caseOfL2, "plc PLC-2 at 127.0.0.1:2", "torn").toCompletableFuture()
                .get(10, TimeUnit.SECONDS).state()).isEqualTo(PackState.UNPACKED);
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'UNPACK' AND json LIKE '%plc PLC-2 at%'"))
                .isEqualTo(1);
        Throwable again = failure(l2.unpack(caseOfL2, "plc PLC-2 at 127.0.0.1:2", null));
        assertThat(((ReworkRefused) again).reason()).isEqualTo(PackRefusal.NOT_PACKED);
        Throwable unknown = failure(l2.voidCase("106141419999999990", "plc PLC-2 at 127.0.0.1:2", null));
        assertThat(((ReworkRefused) unknown).reason()).isEqualTo(PackRefusal.UNKNOWN_UNIT);
    }

    @Test
    void repalletIsRefusedWithoutPalletsAndWithoutAnOpenJob() {
        Throwable noPallets = failure(new VaultLineRework(vault, "L2", () -> "J2", null).repallet(0, "plc"));
        assertThat(((LineRefusal) noPallets).reason()).isEqualTo(Refusal.WRONG_MODE);
        Throwable noJob = failure(new VaultLineRework(vault, "L2", () -> null,
                (n, by) -> { throw new AssertionError("the line is not asked without a job"); }).repallet(0, "plc"));
        assertThat(((LineRefusal) noJob).reason()).isEqualTo(Refusal.NO_JOB);
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'REPALLET'")).isZero();
    }

    private long count(String sql) {
        return PackingFixture.count(vault, sql);
    }
}
