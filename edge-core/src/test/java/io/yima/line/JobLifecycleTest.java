package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's start, stop, close and resume against a real vault, the parts wired as the line wires them. */
class JobLifecycleTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LineRig rig;

    @BeforeEach
    void line() {
        vault = LineRig.vault(dir);
        rig = new LineRig(vault, LineMode.TRIGGERED, Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static void refused(ThrowingCallable command, Refusal reason) {
        assertThatThrownBy(command).isInstanceOfSatisfying(LineRefusal.class,
                r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void aStartOpensTheJobInTheVaultAndTellsListenersItsSpec() {
        assertThat(rig.lifecycle.start(LineRig.order("J1", 10))).isEqualTo("J1");

        assertThat(vault.jobState("J1")).isEqualTo(JobState.OPEN);
        assertThat(vault.job("J1")).hasValueSatisfying(s -> assertThat(s.quantity()).isEqualTo(10));
        assertThat(rig.heard(LineEvent.JobOpened.class)).singleElement()
                .satisfies(o -> assertThat(o.spec()).isEqualTo(vault.job("J1").orElseThrow()));
        assertThat(rig.job.isRunning()).isTrue();
        assertThat(rig.stateChanges).isEqualTo(1);
    }

    @Test
    void aRepeatedStartOfTheOpenJobIsTheSameJobResumedNotASecondOne() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.print("item-1");

        assertThat(rig.lifecycle.start(LineRig.order("J1", 10))).isEqualTo("J1");

        assertThat(rig.heard(LineEvent.JobOpened.class)).hasSize(1);
        assertThat(rig.stateChanges).isEqualTo(1);
        assertThat(rig.station.awaitingRead()).as("the label in flight is still awaited").isEqualTo(1);
    }

    @Test
    void aStartOfAnotherJobWhileOneIsOpenIsRefusedNamingTheOpenJob() {
        rig.lifecycle.start(LineRig.order("J1", 10));

        assertThatThrownBy(() -> rig.lifecycle.start(LineRig.order("J2", 10)))
                .isInstanceOfSatisfying(LineRefusal.class, r -> {
                    assertThat(r.reason()).isEqualTo(Refusal.JOB_OPEN);
                    assertThat(r.detail()).isEqualTo("J1");
                });
        assertThat(vault.job("J2")).isEmpty();
        assertThat(rig.job.id()).isEqualTo("J1");
    }

    @Test
    void theOpenJobStartedAgainWithOtherFieldsIsRefusedAndStaysAsItWas() {
        rig.lifecycle.start(LineRig.order("J1", 10));

        refused(() -> rig.lifecycle.start(LineRig.order("J1", 11)), Refusal.BAD_FIELD);

        assertThat(rig.job.spec().quantity()).isEqualTo(10);
        assertThat(rig.heard(LineEvent.JobOpened.class)).hasSize(1);
    }

    @Test
    void aClosedJobCannotBeStartedAgain() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.lifecycle.close();

        assertThatThrownBy(() -> rig.lifecycle.start(LineRig.order("J1", 10)))
                .isInstanceOfSatisfying(LineRefusal.class, r -> {
                    assertThat(r.reason()).isEqualTo(Refusal.BAD_FIELD);
                    assertThat(r.detail()).contains("closed already");
                });
        assertThat(rig.job.isOpen()).isFalse();
        assertThat(vault.jobState("J1")).isEqualTo(JobState.CLOSED);
    }

    @Test
    void stopAndCloseWithNoJobOpenAreRefusedNoJob() {
        refused(() -> rig.lifecycle.stop(), Refusal.NO_JOB);
        refused(() -> rig.lifecycle.close(), Refusal.NO_JOB);
        assertThat(rig.lifecycle.closeCurrent()).isNull();
        assertThat(rig.stateChanges).isZero();
    }

    @Test
    void aStopHoldsTheJobStoppedInTheVaultAndRefusesTheTriggersStillWaiting() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        CompletableFuture<ItemIssued> waiting = new CompletableFuture<>();
        rig.dispatcher.trigger("item-1", System.nanoTime(), waiting); // queued, its pump not run yet

        assertThat(rig.lifecycle.stop()).isEqualTo("J1");

        assertThat(vault.jobState("J1")).isEqualTo(JobState.STOPPED);
        assertThat(rig.job.state()).isEqualTo(JobState.STOPPED);
        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).cause().isInstanceOfSatisfying(LineRefusal.class,
                r -> assertThat(r.reason()).isEqualTo(Refusal.JOB_STOPPED));
        assertThat(rig.stateChanges).isEqualTo(2);
        rig.runLineThread();
        assertThat(rig.printer.count()).isZero();
    }

    @Test
    void aCloseAccountsForEveryPrintedLabelVoidingTheUnconfirmedAndReleasingTheReserved() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        CodeRecord bound = rig.print("item-1");
        CodeRecord rejected = rig.print("item-2");
        CodeRecord unread1 = rig.print("item-3");
        CodeRecord unread2 = rig.print("item-4");
        rig.station.scanned(bound.url());
        rig.station.scanned(null);
        assertThat(rig.state(4)).as("the rest of the prefetch block").isEqualTo(CodeState.RESERVED);
        long before = rig.lineEvents.last();

        assertThat(rig.lifecycle.close()).isEqualTo("J1");

        assertThat(rig.heard(LineEvent.JobClosed.class)).singleElement().satisfies(c -> {
            assertThat(c.account()).isEqualTo(new JobAccount("J1", 4, 1, 1, 2));
            assertThat(c.number()).isGreaterThan(before);
        });
        assertThat(rig.heard(LineEvent.CodesVoided.class)).singleElement()
                .isEqualTo(new LineEvent.CodesVoided(before, 2, VoidReason.JOB_CLOSED));
        assertThat(rig.state(bound.index())).isEqualTo(CodeState.BOUND);
        assertThat(rig.state(rejected.index())).isEqualTo(CodeState.REJECTED);
        assertThat(rig.code(unread1.index()).state()).isEqualTo(CodeState.VOIDED);
        assertThat(rig.code(unread2.index()).reason()).isEqualTo("JOB_CLOSED");
        for (long i = 4; i < 8; i++) {
            assertThat(rig.state(i)).as("code %d released", i).isEqualTo(CodeState.AVAILABLE);
        }
        assertThat(vault.jobState("J1")).isEqualTo(JobState.CLOSED);
        assertThat(vault.jobReport("J1").balanced()).isTrue();
        assertThat(rig.job.isOpen()).isFalse();
        assertThat(rig.station.awaiting()).isZero();
        assertThat(rig.lineEvents.since(0)).as("no job, nothing to replay").isEmpty();
        assertThat(rig.stateChanges).isEqualTo(2);
    }

    @Test
    void aCloseWithEveryLabelSettledVoidsNothing() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.station.scanned(rig.print("item-1").url());

        assertThat(rig.lifecycle.closeCurrent()).isEqualTo("J1");

        assertThat(rig.heard(LineEvent.CodesVoided.class)).isEmpty();
        assertThat(rig.heard(LineEvent.JobClosed.class)).singleElement()
                .satisfies(c -> assertThat(c.account()).isEqualTo(new JobAccount("J1", 1, 1, 0, 0)));
        assertThat(rig.job.isOpen()).isFalse();
    }

    @Test
    void aCloseRefusesTheTriggersStillWaiting() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        CompletableFuture<ItemIssued> waiting = new CompletableFuture<>();
        rig.dispatcher.trigger("item-1", System.nanoTime(), waiting);

        rig.lifecycle.close();

        assertThatThrownBy(waiting::join).cause().isInstanceOfSatisfying(LineRefusal.class,
                r -> assertThat(r.reason()).isEqualTo(Refusal.JOB_CLOSED));
    }

    /** J1 open with two labels printed, the first bound; the first one's code. */
    private CodeRecord twoPrintedFirstBound() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        CodeRecord first = rig.print("item-1");
        rig.print("item-2");
        rig.station.scanned(first.url());
        return first;
    }

    @Test
    void aJobTheVaultHasAlreadyStartsWithItsCountsAndKnowsItsIssuedItems() {
        CodeRecord first = twoPrintedFirstBound();
        LineRig restarted = new LineRig(vault, LineMode.TRIGGERED, Duration.ofHours(1));

        restarted.lifecycle.start(LineRig.order("J1", 10));

        assertThat(restarted.stats.tally.account().printed()).isEqualTo(2);
        assertThat(restarted.stats.tally.account().bound()).isEqualTo(1);
        assertThat(restarted.job.isRunning()).isTrue();
        CompletableFuture<ItemIssued> again = new CompletableFuture<>();
        restarted.dispatcher.trigger("item-1", System.nanoTime(), again);
        assertThat(again.join()).isEqualTo(new ItemIssued("item-1", first.index(), true));
    }

    @Test
    void aStartTheVaultRefusesLeavesNoJobOpen() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        rig.print("item-1");
        rig.print("item-2"); // its commit writes item-1's LabelPrinted: the job has a stored event
        LineRig restarted = new LineRig(vault, LineMode.TRIGGERED, Duration.ofHours(1));

        assertThatThrownBy(() -> restarted.lifecycle.start(LineRig.order("J1", 5)))
                .hasMessageContaining("other fields");

        assertThat(restarted.job.isOpen()).isFalse();
        assertThat(restarted.lineEvents.since(0)).as("no job's events are replayed").isEmpty();
        assertThat(restarted.stateChanges).isZero();
    }

    @Test
    void aResumedJobTakesItsStateAndCountsFromTheVault() {
        twoPrintedFirstBound();
        rig.station.scanned(null);
        rig.lifecycle.stop();
        LineRig restarted = new LineRig(vault, LineMode.TRIGGERED, Duration.ofHours(1));

        restarted.lifecycle.resume(vault.openJobOnLine(LineRig.LINE).orElseThrow());

        assertThat(restarted.job.id()).isEqualTo("J1");
        assertThat(restarted.job.state()).isEqualTo(JobState.STOPPED);
        assertThat(restarted.stats.tally.account().printed()).isEqualTo(2);
        assertThat(restarted.stats.tally.account().bound()).isEqualTo(1);
        assertThat(restarted.stateChanges).isEqualTo(1);
        assertThat(restarted.lineEvents.since(0)).as("the resumed job's events replay")
                .anyMatch(e -> e instanceof LineEvent.ItemBound b && b.itemId().equals("item-1"));
    }

    @Test
    void aStartWhoseLabelLayoutCannotBePrintedIsRefusedBeforeTheJobOpens() {
        LineConfig base = LineRig.config(LineMode.TRIGGERED, Duration.ofHours(1));
        LineConfig badDpi = new LineConfig(base.id(), base.application(), base.mode(), base.printer(),
                new LineConfig.Label(null, null, 50, null, null, null, null, null, null, null), null, null,
                base.verify(), base.stream(), null);
        LineRig line = new LineRig(vault, badDpi);

        assertThatThrownBy(() -> line.lifecycle.start(LineRig.order("J1", 10)))
                .isInstanceOfSatisfying(LineRefusal.class, r -> {
                    assertThat(r.reason()).isEqualTo(Refusal.BAD_FIELD);
                    assertThat(r.detail()).startsWith("symbol: ").contains("dpi");
                });
        assertThat(vault.job("J1")).isEmpty();
        assertThat(line.job.isOpen()).isFalse();
    }

    @Test
    void resultsThatWaitedOutAVaultFaultAreCommittedBeforeTheClose() {
        rig.lifecycle.start(LineRig.order("J1", 10));
        CodeRecord code = rig.print("item-1");
        rig.health.vault.update(DeviceState.FAULT, "disk full", rig.lineEvents);
        rig.station.scanned(code.url());
        assertThat(rig.state(code.index())).as("held in memory while the vault is faulted").isEqualTo(CodeState.SENT);

        rig.lifecycle.close();

        assertThat(rig.state(code.index())).isEqualTo(CodeState.BOUND);
        assertThat(rig.heard(LineEvent.JobClosed.class)).singleElement()
                .satisfies(c -> assertThat(c.account()).isEqualTo(new JobAccount("J1", 1, 1, 0, 0)));
    }

    @Test
    void theNextJobStartsWithFreshCountersAndPackingScanNumbers() {
        LineRig pre = new LineRig(vault, LineMode.PREPRINT, Duration.ofHours(1));
        pre.lifecycle.start(LineRig.order("J1", 1));
        pre.runLineThread();
        pre.station.scanned(null);
        pre.station.scanned(pre.code(0).url());
        pre.lifecycle.close();

        pre.lifecycle.start(LineRig.order("J2", 1));
        pre.runLineThread();
        JobAccount fresh = pre.stats.tally.account();
        assertThat(List.of(fresh.printed(), fresh.bound(), fresh.rejected(), fresh.rejectedWithoutCode()))
                .containsExactly(1L, 0L, 0L, 0L);
        pre.station.scanned(null);

        assertThat(pre.heard(LineEvent.ItemRejected.class)).extracting(LineEvent.ItemRejected::itemId)
                .containsExactly("pack-1", "pack-1");
    }
}
