package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.Function;

/**
 * Voiding an index range (a spoiled roll) in chunks of {@link Transitions#VOID_CHUNK} codes, each its own
 * transaction with its own audit event, so a line's commits go between them. Real SQLite file, 25,000 codes.
 */
class VoidRangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CODES = 25_000;

    @TempDir
    Path dir;
    CodeVault vault;
    /** Runs inside the vault's transaction each time a VOID_RANGE event is written (see {@link #onEachChunk}). */
    volatile Runnable chunkWritten = () -> { };

    @BeforeEach
    void open() {
        CodeVault.connectionHook = c -> {
            try {
                Function.create(c, "chunk_written", new Function() {
                    @Override
                    protected void xFunc() throws SQLException {
                        chunkWritten.run();
                        result(0);
                    }
                });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return c;
        };
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, CODES))))));
    }

    @AfterEach
    void close() {
        CodeVault.connectionHook = UnaryOperator.identity();
        vault.close();
    }

    private void onEachChunk(Runnable r) throws SQLException {
        chunkWritten = r;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + vault.file()); var st = c.createStatement()) {
            st.execute("CREATE TRIGGER void_chunk AFTER INSERT ON event WHEN new.kind = 'VOID_RANGE'"
                    + " BEGIN SELECT chunk_written(); END");
        }
    }

    private record Event(long seq, String kind, JsonNode body) {
    }

    private List<Event> events() {
        return vault.read(c -> {
            List<Event> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, json FROM event ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(new Event(rs.getLong(1), rs.getString(2), JSON.readTree(rs.getString(3))));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return out;
        });
    }

    private List<Event> voidEvents() {
        return events().stream().filter(e -> e.kind().equals("VOID_RANGE")).toList();
    }

    @Test
    void aLargeRangeIsVoidedInChunksWhoseEventsAccountForEveryCode() {
        vault.openJob(new JobSpec("J1", "line-1", APP, "SKU", "B", 10, "QR", "TRIGGERED", null));
        vault.reserve(APP, "J1", 5); // indexes 0..4 are not AVAILABLE: left alone, not counted
        long availableBefore = vault.available(APP);

        int voided = vault.voidAvailable(APP, 0, 24_499, "SPOILED_ROLL");

        assertThat(voided).isEqualTo(24_495);
        assertThat(vault.available(APP)).isEqualTo(availableBefore - voided);
        assertThat(vault.byIndex(APP, 24_499).orElseThrow().state()).isEqualTo(CodeState.VOIDED);
        assertThat(vault.byIndex(APP, 24_500).orElseThrow().state()).isEqualTo(CodeState.AVAILABLE);
        assertThat(vault.byIndex(APP, 4).orElseThrow().state()).isEqualTo(CodeState.RESERVED);
        List<Event> chunks = voidEvents();
        assertThat(chunks).hasSize(3);
        assertThat(chunks).allSatisfy(e -> {
            assertThat(e.body().get("voided").asInt()).isBetween(1, Transitions.VOID_CHUNK);
            assertThat(e.body().get("reason").asText()).isEqualTo("SPOILED_ROLL");
            assertThat(e.body().get("requested").toString()).isEqualTo("[0,24499]");
        });
        assertThat(chunks.stream().mapToInt(e -> e.body().get("voided").asInt()).sum()).isEqualTo(voided);
        assertThat(chunks.get(0).body().get("from").asLong()).isZero();
        for (int i = 1; i < chunks.size(); i++) { // contiguous, no overlap: together exactly the requested range
            assertThat(chunks.get(i).body().get("from").asLong())
                    .isEqualTo(chunks.get(i - 1).body().get("to").asLong() + 1);
        }
        assertThat(chunks.get(chunks.size() - 1).body().get("to").asLong()).isEqualTo(24_499);
    }

    @Test
    void aLineCommitQueuedWhileARangeIsVoidedGoesBetweenTheChunks() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        CompletableFuture<Void> lineCommit = new CompletableFuture<>();
        onEachChunk(() -> {
            if (first.getAndSet(false)) { // inside the first chunk's transaction: a line wants to commit now
                CompletableFuture.runAsync(() -> vault.inTransaction(c -> {
                    vault.appendEvent(c, "LINE_COMMIT", Map.of());
                    return null;
                })).whenComplete((v, e) -> lineCommit.complete(null));
                await().atMost(Duration.ofSeconds(10)).until(vault::writersWaiting);
            }
        });

        vault.voidAvailable(APP, 0, CODES - 1, "SPOILED_ROLL");
        lineCommit.get();

        List<String> order = events().stream().map(Event::kind)
                .filter(k -> k.equals("VOID_RANGE") || k.equals("LINE_COMMIT")).toList();
        assertThat(order).containsExactly("VOID_RANGE", "LINE_COMMIT", "VOID_RANGE", "VOID_RANGE");
    }

    @Test
    void aRangeWithNothingToVoidIsStillOnRecordOnce() {
        vault.voidAvailable(APP, 0, 99, "SPOILED_ROLL");

        assertThat(vault.voidAvailable(APP, 0, 99, "SPOILED_ROLL")).isZero();

        assertThat(voidEvents()).hasSize(2);
        assertThat(voidEvents().get(1).body().get("voided").asInt()).isZero();
    }
}
