package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: after an edge restart the line card's reject count started again at 0. The resumed job's account is
 * seeded from the vault, so every figure, rejects by reason included, continues where it was. Stale refusals
 * change no code: the vault counts them on the job's row, written just after the PLC had its STALE answer.
 */
class AccountSurvivesRestartTest {
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

    private void startEdge() {
        startEdge(LineRig.config(LineMode.TRIGGERED, Duration.ofHours(1)), new LineRig.RecordingOutput());
    }

    private void startEdge(LineConfig config, LineRig.RecordingOutput output) {
        vault = LineRig.vault(dir);
        vault.recover(new RecoveredResults());
        line = new ProductionLine(config, vault, 8);
        line.start(output);
        line.printerState(DeviceState.ONLINE, null);
    }

    /** A line whose PLC triggers are refused STALE after 200 ms. */
    private static LineConfig staleAfter200Ms() {
        LineConfig base = LineRig.config(LineMode.TRIGGERED, Duration.ofHours(1));
        return new LineConfig(base.id(), base.application(), base.mode(), base.printer(), null, null,
                new LineConfig.Plc(null, 0, null, null, null, null, null, Duration.ofMillis(200)), base.verify(),
                base.stream(), null);
    }

    private void refusedStale(String item) {
        assertThatThrownBy(() -> line.print(item).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(LineRefusal.class,
                        r -> assertThat(r.reason()).isEqualTo(Refusal.STALE));
    }

    private String print(String item) throws Exception {
        ItemIssued i = line.print(item).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return vault.byIndex(io.yima.vault.TestPackages.APP, i.codeIndex()).orElseThrow().code();
    }

    private JobAccount account() throws Exception {
        return line.currentSnapshot().toCompletableFuture().get(10, TimeUnit.SECONDS).account();
    }

    @Test
    void theResumedJobKeepsItsRejectsAndEveryOtherFigure() throws Exception {
        startEdge();
        line.start(LineRig.order("J1", 10)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        print("item-1");
        print("item-2");
        String third = print("item-3");
        line.scanned(null); // item-1: NO_READ
        line.scanned(third); // item-2 passed by item-3: NO_READ; item-3 bound
        String fourth = print("item-4"); // on its way when the edge stops: recovery voids it (REJECT VOIDED)
        JobAccount before = account();
        assertThat(before.rejectedByReason()).isEqualTo(Map.of("NO_READ", 2L));
        assertThat(fourth).isNotNull();

        line.shutdown();
        line = null;
        vault.close();
        startEdge();

        JobAccount after = account();
        JobReport report = vault.jobReport("J1");
        assertThat(after.jobId()).isEqualTo("J1");
        assertThat(after.rejected()).as("rejects continue after the restart").isEqualTo(2);
        assertThat(after.rejectedByReason()).isEqualTo(Map.of("NO_READ", 2L));
        assertThat(after.bound()).isEqualTo(1);
        assertThat(after.printed()).isEqualTo(4);
        assertThat(after.voidedByReason()).as("item-4's code, voided by recovery").isEqualTo(Map.of("CRASH", 1L));
        assertThat(after.awaiting()).isZero();
        assertThat(java.util.List.of(after.printed(), after.bound(), after.rejected(), after.voided()))
                .containsExactly(report.printed(), report.bound(), report.rejected(), report.voided());
        LineStatus status = line.status().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(status.rejected()).as("PLC STATUS and Modbus read the same account").isEqualTo(2);
    }

    @Test
    void staleTriggersBeforeTheRestartAreStillCountedAfterIt() throws Exception {
        LineRig.RecordingOutput blocked = new LineRig.RecordingOutput();
        blocked.writable = false; // the printer takes no bytes: triggers wait until the deadline refuses them
        startEdge(staleAfter200Ms(), blocked);
        line.start(LineRig.order("J1", 10)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        refusedStale("item-1");
        refusedStale("item-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> account().stale() == 2);
        // in the vault while the edge still runs, so a crash (no clean shutdown) would keep them too
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.jobReport("J1").stale() == 2);

        line.shutdown();
        line = null;
        vault.close();
        LineRig.RecordingOutput blockedAgain = new LineRig.RecordingOutput();
        blockedAgain.writable = false;
        startEdge(staleAfter200Ms(), blockedAgain);

        assertThat(account().jobId()).isEqualTo("J1");
        assertThat(account().stale()).as("stale continues after the restart").isEqualTo(2);
        refusedStale("item-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> account().stale() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> vault.jobReport("J1").stale() == 3);
        assertThat(account().printed()).as("a stale trigger is never printed").isZero();
        assertThat(blocked.labels).isEmpty();
    }
}
