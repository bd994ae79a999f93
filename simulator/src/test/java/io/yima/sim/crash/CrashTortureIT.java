package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash torture: the edge runs as its own process and is killed with SIGKILL at random moments while labels
 * flow, then restarted on the same vault; the PLC resumes the job. The printer emulator's record of every label
 * it received lives in this JVM, outside the edge, and is the ground truth: no code may be printed twice, and
 * every printed code must end BOUND, REJECTED or VOIDED. {@code -Dtorture.trials=N} (default 10) and
 * {@code -Dtorture.seed=S} change the run. Power cuts: {@link PowerCutIT}.
 */
class CrashTortureIT {
    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheEdgeNeverPrintsACodeTwiceAndAccountsForEveryLabel() throws Exception {
        int trials = Integer.getInteger("torture.trials", 10);
        Random rng = new Random(Long.getLong("torture.seed", 20261126L));
        Path vaultFile = dir.resolve("vault.db");
        TortureLine.seed(vaultFile, trials, dir);
        TortureLine line = new TortureLine(dir, vaultFile);
        try (line) {
            for (int t = 1; t <= trials; t++) {
                line.trial("TORTURE-" + t, rng, edge -> {
                    edge.kill();
                    edge.start();
                });
            }
            assertThat(line.resumes()).as("START acknowledged as a resume after restarts")
                    .isGreaterThanOrEqualTo(line.outages.size() / 2);
        } // closing the line kills the edge once more: recovery then runs on the vault in the verdict
        TortureVerdict.check("crash torture (SIGKILL)", line.reads(), vaultFile, line.jobs, line.outages,
                line.problems());
    }
}
