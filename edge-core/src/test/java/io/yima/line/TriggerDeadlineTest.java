package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PLC trigger held back (the printer takes no bytes) against {@code plc.trigger_deadline} on its own, with the
 * ticker's clock passed in: refused STALE only once it has waited longer than the deadline, told how long it
 * waited, counted in the job's account and, with the ticker's write, in the vault. Real vault file, the line's
 * thread run by hand ({@link LineRig}).
 */
class TriggerDeadlineTest {
    private static final long DEADLINE = Duration.ofMillis(500).toNanos();

    @TempDir
    Path dir;
    CodeVault vault;
    LineRig rig;

    @AfterEach
    void close() {
        if (vault != null) {
            vault.close();
        }
    }

    private void line() {
        vault = LineRig.vault(dir);
        LineConfig base = LineRig.config(LineMode.TRIGGERED, Duration.ofHours(1));
        rig = new LineRig(vault, new LineConfig(base.id(), base.application(), base.mode(), base.printer(), null,
                null, new LineConfig.Plc(null, 0, null, null, null, null, null, Duration.ofMillis(500)),
                base.verify(), base.stream(), null));
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.runLineThread();
    }

    private CompletableFuture<ItemIssued> trigger(String item, long triggeredNanos) {
        CompletableFuture<ItemIssued> reply = new CompletableFuture<>();
        rig.dispatcher.trigger(item, triggeredNanos, reply);
        rig.runLineThread();
        return reply;
    }

    private static LineRefusal refusal(CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("not refused");
        } catch (CompletionException e) {
            return (LineRefusal) e.getCause();
        }
    }

    @Test
    void aHeldTriggerIsRefusedStaleOnlyOnceItHasWaitedLongerThanTheDeadline() {
        line();
        rig.printer.writable = false;
        long t = System.nanoTime();
        CompletableFuture<ItemIssued> held = trigger("item-1", t);
        assertThat(held).isNotDone();

        rig.dispatcher.tick(t + DEADLINE);
        assertThat(held).as("waited exactly the deadline: still in time").isNotDone();
        assertThat(rig.stats.tally.account().stale()).isZero();

        rig.dispatcher.tick(t + DEADLINE + 1);

        LineRefusal r = refusal(held);
        assertThat(r.reason()).isEqualTo(Refusal.STALE);
        assertThat(r.detail()).isEqualTo("not issued within 500 ms (waited 500 ms)");
        assertThat(rig.stats.tally.account().stale()).isEqualTo(1);
        assertThat(vault.jobReport("J1").stale()).as("written by the same tick").isEqualTo(1);

        rig.printer.writable = true;
        rig.dispatcher.resume();
        rig.runLineThread();
        assertThat(rig.printer.count()).as("a stale trigger never gets a label").isZero();
    }

    @Test
    void aTriggerTakenForIssueAfterItsDeadlineIsRefusedAndTheOnesInTimeArePrinted() {
        line();
        rig.printer.writable = false;
        long now = System.nanoTime();
        CompletableFuture<ItemIssued> late = trigger("item-1", now - DEADLINE - Duration.ofMillis(700).toNanos());
        CompletableFuture<ItemIssued> inTime = trigger("item-2", now);

        rig.printer.writable = true;
        rig.dispatcher.resume();
        rig.runLineThread();

        LineRefusal r = refusal(late);
        assertThat(r.reason()).isEqualTo(Refusal.STALE);
        assertThat(r.detail()).startsWith("not issued within 500 ms (waited 1");
        assertThat(inTime.join().itemId()).isEqualTo("item-2");
        assertThat(rig.printer.count()).isEqualTo(1);
        assertThat(rig.stats.tally.account().stale()).isEqualTo(1);
    }

    @Test
    void aSecondTriggerForAQueuedItemIsRefusedBusyAndTheFirstStillGetsItsLabel() {
        line();
        rig.printer.writable = false;
        long t = System.nanoTime();
        CompletableFuture<ItemIssued> first = trigger("item-1", t);

        CompletableFuture<ItemIssued> again = new CompletableFuture<>();
        LineRefusal busy = org.assertj.core.api.Assertions.catchThrowableOfType(LineRefusal.class,
                () -> rig.dispatcher.trigger("item-1", t, again));
        assertThat(busy.reason()).isEqualTo(Refusal.BUSY);
        assertThat(busy.detail()).isEqualTo("item item-1 is queued already");

        rig.printer.writable = true;
        rig.dispatcher.resume();
        rig.runLineThread();
        assertThat(first.join()).isEqualTo(new ItemIssued("item-1", first.join().codeIndex(), false));
        assertThat(rig.printer.count()).isEqualTo(1);
        assertThat(trigger("item-1", t).join().repeat()).as("a repeat after it was issued gets its code").isTrue();
    }
}
