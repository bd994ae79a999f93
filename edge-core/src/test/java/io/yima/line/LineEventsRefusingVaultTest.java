package io.yima.line;

import static io.yima.line.LineEventsFixture.openJob;
import static io.yima.line.LineEventsFixture.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line's event owner while the vault refuses writes, against a real vault file whose tables refuse inserts
 * (an SQLite trigger, as a full disk would): a flush says it failed, a replay has only the events still in
 * memory (of the open job), the probe fails until the vault takes writes again, and then everything is written.
 */
class LineEventsRefusingVaultTest {
    @TempDir
    Path dir;

    private static LineEvent printed(LineEvents events, String item) {
        return events.emit(n -> new LineEvent.LabelPrinted(n, item, new CodeRef(1, 2), 3));
    }

    private static void refuse(CodeVault vault, String table, boolean refuse) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + vault.file()); var st = c.createStatement()) {
            if (refuse) {
                st.execute("CREATE TRIGGER refuse_insert_" + table + " BEFORE INSERT ON " + table
                        + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
                st.execute("CREATE TRIGGER refuse_update_" + table + " BEFORE UPDATE ON " + table
                        + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
            } else {
                st.execute("DROP TRIGGER refuse_insert_" + table);
                st.execute("DROP TRIGGER refuse_update_" + table);
            }
        }
    }

    @Test
    void whileTheVaultRefusesAReplayHasOnlyTheOpenJobsEventsStillInMemory() throws Exception {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            openJob(vault, "J1");
            openJob(vault, "J2");
            LineEvents events = started(vault);
            events.job("J1");
            LineEvent first = printed(events, "item-1");
            assertThat(events.flush()).isTrue();

            refuse(vault, "line_event", true);
            LineEvent second = printed(events, "item-2");
            LineEvent third = printed(events, "item-3");
            events.job("J2");
            LineEvent otherJob = printed(events, "item-4");
            events.job("J1");

            assertThat(events.flush()).as("the vault refused").isFalse();
            assertThat(events.since(0)).containsExactly(second, third);
            assertThat(events.since(second.number())).containsExactly(third);
            assertThat(events.since(third.number())).isEmpty();

            refuse(vault, "line_event", false);
            assertThat(events.flush()).isTrue();
            assertThat(events.since(0)).containsExactly(first, second, third);
            events.job("J2");
            assertThat(events.since(0)).containsExactly(otherJob);
        }
    }

    @Test
    void theProbeFailsUntilTheVaultTakesWritesAgain() throws Exception {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = started(vault);
            events.probe();

            refuse(vault, "line_event_block", true);
            assertThatThrownBy(events::probe).isInstanceOf(RuntimeException.class);

            refuse(vault, "line_event_block", false);
            events.probe();
            assertThat(events.flush()).as("nothing unwritten").isTrue();
        }
    }
}
