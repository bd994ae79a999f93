package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group commit runs each line's part under a SAVEPOINT, whose sub-journal keeps the pages the part changes that
 * the parts before it had changed. SQLite spilled it into a temp file of its own (created, written, unlinked) once it
 * passed 64 KiB, on every such commit, on the lines' threads; the writer keeps it in memory. The temp file is
 * unlinked at once, so the test looks for it among the process's open files while the group's last part runs.
 */
class SavepointJournalTest {
    static final int CODES = 2000;
    static final int LINES = 8;

    @TempDir
    Path dir;
    CodeVault vault;
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (vault != null) {
            vault.close();
        }
    }

    /** SQLite's temp files ("etilqs_…") this process has open now. */
    private static List<String> openTempFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            List<String> found = new ArrayList<>();
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.contains("etilqs_")) {
                        found.add(target);
                    }
                } catch (IOException gone) {
                    // closed while listed
                }
            }
            return found;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGroupOfLinesWritingTheSamePagesKeepsItsSavepointsInMemory() throws Exception {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, CODES))))));
        vault.openJob(CodeVaultTest.JOB);
        List<CodeRecord> codes = vault.reserve(APP, "J1", CODES);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = WriterHold.hold(vault, pool, holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> lines = new ArrayList<>();
        for (int line = 0; line < LINES; line++) {
            // interleaved codes: every line's part changes the pages the parts before it changed
            List<Issue> issues = new ArrayList<>();
            for (int i = line; i < CODES; i += LINES) {
                issues.add(new Issue(APP, codes.get(i).index(), "J1", "item-" + i));
            }
            lines.add(CompletableFuture.runAsync(() -> vault.markSent(issues), pool));
            int queued = line + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == queued);
        }
        CompletableFuture<List<String>> lastPart = CompletableFuture.supplyAsync(
                () -> vault.inTransaction(c -> openTempFiles()), pool);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.writesQueued() == LINES + 1);
        long[] before = vault.commitCounts();

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : lines) {
            f.get(30, TimeUnit.SECONDS);
        }

        assertThat(lastPart.get(30, TimeUnit.SECONDS)).as("temp files open during the group's last part").isEmpty();
        assertThat(vault.commitCounts()[0] - before[0]).as("the holder's commit, then one for the group").isEqualTo(2);
        long sent = vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM code WHERE state = "
                    + CodeState.SENT.stored())) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(sent).isEqualTo(CODES);
    }
}
