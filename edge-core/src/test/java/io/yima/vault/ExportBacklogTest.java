package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.ProgressHandler;

/**
 * The MQTT export reads its backlog once a second on the vault's shared read connection, so the figure must cost
 * the same whatever the backlog: a few index seeks, never a count over the waiting rows (at 10 million waiting
 * events the count held the reader, and the line's reads behind it, for hundreds of milliseconds). Work is
 * measured in SQLite virtual-machine steps (a progress handler on the vault's connections), not in time. And the
 * figure stays exact through inserts, acknowledgements, pruning, expiry and a restart on a real SQLite file.
 */
class ExportBacklogTest {
    private static final int STEPS_PER_CALLBACK = 100;
    @TempDir
    Path dir;
    private final AtomicLong callbacks = new AtomicLong();

    @AfterEach
    void unhook() {
        CodeVault.connectionHook = java.util.function.UnaryOperator.identity();
    }

    @Test
    void theBacklogFigureCostsTheSameForTwentyWaitingEventsAsForFiftyThousand() {
        CodeVault.connectionHook = this::counting;
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            ExportOutbox outbox = new ExportOutbox(vault);
            outbox.enable(true);
            rawEvents(vault, 20);
            long small = stepsOf(() -> assertThat(outbox.backlog("mqtt").events()).isEqualTo(20));
            rawEvents(vault, 50_000);
            long large = stepsOf(() -> assertThat(outbox.backlog("mqtt").events()).isEqualTo(50_020));
            // a count over 50,000 rows takes several steps per row: hundreds of thousands of steps, thousands of
            // callbacks; two index seeks take a few dozen steps whatever the size
            assertThat(large).as("progress callbacks (every %d VM steps) for a backlog of 50,020", STEPS_PER_CALLBACK)
                    .isLessThanOrEqualTo(small + 2);
        }
    }

    @Test
    void theBacklogStaysExactThroughInsertAcknowledgePruneExpireAndRestart() throws Exception {
        Path file = dir.resolve("vault.db");
        try (CodeVault vault = CodeVault.open(file)) {
            new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                    TestPackages.base64(TestPackages.text(TestPackages.lines(0, 200))))));
            ExportOutbox outbox = new ExportOutbox(vault);
            outbox.enable(true);
            vault.openJob(new JobSpec("J1", "line-1", APP, "SKU-1", "B7", 100, "QR", "TRIGGERED", null));
            vault.reserve(APP, "J1", 100);
            for (int i = 0; i < 100; i += 10) {
                List<Issue> issues = new java.util.ArrayList<>();
                for (int k = i; k < i + 10; k++) {
                    issues.add(new Issue(APP, k, "J1", "i" + k));
                }
                vault.markSent(issues);
            }
            assertExact(file, outbox, 101);
            List<ExportOutbox.Record> rows = outbox.after(0, 1000);
            outbox.acknowledge("mqtt", rows.get(40).seq());
            assertExact(file, outbox, 60);
            assertThat(outbox.backlog("mqtt").oldestSeq()).isEqualTo(rows.get(41).seq());
            assertThat(outbox.backlog("mqtt").oldestTs()).isEqualTo(rows.get(41).ts());
            assertThat(outbox.prune("mqtt", Long.MAX_VALUE, 7)).as("every acknowledged row, in batches of 7").isEqualTo(41);
            assertExact(file, outbox, 60);
            vault.bind(List.of(new Binding(APP, 0, "J1", "i0")));
            assertExact(file, outbox, 61);
        }
        try (CodeVault vault = CodeVault.open(file)) {
            ExportOutbox outbox = new ExportOutbox(vault);
            assertExact(file, outbox, 61);
            // export off: rows past the retention go, acknowledged or not, and the cursor moves past them
            assertThat(outbox.expire("mqtt", Long.MAX_VALUE, 25)).isEqualTo(61);
            assertExact(file, outbox, 0);
            vault.bind(List.of(new Binding(APP, 1, "J1", "i1")));
            assertExact(file, outbox, 1);
            outbox.acknowledge("mqtt", outbox.after(0, 10).get(0).seq());
            assertExact(file, outbox, 0);
            assertThat(outbox.backlog("mqtt")).isEqualTo(new ExportOutbox.Backlog(0, 0, 0));
        }
    }

    @Test
    void pruningAndExpiryKeepWhatIsYoungerThanTheCutOff() {
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            ExportOutbox outbox = new ExportOutbox(vault);
            outbox.enable(true);
            rawEvents(vault, 10); // ts = 1 .. 10
            outbox.acknowledge("mqtt", 8);
            assertThat(outbox.prune("mqtt", 5, 3)).as("acknowledged and older than ts 5").isEqualTo(4);
            assertThat(outbox.after(0, 100)).extracting(ExportOutbox.Record::seq).startsWith(5L);
            assertThat(outbox.expire("mqtt", 10, 3)).as("older than ts 10, acknowledged or not").isEqualTo(5);
            assertThat(outbox.cursor("mqtt")).isEqualTo(9);
            assertThat(outbox.backlog("mqtt").events()).isEqualTo(1);
        }
    }

    private void assertExact(Path file, ExportOutbox outbox, long expected) throws SQLException {
        long counted;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM export_outbox WHERE seq >"
                     + " coalesce((SELECT seq FROM export_cursor WHERE name = 'mqtt'), 0)")) {
            rs.next();
            counted = rs.getLong(1);
        }
        assertThat(counted).as("rows above the cursor, counted").isEqualTo(expected);
        assertThat(outbox.backlog("mqtt").events()).as("the backlog figure").isEqualTo(expected);
    }

    /** Outbox rows as the triggers write them (a device fault each), {@code n} in one transaction, ts 1, 2, 3 … */
    private static void rawEvents(CodeVault vault, int n) {
        vault.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO export_outbox(line, kind, detail, ts)"
                    + " VALUES ('line-1', 'DEVICE_FAULT', '{}', coalesce((SELECT max(seq) FROM export_outbox), 0) + 1)")) {
                for (int i = 0; i < n; i++) {
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private long stepsOf(Runnable r) {
        long before = callbacks.get();
        r.run();
        return callbacks.get() - before;
    }

    private Connection counting(Connection c) {
        try {
            ProgressHandler.setHandler(c, STEPS_PER_CALLBACK, new ProgressHandler() {
                @Override
                protected int progress() {
                    callbacks.incrementAndGet();
                    return 0;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return c;
    }
}
