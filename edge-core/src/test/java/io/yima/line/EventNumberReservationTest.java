package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line's event numbers are handed out below a block reserved in the vault (10 000 ahead, extended when half is
 * used), so after a crash — nothing written since the last commit — the numbering continues above everything that
 * may have been told to a peer; after a clean close it continues without a jump. Real vault file, "crash" = the
 * line's events dropped without {@code close()}.
 */
class EventNumberReservationTest {
    @TempDir
    Path dir;

    private static LineEvents started(CodeVault vault) {
        LineEvents events = new LineEvents("L1", vault);
        events.load();
        events.job("J1");
        return events;
    }

    /** The first number a line started on this vault hands out. */
    private long firstAfterRestart() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            return started(vault).emit(n -> new LineEvent.DeviceCleared(n, Device.SCANNER)).number();
        }
    }

    private static void commitEvents(LineEvents events, int n) {
        events.transaction((c, em) -> {
            for (int i = 0; i < n; i++) {
                em.emit(x -> new LineEvent.ItemBound(x, "item", "C", 1));
            }
            return null;
        });
    }

    @Test
    void usingHalfTheBlockKeepsTheReservationAndACrashJumpsToItsEnd() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            commitEvents(started(vault), 5000);
        }
        assertThat(firstAfterRestart()).isEqualTo(10_001);
    }

    @Test
    void usingMoreThanHalfExtendsTheReservationInTheSameCommit() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            commitEvents(started(vault), 5001);
        }
        assertThat(firstAfterRestart()).isEqualTo(15_002);
    }

    @Test
    void eventsPublishedPastTheReservationReserveMoreBeforeTheyAreNumbered() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = started(vault);
            for (int i = 0; i < 10_001; i++) {
                events.emit(n -> new LineEvent.LabelPrinted(n, "item", new CodeRef(1, 2), 3));
            }
            assertThat(events.last()).isEqualTo(10_001);
        }
        // the 10 001st was told to the listeners: no number up to it may come back after the crash
        assertThat(firstAfterRestart()).isGreaterThan(10_001);
    }

    @Test
    void aCleanCloseGivesBackTheUnusedReservation() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = started(vault);
            commitEvents(events, 3);
            events.emit(n -> new LineEvent.DeviceCleared(n, Device.PRINTER));
            events.close();
        }
        assertThat(firstAfterRestart()).isEqualTo(5);
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = started(vault);
            // 1-3 committed, 4 written by the close; 5 was only published by a line that then crashed
            assertThat(events.since(0)).extracting(LineEvent::number).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aListenerThatFailsDoesNotKeepTheEventFromTheOthers() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = started(vault);
            List<Long> heard = new ArrayList<>();
            events.subscribe(e -> {
                throw new IllegalStateException("a broken adapter");
            });
            events.subscribe(e -> heard.add(e.number()));
            events.emit(n -> new LineEvent.DeviceCleared(n, Device.PRINTER));
            commitEvents(events, 1);
            events.note(n -> new LineEvent.CodesReserved(n, 8));
            assertThat(heard).containsExactly(1L, 2L, 2L);
        }
    }
}
