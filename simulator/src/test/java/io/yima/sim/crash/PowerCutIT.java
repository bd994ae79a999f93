package io.yima.sim.crash;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power-cut torture: like {@link CrashTortureIT}, but the vault lives on a {@link LazyFs} mount and every outage is
 * a power cut: SIGKILL the edge, then drop every write the edge had not fsynced, unmount, mount the backing folder
 * again and restart the edge on what survived. A SIGKILL alone loses nothing the kernel already has; a power cut
 * also loses the page cache, so this is what proves the vault's commits are durable before a label leaves.
 * The verdict reads the backing folder directly, as the disk would be found. Needs FUSE (see
 * {@link LazyFs#INSTALL_HINT}); without it the test fails, it never skips. {@code -Dtorture.trials=N} (default 3,
 * one or two cuts each) and {@code -Dtorture.seed=S} change the run.
 */
class PowerCutIT {
    @TempDir
    Path dir;

    @Test
    void afterPowerCutsNoCodeIsPrintedTwiceAndEveryPrintedCodeIsAccountedFor() throws Exception {
        LazyFs.requirePrerequisites();
        int trials = Integer.getInteger("torture.trials", 3);
        Random rng = new Random(Long.getLong("torture.seed", 20261129L));
        Path disk = dir.resolve("disk");
        // Seeded straight onto the disk: the import is not under test, and starts out fully synced.
        TortureLine.seed(disk.resolve("vault.db"), trials, dir);
        LazyFs fs = new LazyFs(disk, dir.resolve("mnt"), dir.resolve("lazyfs.log"));
        TortureLine line;
        try (fs) {
            fs.mount();
            line = new TortureLine(dir, fs.mountPoint().resolve("vault.db"));
            try (line) {
                for (int t = 1; t <= trials; t++) {
                    line.trial("POWER-" + t, rng, edge -> {
                        // Kill, then cut, with nothing in between that could sync: the edge is gone when the
                        // page cache goes, as both go at once when the power fails.
                        edge.kill();
                        fs.cut();
                        fs.unmount();
                        fs.mount();
                        edge.start();
                    });
                }
            } // closing the line kills the edge
            fs.cut(); // and the last outage is a power cut too
        }
        // Evidence that the cuts had something to drop: lazyfs logs the unsynced pages of each one.
        fs.log().stream().filter(l -> l.contains("power cut")).forEach(System.out::println);
        TortureVerdict.check("power-cut torture", line.reads(), disk.resolve("vault.db"), line.jobs, line.outages,
                line.problems());
    }
}
