package io.yima.sim.crash;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Power-cut torture of a packing line: like {@link PackingCrashTortureIT}, but the vault lives on a {@link LazyFs}
 * mount and every outage is a power cut (SIGKILL, then every write the edge had not fsynced is dropped), so a case
 * packed, an SSCC serial reserved or an item bound must be on disk before its label or result leaves. The verdict
 * reads the backing folder, as the disk would be found. Needs FUSE; without it the test fails, it never skips.
 * {@code -Dtorture.trials=N} (default 2 jobs per mode) and {@code -Dtorture.seed=S} change the run.
 */
class PackingPowerCutIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PackingTortureLine.Mode.class)
    void afterPowerCutsWhilePackingNoItemIsInTwoCasesAndNoPackedCaseIsLost(PackingTortureLine.Mode mode)
            throws Exception {
        LazyFs.requirePrerequisites();
        int trials = Integer.getInteger("torture.trials", 2);
        Random rng = new Random(Long.getLong("torture.seed", 20261207L) + mode.ordinal());
        Path disk = dir.resolve("disk");
        PackingTortureLine.seed(disk.resolve("vault.db"), trials, dir);
        LazyFs fs = new LazyFs(disk, dir.resolve("mnt"), dir.resolve("lazyfs.log"));
        PackingTortureLine line;
        try (fs) {
            fs.mount();
            line = new PackingTortureLine(dir, fs.mountPoint().resolve("vault.db"), mode);
            try (line) {
                for (int t = 1; t <= trials; t++) {
                    line.trial("PCUT-" + mode + "-" + t, rng, edge -> {
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
        fs.log().stream().filter(l -> l.contains("power cut")).forEach(System.out::println);
        PackingVerdict.check("packing power-cut torture (" + mode + ")", line, disk.resolve("vault.db"));
    }
}
