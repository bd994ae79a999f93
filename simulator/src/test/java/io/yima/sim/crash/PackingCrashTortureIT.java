package io.yima.sim.crash;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash torture of a packing line (docs/aggregation.md): the edge runs as its own process, packs cases of 12 (count
 * and close, then scan to aggregate) and is killed with SIGKILL at random moments while items and cases flow, then
 * restarted on the same vault; the PLC kicks out what it lost track of and resumes the job. Judged by
 * {@link PackingVerdict} against the printers', case packer's and camera's records. {@code -Dtorture.trials=N}
 * (default 3 jobs per mode, one or two kills each) and {@code -Dtorture.seed=S} change the run.
 */
class PackingCrashTortureIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PackingTortureLine.Mode.class)
    void killedAtRandomMomentsWhilePackingNoItemIsInTwoCasesAndNoPackedCaseIsLost(PackingTortureLine.Mode mode)
            throws Exception {
        int trials = Integer.getInteger("torture.trials", 3);
        Random rng = new Random(Long.getLong("torture.seed", 20261206L) + mode.ordinal());
        Path vaultFile = dir.resolve("vault.db");
        PackingTortureLine.seed(vaultFile, trials, dir);
        PackingTortureLine line = new PackingTortureLine(dir, vaultFile, mode);
        try (line) {
            for (int t = 1; t <= trials; t++) {
                line.trial("PACK-" + mode + "-" + t, rng, edge -> {
                    edge.kill();
                    edge.start();
                });
            }
        } // closing the line kills the edge once more: recovery then runs on the vault in the verdict
        PackingVerdict.check("packing crash torture (SIGKILL, " + mode + ")", line, vaultFile);
    }
}
