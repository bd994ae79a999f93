package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault writer's group commit: the writes of several threads (lines) queued while the writer is busy share one
 * transaction and one commit, each caller returns only when its part is committed, one failing part is undone
 * alone, a lost transaction fails every part, and a caller that cannot get the writer in time fails without its
 * write ever running.
 */
class GroupCommitTest {
    @TempDir
    Path dir;
    CodeVault vault;
    List<CodeRecord> codes;
    /** Threads of their own: the common pool may have one thread on a 2-core machine. */
    final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 50))))));
        vault.openJob(CodeVaultTest.JOB);
        codes = vault.reserve(APP, "J1", 10);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        vault.close();
    }

    private Issue issue(int i) {
        return new Issue(APP, codes.get(i).index(), "J1", "item-" + i);
    }

    private CodeState state(int i) {
        return vault.byIndex(APP, codes.get(i).index()).orElseThrow().state();
    }

    /** Holds the writer (a transaction of its own on another thread) until {@code release} opens. */
    private CompletableFuture<Void> holdWriter(CountDownLatch holding, CountDownLatch release) {
        return WriterHold.hold(vault, pool, holding, release);
    }

    private CompletableFuture<Void> markSentAsync(int i) {
        return CompletableFuture.runAsync(() -> vault.markSent(List.of(issue(i))), pool);
    }

    private long sentEvents() {
        return vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM event WHERE kind = 'SENT'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void writesQueuedWhileTheWriterIsBusyShareOneCommitAndEachIsDurableWhenItsCallerReturns() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        long[] before = vault.commitCounts();
        List<CompletableFuture<Void>> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add(markSentAsync(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 4);
        assertThat(lines).noneMatch(CompletableFuture::isDone); // nobody is told "sent" before the commit
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : lines) {
            f.get(10, TimeUnit.SECONDS);
        }
        long[] after = vault.commitCounts();
        assertThat(after[0] - before[0]).as("commits: the holder's, then one for the four lines").isEqualTo(2);
        assertThat(after[1] - before[1]).as("transactions carried").isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            assertThat(state(i)).isEqualTo(CodeState.SENT);
        }
        assertThat(sentEvents()).isEqualTo(4);
    }

    @Test
    void aFailingWriteInABatchFailsItsOwnCallerOnlyAndTheOthersCommit() throws Exception {
        vault.markSent(List.of(issue(5))); // already SENT: marking it again is an illegal transition
        long sentBefore = sentEvents();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> first = markSentAsync(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 1);
        // one batch: code 1 and the refused code 5 in one markSent, then code 2
        CompletableFuture<Void> bad = CompletableFuture.runAsync(() -> vault.markSent(List.of(issue(1), issue(5))), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 2);
        CompletableFuture<Void> last = markSentAsync(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 3);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);
        last.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalTransitionException.class).hasMessageContaining("expected RESERVED");
        assertThat(state(0)).isEqualTo(CodeState.SENT);
        assertThat(state(1)).as("the failing caller's whole write is undone").isEqualTo(CodeState.RESERVED);
        assertThat(state(2)).isEqualTo(CodeState.SENT);
        assertThat(sentEvents() - sentBefore).isEqualTo(2);
    }

    @Test
    void whenTheSharedTransactionIsLostEveryCallerInItFailsAndNothingIsKept() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> good = markSentAsync(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 1);
        // SQLite abandoning the transaction (as on a full disk or an I/O error) looks like this to the writer
        CompletableFuture<Object> abandoning = CompletableFuture.supplyAsync(() -> vault.inTransaction(c -> {
            c.createStatement().execute("ROLLBACK");
            throw new java.sql.SQLException("disk I/O error");
        }), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 2);
        CompletableFuture<Void> after = markSentAsync(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 3);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<?> f : List.of(good, abandoning, after)) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(VaultException.class).hasMessageContaining("vault write failed");
        }
        assertThat(state(0)).as("its part was rolled back with the transaction: not SENT, its caller knows")
                .isEqualTo(CodeState.RESERVED);
        assertThat(state(1)).isEqualTo(CodeState.RESERVED);
        vault.markSent(List.of(issue(0))); // the writer works again afterwards
        assertThat(state(0)).isEqualTo(CodeState.SENT);
    }

    @Test
    void aWriteThatCannotGetTheWriterInTimeFailsAsAVaultFaultAndNeverRuns() throws Exception {
        vault.writerWaitMillis(300);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> vault.markSent(List.of(issue(0)))).isInstanceOf(VaultException.class)
                    .hasMessageContaining("vault writer has been busy for more than 300 ms")
                    .hasMessageContaining("nothing of this write was kept");
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
        vault.markSent(List.of(issue(1))); // a later write runs (and would have run the withdrawn one with it)
        assertThat(state(1)).isEqualTo(CodeState.SENT);
        assertThat(state(0)).as("the withdrawn write never ran").isEqualTo(CodeState.RESERVED);
        assertThat(vault.writesQueued()).isZero();
    }

    @Test
    void aCallerWaitingForTheWholeWriterGoesBeforeTheQueuedWrites() throws Exception {
        // the line's dataVersion before each reservation and a bulk import wait for the whole writer; the group's
        // callers, woken after every commit, must not keep overtaking them
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> vault.inTransaction(c -> {
            order.add("write 1");
            return null;
        }), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 1);
        CompletableFuture<Void> whole = CompletableFuture.runAsync(() -> vault.inBulkTransaction(c -> {
            order.add("whole writer");
            return null;
        }), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.waitingForWholeWriter() == 1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> vault.inTransaction(c -> {
            order.add("write 2");
            return null;
        }), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 2);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        whole.get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("whole writer", "write 1", "write 2");
    }
}
