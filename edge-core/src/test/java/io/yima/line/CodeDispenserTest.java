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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
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
        drainsThenResumesOnImport(dispenser());
    }

    /** The ten codes, then none; three imported, then those and none again. */
    private void drainsThenResumesOnImport(CodeDispenser d) {
        assertThat(take(d, 11)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, null);
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

    /** An executor whose tasks run only when the test says so: where a thread hand-over happens, made visible. */
    private static final class Held implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable t;
            while ((t = tasks.poll()) != null) {
                t.run();
            }
        }
    }

    /** The shared reserver's thread and the line's, run by hand in the ahead-refill tests. */
    final Held reserver = new Held();
    final Held loop = new Held();

    private CodeDispenser ahead() {
        CodeDispenser d = new CodeDispenser(vault, 4, blocks::add, reserver, loop);
        d.forJob(APP, "J1");
        assertThat(blocks).as("the first block is reserved as the job opens").containsExactly(4);
        assertThat(reserver.tasks).isEmpty();
        return d;
    }

    @Test
    void theNextBlockIsReservedAheadAtAQuarterLeftWhileTheLineGoesOnIssuing() {
        CodeDispenser d = ahead();
        assertThat(take(d, 2)).containsExactly(0L, 1L);
        assertThat(reserver.tasks).as("two left of four: no refill yet").isEmpty();
        assertThat(d.next().index()).isEqualTo(2L);
        assertThat(reserver.tasks).as("one left: the next block is asked for").hasSize(1);
        assertThat(d.next().index()).as("issued from what is left, not waiting").isEqualTo(3L);
        assertThat(reserver.tasks).as("one refill at a time").hasSize(1);

        reserver.runAll(); // the reserver's thread commits the block
        assertThat(vault.byIndex(APP, 4).orElseThrow().state()).isEqualTo(CodeState.RESERVED);
        assertThat(blocks).as("not in the prefetch until it arrives on the line's thread").containsExactly(4);
        loop.runAll();
        assertThat(blocks).containsExactly(4, 4);
        assertThat(take(d, 2)).containsExactly(4L, 5L);
        assertThat(vault.byIndex(APP, 8).orElseThrow().state()).as("no block reserved on the line's own thread")
                .isEqualTo(CodeState.AVAILABLE);
    }

    /** A spread that hands out the given draws, one per block, and records the bounds it was asked for. */
    private static final class Draws implements RandomGenerator {
        final ArrayDeque<Integer> draws;
        final List<Integer> bounds = new ArrayList<>();

        Draws(Integer... draws) {
            this.draws = new ArrayDeque<>(List.of(draws));
        }

        @Override
        public int nextInt(int bound) {
            bounds.add(bound);
            return draws.remove();
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only nextInt(bound) is drawn");
        }
    }

    @Test
    void withASpreadTheRefillStartsAtAPointDrawnPerBlockBetweenAQuarterAndAHalfLeft() {
        importLines(vault, 10, 10); // 20 codes: blocks of 8, a quarter is 2
        Draws spread = new Draws(2, 0);
        CodeDispenser d = new CodeDispenser(vault, 8, blocks::add, reserver, loop, spread);
        d.forJob(APP, "J1"); // first block 0..7; drawn: refill at 2 + 2 = 4 left
        assertThat(take(d, 3)).containsExactly(0L, 1L, 2L);
        assertThat(reserver.tasks).as("five left").isEmpty();
        d.next();
        assertThat(reserver.tasks).as("four left: a quarter plus the draw").hasSize(1);
        reserver.runAll();
        loop.runAll(); // second block 8..15 arrives; drawn: refill at 2 + 0 left
        assertThat(take(d, 9)).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(reserver.tasks).as("three left of the second block").isEmpty();
        d.next();
        assertThat(reserver.tasks).as("two left: a quarter").hasSize(1);
        assertThat(spread.bounds).as("each draw from 0 to a quarter of a block").containsExactly(3, 3);
    }

    @Test
    void anEmptyPrefetchIsRefilledOnTheLinesThreadEvenWithARefillUnderWay() {
        CodeDispenser d = ahead();
        take(d, 4);
        assertThat(d.next().index()).as("the refill has not come back: the line reserves itself").isEqualTo(4L);
        reserver.runAll();
        loop.runAll();
        assertThat(take(d, 5)).as("both blocks are issued, none lost").containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(d.next()).isNull();
    }

    @Test
    void aBlockReservedAheadAsTheJobClosesGoesBackToStock() {
        CodeDispenser d = ahead();
        take(d, 3); // the refill is asked for
        assertThat(d.release()).isEqualTo(4);
        vault.setJobState("J1", io.yima.vault.JobState.CLOSED); // the close commits, with the release in it
        reserver.runAll(); // ...and the refill commits after it
        assertThat(vault.available(APP)).isEqualTo(6);
        loop.runAll();
        reserver.runAll(); // the late block is released on the reserver's thread
        assertThat(vault.available(APP)).as("nothing stays RESERVED to the closed job").isEqualTo(10);
        assertThat(blocks).as("the late block never joined the prefetch").containsExactly(4);
    }

    @Test
    void aBlockReservedAheadAsTheSameJobReopensStaysItsOwn() {
        CodeDispenser d = ahead();
        take(d, 3);
        d.forJob(APP, "J1"); // the job resumed (an edge restart replays it): a first block again (4..7)
        reserver.runAll(); // the refill asked for before the reopening (8, 9)
        loop.runAll();
        reserver.runAll();
        assertThat(vault.byIndex(APP, 8).orElseThrow().state()).as("still the open job's").isEqualTo(CodeState.RESERVED);
        assertThat(take(d, 5)).as("only the block reserved after the reopening joins")
                .containsExactly(4L, 5L, 6L, 7L, null);
        assertThat(d.release()).as("all released with the job at its close").isEqualTo(10);
        assertThat(vault.available(APP)).isEqualTo(10);
    }

    @Test
    void refillsAheadRunDryAndResumeWhenCodesArrive() {
        CodeDispenser d = new CodeDispenser(vault, 4, blocks::add, Runnable::run, Runnable::run);
        d.forJob(APP, "J1");
        drainsThenResumesOnImport(d);
        assertThat(blocks).containsExactly(4, 4, 2, 3);
    }

    @Test
    void aBlockReservedAheadAsAJobCloseFailsStaysWithTheStillOpenJob() {
        CodeDispenser d = ahead();
        take(d, 3);
        d.release(); // inside a close whose transaction then fails: the job stays open in the vault
        reserver.runAll();
        loop.runAll();
        CodeRecord next = d.next(); // the line goes on with the still-open job: a block of its own
        reserver.runAll();
        assertThat(vault.byIndex(APP, next.index()).orElseThrow().state()).as("not taken back from under the line")
                .isEqualTo(CodeState.RESERVED);
        assertThat(vault.byIndex(APP, 4).orElseThrow().state()).as("the late block, kept for the job's close")
                .isEqualTo(CodeState.RESERVED);
    }
}
