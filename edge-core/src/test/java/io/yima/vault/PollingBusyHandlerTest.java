package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for another connection's write lock: a writer blocked by another connection goes on as soon as the lock
 * is free, and one blocked for longer than its timeout fails with SQLite's busy error instead of waiting on.
 */
class PollingBusyHandlerTest {
    @TempDir
    Path dir;
    Connection holder;
    final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() throws SQLException {
        holder = connect();
        exec(holder, "PRAGMA journal_mode=WAL");
        exec(holder, "CREATE TABLE t(x)");
    }

    @AfterEach
    void close() throws SQLException {
        pool.shutdownNow();
        holder.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long rows(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aBlockedWriterGoesOnOnceTheOtherConnectionCommits() throws Exception {
        exec(holder, "BEGIN IMMEDIATE");
        exec(holder, "INSERT INTO t VALUES (1)");
        Thread[] writerThread = new Thread[1];
        Future<Long> write = pool.submit(() -> {
            writerThread[0] = Thread.currentThread();
            try (Connection c = connect()) {
                PollingBusyHandler.install(c, 30_000);
                exec(c, "BEGIN IMMEDIATE");
                exec(c, "INSERT INTO t VALUES (2)");
                exec(c, "COMMIT");
                return rows(c);
            }
        });
        // the writer is polling for the lock, not done and not failed
        await().atMost(Duration.ofSeconds(20)).until(() -> writerThread[0] != null
                && Arrays.stream(writerThread[0].getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(PollingBusyHandler.class.getName())));
        assertThat(write).isNotDone();
        exec(holder, "COMMIT");
        assertThat(write.get(20, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aWriterBlockedLongerThanItsTimeoutFailsBusyAfterWaitingItOut() throws Exception {
        exec(holder, "BEGIN IMMEDIATE");
        try (Connection c = connect()) {
            PollingBusyHandler.install(c, 200);
            for (int attempt = 0; attempt < 2; attempt++) { // the handler starts its clock again for each wait
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> exec(c, "BEGIN IMMEDIATE")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("SQLITE_BUSY");
                assertThat(System.nanoTime() - t0).as("waited out the timeout")
                        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            }
        } finally {
            exec(holder, "ROLLBACK");
        }
    }
}
