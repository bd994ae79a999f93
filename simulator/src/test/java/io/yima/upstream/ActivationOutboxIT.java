package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.cli.YimaEdge;
import io.yima.sim.wechat.Fault;
import io.yima.vault.CodeVault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The outbox's lifecycle: background thread, restarts, FAILED ranges and their retry, quota deferral. */
class ActivationOutboxIT {
    @TempDir
    Path dir;

    static void bindRun(OutboxLine line, String job, int n) {
        for (long i : line.issue(job, n)) {
            line.bind(i, job);
        }
    }

    @Test
    void theBackgroundThreadActivatesAClosedJobsCodes() throws Exception {
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 5, Duration.ofSeconds(2))) {
            line.openJob("A", ActivationOutboxProperties.SPRING);
            line.outbox.start();
            bindRun(line, "A", 30);
            line.reject(line.issue("A", 1).get(0));
            bindRun(line, "A", 20);
            line.closeJobs();
            line.outbox.signal();
            await().atMost(Duration.ofSeconds(10)).until(() -> line.outbox.backlog().activatedRanges() == 2);
            assertThat(line.activations()).extracting(r -> r.codeStart() + ".." + r.codeEnd())
                    .containsExactlyInAnyOrder("0..29", "31..50");
            line.outbox.stop();
        }
    }

    @Test
    void theListenerHearsActivationsAndFailures() throws Exception {
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 5, Duration.ofSeconds(2))) {
            java.util.concurrent.atomic.AtomicLong activated = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            ActivationOutbox outbox = new ActivationOutbox(line.vault, line.up.client(), line.up.config,
                    Clock.systemUTC(), new ActivationOutbox.Listener() {
                        @Override
                        public void activated(long codes) {
                            activated.addAndGet(codes);
                        }

                        @Override
                        public void activationFailed() {
                            failed.incrementAndGet();
                        }
                    });
            line.openJob("A", ActivationOutboxProperties.SPRING);
            bindRun(line, "A", 8);
            line.reject(line.issue("A", 1).get(0));
            bindRun(line, "A", 3);
            line.closeJobs();
            line.emulator.faults().next(Fault.NOT_AUTHORISED, 1);
            outbox.flushNow();
            assertThat(failed.get()).isEqualTo(1);
            assertThat(activated.get()).isEqualTo(3);
        }
    }

    @Test
    void aRangeWaitsForTheNeighbourVerdictThenGoesOutWhole() throws Exception {
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 5, Duration.ofSeconds(2))) {
            line.openJob("A", ActivationOutboxProperties.SPRING);
            var sent = line.issue("A", 10);
            for (int i = 0; i < 9; i++) {
                line.bind(sent.get(i), "A");
            }
            line.outbox.flushNow();
            assertThat(line.activations()).as("index 9 may still bind").isEmpty();
            assertThat(line.outbox.backlog().pendingCodes()).isEqualTo(9);
            line.reject(sent.get(9));
            line.outbox.flushNow();
            assertThat(line.activations()).singleElement().satisfies(r -> assertThat(r.length()).isEqualTo(9));
        }
    }

    @Test
    void queuedRangesSurviveARestart() throws Exception {
        Path vaultFile;
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 5, Duration.ofSeconds(2))) {
            line.openJob("A", ActivationOutboxProperties.SPRING);
            bindRun(line, "A", 40);
            line.closeJobs();
            line.emulator.faults().probability(Fault.HTTP_500, 1);
            line.outbox.flushNow();
            ActivationOutbox.Backlog b = line.outbox.backlog();
            assertThat(b.queuedRanges()).isEqualTo(1);
            assertThat(b.queuedCodes()).isEqualTo(40);
            assertThat(b.activatedCodes()).isZero();
            assertThat(line.activations()).isEmpty();
            vaultFile = line.vault.file();
            line.emulator.faults().clear();
            line.vault.close();
            try (CodeVault reopened = CodeVault.open(vaultFile)) {
                ActivationOutbox fresh = new ActivationOutbox(reopened, line.up.client(), line.up.config, Clock.systemUTC());
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    fresh.flushNow();
                    return fresh.backlog().activatedRanges() == 1;
                });
                assertThat(line.activations()).singleElement().satisfies(r -> assertThat(r.length()).isEqualTo(40));
                assertThat(fresh.backlog().activatedCodes()).isEqualTo(40);
                assertThat(events(reopened, "ACTIVATION_RETRY")).contains("HTTP 500");
            }
        }
    }

    @Test
    void alarmErrorsFailTheRangeAndRetryFailedRequeuesIt() throws Exception {
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 5, Duration.ofSeconds(2))) {
            line.openJob("A", ActivationOutboxProperties.SPRING);
            bindRun(line, "A", 12);
            line.closeJobs();
            line.emulator.faults().next(Fault.NOT_AUTHORISED, 1);
            line.outbox.flushNow();
            ActivationOutbox.Backlog failed = line.outbox.backlog();
            assertThat(failed.failedRanges()).isEqualTo(1);
            assertThat(failed.failedCodes()).isEqualTo(12);
            assertThat(line.code(5).activationState()).isEqualTo("FAILED");
            assertThat(line.emulator.calls("codeactive")).as("not retried").hasSize(1);

            CommandLine cli = YimaEdge.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(new StringWriter(), true));
            Path secret = Files.writeString(dir.resolve("secret"), EmulatedUpstream.SECRET);
            int exit = cli.execute("wechat", "retry-failed", "--vault", line.vault.file().toString(), "--base-url",
                    line.emulator.baseUrl(), "--appid", "wxAPP", "--secret-file", secret.toString());
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("requeued 1 failed ranges; activated 1; still queued 0, failed 0");
            assertThat(line.code(5).activationState()).isEqualTo("ACTIVATED");
        }
    }

    @Test
    void transientFailuresBecomeFailedAfterTheConfiguredAttempts() throws Exception {
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 2, Duration.ofSeconds(2))) {
            line.openJob("A", ActivationOutboxProperties.SPRING);
            bindRun(line, "A", 5);
            line.closeJobs();
            line.emulator.faults().probability(Fault.BUSY, 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                line.outbox.flushNow();
                return line.outbox.backlog().failedRanges() == 1;
            });
            assertThat(lastError(line.vault)).startsWith("after 2 attempts: codeactive: gave up after 3 attempts: errcode -1");
            assertThat(line.emulator.calls("codeactive")).hasSize(6);
        }
    }

    @Test
    void aDailyQuotaDefersTheRangeUntilTheReset() throws Exception {
        try (OutboxLine line = OutboxLine.open(dir, 1_000, 5, Duration.ofSeconds(2))) {
            line.openJob("A", ActivationOutboxProperties.SPRING);
            bindRun(line, "A", 5);
            line.closeJobs();
            line.emulator.faults().next(Fault.QUOTA_DAY, 1);
            line.outbox.flushNow();
            ActivationOutbox.Backlog b = line.outbox.backlog();
            assertThat(b.queuedRanges()).isEqualTo(1);
            assertThat(b.quotaWaitUntil()).isPresent();
            line.outbox.flushNow();
            assertThat(line.emulator.calls("codeactive")).as("nothing sent before the reset").hasSize(1);
            assertThat(lastError(line.vault)).contains("quota reached (errcode 45009)");
        }
    }

    static String events(CodeVault vault, String kind) {
        return vault.inTransaction(c -> {
            StringBuilder all = new StringBuilder();
            try (var ps = c.prepareStatement("SELECT json FROM event WHERE kind = ? ORDER BY seq")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return all.toString();
        });
    }

    static String lastError(CodeVault vault) {
        return vault.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT last_error FROM activation_range ORDER BY updated DESC, id DESC LIMIT 1")) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "";
            }
        });
    }
}
