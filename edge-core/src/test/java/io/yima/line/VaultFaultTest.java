package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeVault;
import io.yima.vault.VaultException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing vault on the line's path, on its own: the line is paused once with the vault's reason, a probe write
 * is retried with doubling backoff up to 5 s, and the fault clears (and the line is told) when a write succeeds.
 * The vault is a real file made to refuse the line's journal writes; the line's scheduler is played by a queue
 * the test runs by hand, recording each delay asked for.
 */
class VaultFaultTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LineEvents events;
    final List<LineEvent> heard = new ArrayList<>();
    final List<String> reactions = new ArrayList<>();
    final DeviceLink link = new DeviceLink("L1", Device.VAULT, DeviceState.ONLINE, null);
    final HandRunScheduler loop = new HandRunScheduler();
    VaultFault fault;

    /** Runs nothing by itself: scheduled tasks wait in a queue with the delay they asked for. */
    static final class HandRunScheduler extends ScheduledThreadPoolExecutor {
        final ArrayDeque<Runnable> due = new ArrayDeque<>();
        final List<Long> delays = new ArrayList<>();

        HandRunScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toMillis(delay));
            due.add(command);
            return null;
        }

        void runNext() {
            due.poll().run();
        }
    }

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("v.db"));
        events = new LineEvents("L1", vault);
        events.load();
        events.subscribe(heard::add);
        fault = new VaultFault("L1", link, events, loop);
        fault.reactions(new VaultFault.Reactions() {
            @Override
            public void faulted(Refusal reason, String detail) {
                reactions.add("faulted " + reason + " " + detail);
            }

            @Override
            public void cleared() {
                reactions.add("cleared");
            }
        });
    }

    @AfterEach
    void close() {
        loop.shutdownNow();
        vault.close();
    }

    /** SQLite refuses (or takes again) the line's journal rows, as a full disk would. */
    private void refuseJournal(boolean refuse) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + vault.file()); var st = c.createStatement()) {
            st.execute(refuse ? "CREATE TRIGGER full BEFORE INSERT ON line_event BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                    : "DROP TRIGGER full");
        }
    }

    private List<String> heardKinds() {
        return heard.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    @Test
    void aFailurePausesTheLineOnceAndProbesUntilAWriteSucceeds() throws Exception {
        refuseJournal(true);
        fault.failed(new VaultException("vault write failed: disk full"));
        assertThat(fault.active()).isTrue();
        assertThat(link.fault()).isEqualTo("vault write failed: disk full");
        assertThat(heardKinds()).containsExactly("DeviceFault");
        fault.failed(new VaultException("vault write failed: disk full"));
        // every failure refuses what waits; the fault is told once and one probe is pending
        assertThat(reactions).containsExactly("faulted VAULT vault write failed: disk full",
                "faulted VAULT vault write failed: disk full");
        assertThat(heardKinds()).containsExactly("DeviceFault");
        assertThat(loop.delays).containsExactly(100L);

        loop.runNext(); // the journal still refuses: the probe fails and is asked again, later
        assertThat(fault.active()).isTrue();
        assertThat(loop.delays).containsExactly(100L, 200L);

        refuseJournal(false);
        loop.runNext();
        assertThat(fault.active()).isFalse();
        assertThat(link.link()).isEqualTo(DeviceState.ONLINE);
        assertThat(reactions).endsWith("cleared");
        assertThat(heardKinds()).containsExactly("DeviceFault", "DeviceCleared");
        assertThat(loop.due).isEmpty();
    }

    @Test
    void theBackoffDoublesUpToFiveSecondsAndStartsAfreshAtTheNextFault() throws Exception {
        refuseJournal(true);
        fault.failed(new VaultException("disk full"));
        for (int i = 0; i < 8; i++) {
            loop.runNext();
        }
        assertThat(loop.delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        refuseJournal(false);
        loop.runNext();
        assertThat(fault.active()).isFalse();

        fault.failed(new VaultException("disk full again"));
        assertThat(loop.delays).endsWith(5000L, 100L);
    }

    @Test
    void aProbeDueAfterTheFaultWentAwayDoesNothing() {
        fault.failed(new VaultException("busy"));
        link.update(DeviceState.ONLINE, null, events); // cleared meanwhile by another path
        loop.runNext();
        assertThat(reactions).containsExactly("faulted VAULT busy");
        assertThat(loop.due).isEmpty();
    }

    @Test
    void theReasonIsSqlitesWordsCutForAPlcFrame() {
        assertThat(VaultFault.reason(new VaultException("x".repeat(160)))).hasSize(160);
        assertThat(VaultFault.reason(new VaultException("y".repeat(161)))).isEqualTo("y".repeat(160));
        assertThat(VaultFault.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(VaultFault.isVault(new VaultException("v"))).isTrue();
        assertThat(VaultFault.isVault(new IllegalStateException("v"))).isFalse();
    }
}
