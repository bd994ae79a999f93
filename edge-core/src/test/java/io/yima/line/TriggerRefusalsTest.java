package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the PLC is told when a trigger cannot get a label, and that a refused trigger touches no code: the wrong
 * mode, an item already queued, the job's good items all accounted for, too many labels awaiting their read, a
 * paused line versus a failed vault. Real vault, the line's parts as {@link LineRig} wires them.
 */
class TriggerRefusalsTest {
    @TempDir
    Path dir;
    LineRig rig;

    @AfterEach
    void close() {
        rig.vault.close();
    }

    private LineRig started(LineMode mode, int quantity) {
        // a trigger deadline of an hour: on a loaded machine a label may take longer than 500 ms, and staleness is
        // not what these tests are about (PrintSyncTest)
        io.yima.config.LineConfig base = LineRig.config(mode, Duration.ofHours(1));
        rig = new LineRig(LineRig.vault(dir), new io.yima.config.LineConfig(base.id(), base.application(), base.mode(),
                base.printer(), null, null, new io.yima.config.LineConfig.Plc(null, 0, null, null, null, null, null,
                Duration.ofHours(1)), base.verify(), base.stream(), null));
        rig.lifecycle.start(LineRig.order("J1", quantity));
        rig.runLineThread();
        return rig;
    }

    private CompletableFuture<ItemIssued> queue(String item) {
        CompletableFuture<ItemIssued> reply = new CompletableFuture<>();
        rig.dispatcher.trigger(item, System.nanoTime(), reply);
        return reply;
    }

    private static Refusal refusal(Runnable r) {
        try {
            r.run();
        } catch (LineRefusal e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    /** Codes committed SENT (labels issued, no read yet). */
    private long sent() {
        long n = 0;
        for (long i = 0; i < LineRig.CODES; i++) {
            CodeState s = rig.state(i);
            if (s == CodeState.SENT) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aLineThatMakesItsOwnItemsRefusesPlcTriggersNamingItsMode() {
        started(LineMode.STREAM, 5);
        assertThatThrownBy(() -> queue("item-1")).isInstanceOfSatisfying(LineRefusal.class, e -> {
            assertThat(e.reason()).isEqualTo(Refusal.WRONG_MODE);
            assertThat(e.detail()).isEqualTo("STREAM");
        });
    }

    @Test
    void anItemAlreadyWaitingForItsLabelIsRefusedBusyAndGetsOneLabel() {
        started(LineMode.TRIGGERED, 5);
        CompletableFuture<ItemIssued> first = queue("item-1");
        assertThatThrownBy(() -> queue("item-1")).isInstanceOfSatisfying(LineRefusal.class, e -> {
            assertThat(e.reason()).isEqualTo(Refusal.BUSY);
            assertThat(e.detail()).isEqualTo("item item-1 is queued already");
        });
        rig.runLineThread();
        assertThat(first.join().repeat()).isFalse();
        assertThat(rig.printer.count()).isEqualTo(1);
    }

    @Test
    void aTriggerRepeatedAfterItsLabelGetsTheSameCodeAndNoSecondLabel() {
        started(LineMode.TRIGGERED, 5);
        long index = rig.print("item-1").index();
        CompletableFuture<ItemIssued> again = queue("item-1");
        assertThat(again).isCompleted();
        assertThat(again.join()).isEqualTo(new ItemIssued("item-1", index, true));
        rig.runLineThread();
        assertThat(rig.printer.count()).isEqualTo(1);
    }

    @Test
    void onceTheJobsGoodItemsAreAllPrintedOrQueuedFurtherTriggersAreRefused() {
        started(LineMode.TRIGGERED, 3);
        rig.print("item-1");
        rig.print("item-2");
        CompletableFuture<ItemIssued> third = queue("item-3"); // 2 awaiting their read + 1 queued = 3
        assertThatThrownBy(() -> queue("item-4")).isInstanceOfSatisfying(LineRefusal.class, e -> {
            assertThat(e.reason()).isEqualTo(Refusal.QUANTITY_REACHED);
            assertThat(e.detail()).isEqualTo("3");
        });
        rig.runLineThread();
        assertThat(third).isCompleted();
        assertThat(sent()).isEqualTo(3);
    }

    @Test
    void boundItemsAndLabelsAwaitingTheirReadBothCountTowardsTheJobsGoodItems() {
        started(LineMode.TRIGGERED, 2);
        rig.station.scanned(rig.print("item-1").url());
        rig.print("item-2");
        // one bound and one awaiting: the job's two good items are accounted for
        assertThat(refusal(() -> queue("item-3"))).isEqualTo(Refusal.QUANTITY_REACHED);
    }

    @Test
    void noMoreLabelsThanTheVerifierMayHaveInFlightAwaitTheirRead() {
        started(LineMode.TRIGGERED, 20);
        for (int i = 1; i <= 7; i++) {
            rig.print("item-" + i);
        }
        CompletableFuture<ItemIssued> eighth = queue("item-8"); // 7 awaiting + 1 queued = the limit of 8
        LineRefusal busy = org.junit.jupiter.api.Assertions.assertThrows(LineRefusal.class, () -> queue("item-9"));
        assertThat(busy.reason()).isEqualTo(Refusal.BUSY);
        assertThat(busy.detail()).isNull();
        rig.runLineThread();
        assertThat(eighth).isCompleted();
        assertThat(rig.printer.count()).isEqualTo(8);
        // a read settles one label: room for one more
        rig.station.scanned(rig.code(0).url());
        assertThat(queue("item-9")).isNotCompletedExceptionally();
    }

    @Test
    void aPausedLineAndAFailedVaultAreToldApart() {
        started(LineMode.TRIGGERED, 5);
        rig.health.manualPause(true);
        assertThatThrownBy(() -> queue("item-1")).isInstanceOfSatisfying(LineRefusal.class, e -> {
            assertThat(e.reason()).isEqualTo(Refusal.PAUSED);
            assertThat(e.detail()).isEqualTo("paused by technician");
        });
        rig.health.vault.update(DeviceState.FAULT, "disk full", rig.lineEvents);
        assertThatThrownBy(() -> queue("item-1")).isInstanceOfSatisfying(LineRefusal.class, e -> {
            assertThat(e.reason()).isEqualTo(Refusal.VAULT);
            assertThat(e.detail()).isEqualTo("vault: disk full");
        });
        rig.runLineThread();
        assertThat(rig.printer.count()).isZero();
        assertThat(sent()).isZero();
    }
}
