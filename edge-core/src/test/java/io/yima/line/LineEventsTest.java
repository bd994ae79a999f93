package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line's event owner against a real vault file: numbering, persistence, replay, restarts. */
class LineEventsTest {
    @TempDir
    Path dir;

    /** A line's events as at start (numbering loaded from the vault), heard by {@code heard}. */
    private static LineEvents started(CodeVault vault, List<LineEvent> heard) {
        LineEvents events = new LineEvents("L1", vault);
        events.load();
        events.subscribe(heard::add);
        return events;
    }

    @Test
    void aClosedSubscriptionIsNeverCalledAgain() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            List<LineEvent> stays = new ArrayList<>();
            LineEvents events = started(vault, stays);
            List<LineEvent> leaves = new ArrayList<>();
            LineListener listener = leaves::add;
            Subscription first = events.subscribe(listener);
            Subscription second = events.subscribe(listener); // the same listener twice: two places
            events.emit(n -> new LineEvent.DeviceFault(n, Device.PRINTER, "head open"));
            assertThat(leaves).hasSize(2);

            first.close();
            events.emit(n -> new LineEvent.DeviceCleared(n, Device.PRINTER));
            assertThat(leaves).hasSize(3);
            second.close();
            second.close(); // twice: nothing more happens
            events.emit(n -> new LineEvent.DeviceFault(n, Device.SCANNER, "no answer"));
            assertThat(leaves).hasSize(3);
            assertThat(stays).extracting(LineEvent::number).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void eventsAreNumberedPublishedAndReplayedForTheOpenJobOnly() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            List<LineEvent> heard = new ArrayList<>();
            LineEvents events = started(vault, heard);

            events.job("J1");
            events.transaction((c, em) -> em.emit(n -> new LineEvent.ItemRejected(n, "item-1", RejectReason.NO_READ, 1)));
            events.emit(n -> new LineEvent.LabelPrinted(n, "item-2", new CodeRef(1, 2), 3));
            events.emit(n -> new LineEvent.DeviceFault(n, Device.PRINTER, "head open"));

            assertThat(heard).extracting(LineEvent::number).containsExactly(1L, 2L, 3L);
            assertThat(events.since(1)).containsExactly(heard.get(1), heard.get(2));
            assertThat(events.since(0)).hasSize(3);

            events.job("J2");
            assertThat(events.since(0)).as("another job's events are not replayed").isEmpty();
            events.job(null);
            assertThat(events.since(0)).as("between jobs nothing is replayed").isEmpty();
        }
    }

    @Test
    void aStoredClosingAccountReplaysWholeAndOneWrittenBeforeTheAccountHadReasonsStillReads() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = started(vault, new ArrayList<>());
            events.job("J1");
            JobAccount full = new JobAccount("J1", 9, 5, 2, 2, 0, java.util.Map.of("NO_READ", 2L),
                    java.util.Map.of("PRINTER_FAULT", 1L, "JOB_CLOSED", 1L), 3, 0);
            events.transaction((c, em) -> em.emit(n -> new LineEvent.JobClosed(n, full)));
            // a row as an edge before issue 20 wrote it: the account had five fields
            vault.inTransaction(c -> {
                io.yima.vault.LineEventLog.append(c, "L1", List.of(new io.yima.vault.LineEventLog.Row(2, "J1",
                        "JobClosed", "{\"number\":2,\"account\":{\"jobId\":\"J1\",\"printed\":4,\"bound\":3,"
                        + "\"rejected\":1,\"voided\":0}}", System.currentTimeMillis())));
                return null;
            });
            assertThat(events.since(0)).containsExactly(new LineEvent.JobClosed(1, full),
                    new LineEvent.JobClosed(2, new JobAccount("J1", 4, 3, 1, 0)));
        }
    }

    @Test
    void afterARestartNumbersContinueAboveEverythingHandedOutAndStoredEventsReplay() {
        long last;
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = new LineEvents("L1", vault);
            events.load();
            events.job("J1");
            events.transaction((c, em) -> em.emit(n -> new LineEvent.ItemBound(n, "item-1", "0436Z31$0", 1)));
            // published but never written: a crash now loses the row, and its number must still never come back
            events.emit(n -> new LineEvent.LabelPrinted(n, "item-2", new CodeRef(1, 2), 3));
            last = events.last();
        }
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = new LineEvents("L1", vault);
            events.load();
            assertThat(events.last()).isGreaterThanOrEqualTo(last);
            events.job("J1");
            assertThat(events.since(0)).containsExactly(new LineEvent.ItemBound(1, "item-1", "0436Z31$0", 1));
            LineEvent next = events.emit(n -> new LineEvent.DeviceCleared(n, Device.SCANNER));
            assertThat(next.number()).isGreaterThan(last);
        }
    }

    @Test
    void aFailedTransactionPublishesNothingAndItsNumbersAreUsedAgain() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            List<LineEvent> heard = new ArrayList<>();
            LineEvents events = started(vault, heard);
            events.job("J1");
            try {
                events.transaction((c, em) -> {
                    em.emit(n -> new LineEvent.ItemBound(n, "item-1", "X", 1));
                    throw new java.sql.SQLException("disk I/O error");
                });
            } catch (RuntimeException expected) {
                // the vault refused
            }
            assertThat(heard).isEmpty();
            events.transaction((c, em) -> em.emit(n -> new LineEvent.ItemBound(n, "item-1", "X", 1)));
            assertThat(heard).extracting(LineEvent::number).containsExactly(1L);
            assertThat(events.since(0)).hasSize(1);
        }
    }
}
