package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault writer's edges: a nested write joins the transaction around it, a failing bulk load keeps nothing and
 * leaves the vault usable, a caller waiting for the whole writer gives up after its bound, and an interrupted caller
 * gets a vault error with its write never run.
 */
class WriterWaitTest {
    @TempDir
    Path dir;
    CodeVault vault;
    final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20))))));
        vault.openJob(CodeVaultTest.JOB);
        vault.reserve(APP, "J1", 4);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        vault.close();
    }

    private long events(String kind) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM event WHERE kind = ?")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private void event(java.sql.Connection c, String kind) throws java.sql.SQLException {
        vault.appendEvent(c, kind, java.util.Map.of());
    }

    private CompletableFuture<Void> holdWriter(CountDownLatch holding, CountDownLatch release) {
        return WriterHold.hold(vault, pool, holding, release);
    }

    @Test
    void aNestedWriteIsPartOfTheTransactionAroundItAndCommitsWithIt() {
        long commits = vault.commitCounts()[0];
        vault.inTransaction(c -> {
            event(c, "OUTER");
            return vault.inTransaction(inner -> {
                assertThat(inner).isSameAs(c);
                event(inner, "INNER");
                return null;
            });
        });
        assertThat(vault.commitCounts()[0]).isEqualTo(commits + 1);
        assertThat(events("OUTER") + events("INNER")).isEqualTo(2);

        assertThatThrownBy(() -> vault.inTransaction(c -> {
            vault.inTransaction(inner -> {
                event(inner, "INNER");
                return null;
            });
            throw new IllegalStateException("the outer work failed after the nested write");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(events("INNER")).isOne();

        assertThatThrownBy(() -> vault.inTransaction(c -> vault.inTransaction(inner -> {
            throw new java.sql.SQLException("nested failure");
        }))).isInstanceOf(VaultException.class).hasMessage("vault write failed: nested failure");
    }

    @Test
    void aFailingBulkLoadKeepsNothingAndTheVaultWorksOnAfterIt() {
        assertThatThrownBy(() -> vault.inBulkTransaction(c -> {
            event(c, "BULK");
            vault.inTransaction(inner -> {
                event(inner, "BULK");
                return null;
            });
            throw new IllegalStateException("a package was refused half-way");
        })).isInstanceOf(IllegalStateException.class).hasMessage("a package was refused half-way");
        assertThat(events("BULK")).isZero();
        Integer seven = vault.inBulkTransaction(c -> {
            event(c, "BULK");
            return 7;
        });
        assertThat(seven).isEqualTo(7);
        assertThat(events("BULK")).isOne();
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0")));
        assertThat(vault.byIndex(APP, 0).orElseThrow().state()).isEqualTo(CodeState.SENT);
        assertThat(dir.resolve("vault.db-wal")).exists();
    }

    @Test
    void aCallerWaitingForTheWholeWriterGivesUpAfterItsBound() throws Exception {
        vault.writerWaitMillis(1_000);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(vault::dataVersion).isInstanceOf(VaultException.class)
                    .hasMessage("vault write failed: the vault writer has been busy for more than 1 s (a long vault"
                            + " operation or a stuck disk); nothing of this write was kept");
            assertThat(vault.waitingForWholeWriter()).isZero();
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
        assertThat(vault.dataVersion()).isNotNegative();
    }

    @Test
    void aCallerInterruptedWhileItsWriteIsQueuedGetsAVaultErrorAndItsWriteNeverRuns() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                vault.markSent(List.of(new Issue(APP, 1, "J1", "i1")));
                return null;
            } catch (RuntimeException e) {
                stillInterrupted.set(Thread.interrupted());
                return e;
            }
        }, pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == 1);
        caller.get().interrupt();
        Throwable t = outcome.get(10, TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(VaultException.class).hasMessage("vault write interrupted while waiting for the"
                + " writer; nothing of it was kept");
        assertThat(stillInterrupted).isTrue();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        vault.markSent(List.of(new Issue(APP, 2, "J1", "i2")));
        assertThat(vault.byIndex(APP, 1).orElseThrow().state()).isEqualTo(CodeState.RESERVED);
        assertThat(vault.writesQueued()).isZero();
    }

    @Test
    void aCallerInterruptedWhileWaitingForTheWholeWriterGetsAVaultError() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriter(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                vault.dataVersion();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.waitingForWholeWriter() == 1);
        caller.get().interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(VaultException.class)
                .hasMessage("vault write interrupted while waiting for the writer");
        assertThat(vault.waitingForWholeWriter()).isZero();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }
}
