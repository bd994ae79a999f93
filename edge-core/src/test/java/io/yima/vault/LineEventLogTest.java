package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines' numbered events in the vault on their own: rows written in the caller's transaction, read back per line
 * and job above a number, and the highest number a line may have handed out (its rows or its reservation).
 */
class LineEventLogTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LineEventLog log;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        log = new LineEventLog(vault);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static LineEventLog.Row row(long n, String job, String kind) {
        return new LineEventLog.Row(n, job, kind, "{\"n\":" + n + "}", 1_000 + n);
    }

    private void append(String line, List<LineEventLog.Row> rows) {
        vault.inTransaction(c -> {
            LineEventLog.append(c, line, rows);
            return null;
        });
    }

    private void reserve(String line, long to) {
        vault.inTransaction(c -> {
            LineEventLog.reserve(c, line, to);
            return null;
        });
    }

    @Test
    void aLineWithNothingWrittenHasHandedOutNothing() {
        assertThat(log.highestIssued("L1")).isZero();
        assertThat(log.since("L1", "J1", 0)).isEmpty();
        append("L1", List.of());
        assertThat(log.highestIssued("L1")).isZero();
    }

    @Test
    void rowsComeBackWholeInNumberOrderPerLineAndJobAboveTheNumberGiven() {
        append("L1", List.of(row(3, "J1", "LabelSent"), row(1, "J1", "JobOpened"), row(2, "J2", "JobOpened")));
        append("L2", List.of(row(4, "J1", "LabelSent")));
        append("L1", List.of(row(5, "J1", "JobClosed")));

        assertThat(log.since("L1", "J1", 0)).containsExactly(
                new LineEventLog.Row(1, "J1", "JobOpened", "{\"n\":1}", 1_001),
                new LineEventLog.Row(3, "J1", "LabelSent", "{\"n\":3}", 1_003),
                new LineEventLog.Row(5, "J1", "JobClosed", "{\"n\":5}", 1_005));
        assertThat(log.since("L1", "J1", 3)).extracting(LineEventLog.Row::number).containsExactly(5L);
        assertThat(log.since("L1", "J1", 5)).isEmpty();
        assertThat(log.since("L1", "J2", 0)).extracting(LineEventLog.Row::number).containsExactly(2L);
        assertThat(log.since("L2", "J1", 0)).extracting(LineEventLog.Row::number).containsExactly(4L);
        assertThat(log.highestIssued("L1")).isEqualTo(5);
        assertThat(log.highestIssued("L2")).isEqualTo(4);
    }

    @Test
    void theReservationCountsWhenItIsAboveTheRowsAndTheRowsWhenTheyAreAbove() {
        append("L1", List.of(row(7, "J1", "LabelSent")));
        reserve("L1", 100);
        assertThat(log.highestIssued("L1")).isEqualTo(100);
        // a later reservation replaces the earlier one (one row per line)
        reserve("L1", 3);
        assertThat(log.highestIssued("L1")).isEqualTo(7);
        reserve("L2", 40);
        assertThat(log.highestIssued("L2")).isEqualTo(40);
        assertThat(log.highestIssued("L1")).isEqualTo(7);
        int blocks = vault.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM line_event_block")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(blocks).isEqualTo(2);
    }

    @Test
    void rowsOfARolledBackTransactionAreNotThere() {
        // the change the event reports fails: its event goes with it
        assertThatThrownBy(() -> vault.inTransaction(c -> {
            LineEventLog.append(c, "L1", List.of(row(1, "J1", "LabelSent")));
            LineEventLog.reserve(c, "L1", 50);
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(log.since("L1", "J1", 0)).isEmpty();
        assertThat(log.highestIssued("L1")).isZero();
    }

    @Test
    void theHighestNumberIsReadInsideTheCallersTransactionToo() {
        append("L1", List.of(row(9, "J1", "LabelSent")));
        long inside = vault.inTransaction(c -> {
            LineEventLog.append(c, "L1", List.of(row(12, "J1", "LabelSent")));
            return LineEventLog.highestIssued(c, "L1");
        });
        assertThat(inside).isEqualTo(12);
    }
}
