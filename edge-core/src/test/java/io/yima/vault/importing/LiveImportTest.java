package io.yima.vault.importing;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.RecoveryReport;
import io.yima.vault.TestPackages;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports into a vault that already has codes: staged in chunks, published at the end, recovered after a crash. */
class LiveImportTest {
    private static final long OTHER_APP = 581865878L;
    private static final long BUSY_TIMEOUT_MS = 10_000;

    @TempDir
    Path dir;
    Path file;
    CodeVault vault;

    @BeforeEach
    void open() {
        file = dir.resolve("vault.db");
        vault = CodeVault.open(file);
        importInto(vault, APP, TestPackages.lines(0, 20_000));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static ImportResult importInto(CodeVault v, long app, List<String> lines) {
        return new PackageImporter(v).importStreams(app, TestPackages.keyBytes(),
                List.of(NamedInput.of("live.b64", TestPackages.base64(TestPackages.text(lines)))));
    }

    /** Everything an import could touch, STAGED rows and the rows' count included. */
    private String snapshot(CodeVault v) {
        return v.stats() + "/" + v.inTransaction(c -> count(c, "SELECT count(*) FROM event") + ","
                + count(c, "SELECT count(*) FROM application") + "," + count(c, "SELECT count(*) FROM code") + ","
                + staged(c));
    }

    private static long staged(Connection c) throws SQLException {
        return count(c, "SELECT count(*) FROM code WHERE state = 6");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String withCode(String line, String code) {
        String[] f = line.split(" ");
        f[1] = code;
        return String.join(" ", f);
    }

    private static String batchState(CodeVault v) {
        return v.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT group_concat(state) FROM import_batch")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void lineTransactionsOfAnotherConnectionCommitBetweenTheChunksOfALiveImport() throws Exception {
        AtomicBoolean importDone = new AtomicBoolean();
        AtomicReference<CountDownLatch> lineCommitted = new AtomicReference<>(new CountDownLatch(1));
        ConcurrentLinkedQueue<Throwable> lineErrors = new ConcurrentLinkedQueue<>();
        AtomicLong longestCallMs = new AtomicLong();
        AtomicInteger cycles = new AtomicInteger();
        // The line uses a vault instance of its own: its own SQLite connections, as a running edge in another
        // process would, so only SQLite's locking (not this process's lock) separates it from the import.
        Thread line = new Thread(() -> {
            try (CodeVault lineVault = CodeVault.open(file)) {
                while (!importDone.get()) {
                    long t0 = System.nanoTime();
                    List<CodeRecord> r = lineVault.reserve(APP, "JOB-1", 1);
                    long t1 = System.nanoTime();
                    if (r.isEmpty()) {
                        throw new AssertionError("the line ran out of stock");
                    }
                    long idx = r.get(0).index();
                    lineVault.markSent(List.of(new Issue(APP, idx, "JOB-1", "item-" + idx)));
                    long t2 = System.nanoTime();
                    lineVault.bind(List.of(new Binding(APP, idx, "JOB-1", "item-" + idx)));
                    long t3 = System.nanoTime();
                    longestCallMs.accumulateAndGet(Math.max(t1 - t0, Math.max(t2 - t1, t3 - t2)) / 1_000_000,
                            Math::max);
                    cycles.incrementAndGet();
                    lineCommitted.get().countDown();
                }
            } catch (Throwable e) {
                lineErrors.add(e);
                lineCommitted.get().countDown();
            }
        }, "line");
        line.start();
        assertThat(lineCommitted.get().await(60, TimeUnit.SECONDS)).isTrue();

        AtomicInteger chunks = new AtomicInteger();
        List<Boolean> lineCommittedDuringImport = new ArrayList<>();
        ImportResult result;
        try {
            result = new PackageImporter(vault).afterChunk(() -> {
                chunks.incrementAndGet();
                // the import is half done (rows STAGED, not published): the line must get its commits through
                CountDownLatch next = new CountDownLatch(1);
                lineCommitted.set(next);
                try {
                    lineCommittedDuringImport.add(next.await(60, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).importStreams(OTHER_APP, TestPackages.keyBytes(), List.of(NamedInput.of("second.b64",
                    TestPackages.base64(TestPackages.text(TestPackages.lines(100_000, 40_000))))));
        } finally {
            importDone.set(true);
            line.join(60_000);
        }

        assertThat(lineErrors).isEmpty();
        assertThat(line.isAlive()).isFalse();
        int expectedChunks = 40_000 / PackageImporter.ROWS_PER_CHUNK;
        assertThat(chunks.get()).isEqualTo(expectedChunks);
        assertThat(lineCommittedDuringImport).hasSize(expectedChunks).containsOnly(true);
        assertThat(longestCallMs.get()).isLessThan(BUSY_TIMEOUT_MS);
        assertThat(result.imported()).isEqualTo(40_000);
        var stats = vault.stats().applications();
        assertThat(stats.get(1).applicationId()).isEqualTo(OTHER_APP);
        assertThat(stats.get(1).states().get(CodeState.AVAILABLE)).isEqualTo(40_000);
        assertThat(stats.get(0).states().get(CodeState.BOUND)).isEqualTo(cycles.get());
        assertThat(vault.inTransaction(LiveImportTest::staged)).isZero();
        assertThat(batchState(vault)).isEqualTo("DONE");
    }

    @Test
    void badLineAtTheEndOfALargeSecondImportLeavesTheVaultAsItWas() {
        String before = snapshot(vault);
        List<String> lines = new ArrayList<>(TestPackages.lines(100_000, 30_000));
        lines.set(29_999, lines.get(29_999).substring(1));

        assertThatThrownBy(() -> importInto(vault, OTHER_APP, lines)).isInstanceOf(ImportException.class)
                .hasMessage("live.b64 line 30000: matrix has 360 characters, expected 361");

        assertThat(snapshot(vault)).isEqualTo(before);
        assertThat(batchState(vault)).isEqualTo("FAILED");
        assertThat(vault.hasApplication(OTHER_APP)).isFalse();
    }

    @Test
    void codeClashAtTheEndOfALargeSecondImportDeletesWhatWasStaged() {
        String before = snapshot(vault);
        List<String> lines = new ArrayList<>(TestPackages.lines(100_000, 30_000));
        String existingCode = TestPackages.line(4).split(" ")[1];
        lines.set(29_999, withCode(lines.get(29_999), existingCode));

        assertThatThrownBy(() -> importInto(vault, APP, lines)).isInstanceOf(ImportException.class)
                .hasMessage("live.b64 line 30000: code " + existingCode + " already exists under index 4 in the vault");

        assertThat(snapshot(vault)).isEqualTo(before);
        assertThat(batchState(vault)).isEqualTo("FAILED");
    }

    @Test
    void reImportIntoALiveVaultAddsNothing() {
        String before = snapshot(vault);
        ImportResult again = importInto(vault, APP, TestPackages.lines(0, 20_000));
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(20_000);
        assertThat(vault.stats()).hasToString(before.substring(0, before.indexOf('/')));
    }

    @Test
    void recoveryDeletesTheRowsOfAnImportCutOffWhileStaging() {
        String before = snapshot(vault);
        String stockBefore = vault.stats().toString();
        AtomicInteger chunks = new AtomicInteger();
        // the process "dies" after two chunks: the vault is closed under the importer, nothing cleans up
        assertThatThrownBy(() -> new PackageImporter(vault).afterChunk(() -> {
            if (chunks.incrementAndGet() == 2) {
                vault.close();
            }
        }).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("cut.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(100_000, 20_000))))))).isInstanceOf(
                RuntimeException.class);

        vault = CodeVault.open(file);
        long stagedRows = 2L * PackageImporter.ROWS_PER_CHUNK;
        assertThat(vault.inTransaction(LiveImportTest::staged)).isEqualTo(stagedRows);
        assertThat(batchState(vault)).isEqualTo("STAGING");
        // staged rows are not stock and cannot be found by a line's read
        assertThat(vault.stats()).hasToString(stockBefore);
        assertThat(vault.byCode(TestPackages.line(100_000).split(" ")[1])).isEmpty();
        assertThat(vault.byIndex(APP, 100_000)).isEmpty();

        RecoveryReport report = vault.recover();

        assertThat(report).isEqualTo(new RecoveryReport(0, 0, 1, stagedRows, 0, 0));
        assertThat(vault.inTransaction(LiveImportTest::staged)).isZero();
        assertThat(batchState(vault)).isEqualTo("FAILED");
        assertThat(vault.stats()).hasToString(stockBefore);
        // the same package imports cleanly afterwards
        assertThat(importInto(vault, APP, TestPackages.lines(100_000, 20_000)).imported()).isEqualTo(20_000);
        assertThat(snapshot(vault)).isNotEqualTo(before);
    }

    @Test
    void recoveryFinishesAnImportCutOffWhilePublishing() {
        AtomicInteger chunks = new AtomicInteger();
        // closed after the last chunk: every row is STAGED, the publish never starts
        assertThatThrownBy(() -> new PackageImporter(vault).afterChunk(() -> {
            if (chunks.incrementAndGet() == 12_000 / PackageImporter.ROWS_PER_CHUNK) {
                vault.close();
            }
        }).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("cut.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(100_000, 12_000))))))).isInstanceOf(
                RuntimeException.class);
        vault = CodeVault.open(file);
        // the crash came after the commit point (PUBLISHING) and after a first publish chunk
        vault.inTransaction(c -> {
            c.createStatement().executeUpdate("UPDATE import_batch SET state = 'PUBLISHING'");
            return c.createStatement().executeUpdate("UPDATE code SET state = 0 WHERE id IN"
                    + " (SELECT id FROM code WHERE state = 6 ORDER BY id LIMIT 5000)");
        });
        assertThat(vault.stats().applications().get(0).states().get(CodeState.AVAILABLE)).isEqualTo(25_000);

        RecoveryReport report = vault.recover();

        assertThat(report).isEqualTo(new RecoveryReport(0, 0, 0, 0, 1, 7_000));
        assertThat(vault.inTransaction(LiveImportTest::staged)).isZero();
        assertThat(batchState(vault)).isEqualTo("DONE");
        assertThat(vault.stats().applications().get(0).states().get(CodeState.AVAILABLE)).isEqualTo(32_000);
        assertThat(vault.byCode(TestPackages.line(111_999).split(" ")[1])).get()
                .extracting(CodeRecord::state).isEqualTo(CodeState.AVAILABLE);
        assertThat(vault.reserve(APP, "JOB-2", 20_001)).hasSize(20_001).last()
                .extracting(CodeRecord::index).isEqualTo(100_000L);
    }
}
