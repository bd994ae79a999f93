package io.yima.sim.bench.scale;

import io.yima.sim.Folders;
import io.yima.sim.forge.PackageForge;
import io.yima.sim.rig.VaultSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pristine vaults of N forged codes in {@code WORK/vaults/codes-N.db}, made once (forge, then the edge-under-test's
 * own {@code yima-edge import} in a child process, so the file has that build's schema) and copied for every run,
 * because a run uses codes up and each run must start from the same stock. The forged package is deleted once
 * imported: at 20M codes it is several GB.
 */
final class VaultCache {
    private final Path dir;
    private final Path edgeJar;
    private final long applicationId;

    VaultCache(Path workDir, Path edgeJar, long applicationId) throws IOException {
        this.dir = Files.createDirectories(workDir.resolve("vaults"));
        this.edgeJar = edgeJar;
        this.applicationId = applicationId;
    }

    /** The pristine vault of {@code codes} codes, built now if it is not cached. */
    Path pristine(long codes) throws IOException, InterruptedException {
        Path vault = dir.resolve("codes-" + codes + ".db");
        if (Files.exists(vault)) {
            return vault;
        }
        long t0 = System.nanoTime();
        Path key = dir.resolve("app.key");
        Files.writeString(key, VaultSeed.KEY, StandardCharsets.UTF_8);
        Path pkg = dir.resolve("pkg-" + codes);
        Folders.deleteTree(pkg);
        List<Path> files = PackageForge.forge(codes, 0, VaultSeed.KEY, pkg, false, applicationId);
        long t1 = System.nanoTime();
        Path partial = dir.resolve("partial-" + codes + ".db");
        deleteVault(partial);
        List<String> args = new ArrayList<>(List.of("-jar", edgeJar.toString(), "import", "--vault", partial.toString(),
                "--application", Long.toString(applicationId), "--key-file", key.toString()));
        files.forEach(f -> args.add(f.toString()));
        JavaProcess importer = JavaProcess.start(List.of("-Xmx512m"), args, dir.resolve("import-" + codes + ".log"),
                false);
        int rc = importer.await(2, TimeUnit.HOURS);
        if (rc != 0) {
            throw new IOException("import of " + codes + " codes failed (exit " + rc + "); see " + importer.log);
        }
        Files.move(partial, vault, StandardCopyOption.ATOMIC_MOVE);
        Folders.deleteTree(pkg);
        System.out.printf("vault of %,d codes built: forge %.0f s, import %.0f s (load average %s)%n", codes,
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9, LoadAverage.now());
        return vault;
    }

    /** A fresh copy of the pristine vault for one run. */
    Path copyFor(long codes, Path runDir) throws IOException, InterruptedException {
        Path target = runDir.resolve("vault.db");
        deleteVault(target);
        Files.copy(pristine(codes), target);
        return target;
    }

    /**
     * Deletes a vault file and every file the edge keeps beside it. The ledger must go with the vault: a fresh copy
     * of the pristine vault next to an old run's ledger is, to the edge, a restored backup that lost commits, and it
     * voids every code the ledger names before the run starts.
     */
    static void deleteVault(Path vault) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm", "-journal", ".ledger", ".lock")) {
            Files.deleteIfExists(Path.of(vault + suffix));
        }
    }
}
