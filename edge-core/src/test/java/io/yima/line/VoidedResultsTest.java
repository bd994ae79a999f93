package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.RecoveryReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every issued item gets a result: items whose labels were on their way when the edge died (or whose results
 * waited out a vault fault in memory) are voided by start-up recovery, and each gets REJECT VOIDED in its line's
 * journal in the same transaction, replayed to the PLC after the restart like any result. The "crash" leaves the
 * vault file exactly as a kill would: the line's parts are dropped without any shutdown, the connections closed.
 */
class VoidedResultsTest {
    @TempDir
    Path dir;
    CodeVault vault;
    ProductionLine line;

    @AfterEach
    void close() {
        if (line != null) {
            line.shutdown();
        }
        if (vault != null) {
            vault.close();
        }
    }

    /** The vault after a crash, recovered as the daemon recovers it, and the line started on it. */
    private RecoveryReport restart(CodeVault crashed) {
        crashed.close();
        vault = CodeVault.open(dir.resolve("vault.db"));
        RecoveryReport report = vault.recover(new RecoveredResults());
        line = new ProductionLine(LineRig.config(LineMode.TRIGGERED, Duration.ofHours(1)), vault, 8);
        line.start(new LineRig.RecordingOutput());
        return report;
    }

    /** What the PLC that had seen events up to {@code lastSeen} is replayed after it reconnects. */
    private List<LineEvent> replayAfter(long lastSeen) throws InterruptedException {
        List<LineEvent> replayed = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        line.replay(lastSeen, replayed::add, done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        return replayed;
    }

    private static List<String> results(List<LineEvent> events) {
        List<String> out = new ArrayList<>();
        for (LineEvent e : events) {
            if (e instanceof LineEvent.ItemBound b) {
                out.add(b.itemId() + " OK");
            } else if (e instanceof LineEvent.ItemRejected r) {
                out.add(r.itemId() + " " + r.reason());
            }
        }
        return out;
    }

    @Test
    void itemsWhoseLabelsWereOnTheirWayAtACrashAreRejectedVoidedAndReplayedToThePlc() throws Exception {
        CodeVault before = LineRig.vault(dir);
        LineRig rig = new LineRig(before, LineMode.TRIGGERED, Duration.ofHours(1));
        rig.lifecycle.start(LineRig.order("J1", 10));
        List<CodeRecord> codes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            codes.add(rig.print("item-" + i));
        }
        rig.station.scanned(codes.get(0).url());
        rig.station.scanned(codes.get(1).url());
        long plcSaw = rig.heard(LineEvent.ItemBound.class).get(1).number();

        RecoveryReport report = restart(before); // killed: items 3..5 were printed, never read

        assertThat(report.voided()).isEqualTo(3);
        List<LineEvent> replayed = replayAfter(plcSaw);
        assertThat(results(replayed)).containsExactly("item-3 VOIDED", "item-4 VOIDED", "item-5 VOIDED");
        assertThat(replayed).extracting(LineEvent::number).isSorted().allMatch(n -> n > plcSaw)
                .allMatch(n -> n <= line.lastEventNumber());
        for (int i = 2; i < 5; i++) {
            assertThat(vault.byIndex(codes.get(i).applicationId(), codes.get(i).index()).orElseThrow().state())
                    .isEqualTo(CodeState.VOIDED);
        }
        assertThat(line.currentJobId()).as("the job resumes").isEqualTo("J1");
    }

    @Test
    void resultsThatWaitedOutAVaultFaultWhenTheEdgeDiedAreReplayedAsVoided() throws Exception {
        CodeVault before = LineRig.vault(dir);
        LineRig rig = new LineRig(before, LineMode.TRIGGERED, Duration.ofHours(1));
        rig.lifecycle.start(LineRig.order("J1", 10));
        List<CodeRecord> codes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            codes.add(rig.print("item-" + i));
        }
        rig.station.scanned(codes.get(0).url());
        long plcSaw = rig.heard(LineEvent.ItemBound.class).get(0).number();
        LineRig.failWrites(before, true); // disk full: the next reads' binds wait in memory
        rig.health.vault.update(DeviceState.FAULT, "disk full", rig.lineEvents);
        for (int i = 1; i < 4; i++) {
            rig.station.scanned(codes.get(i).url());
        }
        assertThat(rig.results.waiting()).isEqualTo(3);
        LineRig.failWrites(before, false); // the disk is freed, but the edge is killed before the results commit

        restart(before);

        assertThat(results(replayAfter(plcSaw))).containsExactly("item-2 VOIDED", "item-3 VOIDED", "item-4 VOIDED");
    }

    @Test
    void theLineNumbersItsNextEventsAboveTheRecoveredResults() throws Exception {
        CodeVault before = LineRig.vault(dir);
        LineRig rig = new LineRig(before, LineMode.TRIGGERED, Duration.ofHours(1));
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.print("item-1");

        restart(before);
        long voided = replayAfter(0).stream().filter(e -> e instanceof LineEvent.ItemRejected)
                .mapToLong(LineEvent::number).max().orElseThrow();
        List<LineEvent> heard = new CopyOnWriteArrayList<>();
        line.subscribe(heard::add);
        line.printerState(DeviceState.ONLINE, null);
        line.print("item-2").toCompletableFuture().get(10, TimeUnit.SECONDS);
        // The reply comes as the label is handed over; LabelPrinted only once the printer link took its bytes.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> heard.stream().anyMatch(e -> e instanceof LineEvent.LabelPrinted));

        assertThat(heard).filteredOn(e -> e instanceof LineEvent.LabelPrinted).singleElement()
                .satisfies(e -> assertThat(e.number()).isGreaterThan(voided));
    }

    @Test
    void aCleanRestartAddsNoResults() throws Exception {
        CodeVault before = LineRig.vault(dir);
        LineRig rig = new LineRig(before, LineMode.TRIGGERED, Duration.ofHours(1));
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.station.scanned(rig.print("item-1").url());

        restart(before);

        assertThat(results(replayAfter(0))).containsExactly("item-1 OK");
    }
}
