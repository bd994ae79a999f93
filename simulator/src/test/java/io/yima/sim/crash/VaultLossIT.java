package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yima.cli.YimaEdge;
import io.yima.sim.forge.PackageForge;
import io.yima.sim.rig.VaultSeed;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The vault lost under a running line: its WAL deleted, the whole vault deleted, its disk not mounted at boot. The
 * edge runs as its own process beside the printer emulator, whose record of every label is the ground truth: no
 * code may be printed twice, and every printed code the vault still knows must be out of stock for good.
 */
class VaultLossIT {
    @TempDir
    Path dir;

    private Path disk() {
        return dir.resolve("disk");
    }

    private Path vaultFile() {
        return disk().resolve("vault.db");
    }

    private String edgeLog() throws Exception {
        Path log = dir.resolve("edge.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** {@code yima-edge import} of forged codes [start, start+count); returns the exit code and stderr. */
    private String[] importCodes(long start, int count, String... extra) throws Exception {
        Path key = Files.writeString(dir.resolve("app.key"), VaultSeed.KEY, StandardCharsets.UTF_8);
        List<Path> files = PackageForge.forge(count, start, VaultSeed.KEY, dir.resolve("packages-" + start), false,
                TortureLine.APP);
        List<String> args = new ArrayList<>(List.of("import", "--vault", vaultFile().toString(), "--application",
                Long.toString(TortureLine.APP), "--key-file", key.toString()));
        args.addAll(List.of(extra));
        files.forEach(f -> args.add(f.toString()));
        CommandLine cli = YimaEdge.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int rc = cli.execute(args.toArray(String[]::new));
        return new String[] {Integer.toString(rc), err.toString()};
    }

    /** Waits until the running edge noticed the loss and stopped the line (the PLC was told FAULT vault). */
    private void awaitVaultLost(TortureLine line) {
        await("the edge notices its vault is gone and faults the line").atMost(Duration.ofSeconds(10))
                .until(() -> edgeLog().contains("vault lost") && line.plcSawVaultFault());
    }

    @Test
    void walDeletedUnderTheRunningEdgeThenKilledNoCodeIsPrintedTwice() throws Exception {
        Files.createDirectories(disk());
        assertThat(importCodes(0, 10_000)[0]).isEqualTo("0");
        TortureLine line = new TortureLine(dir, vaultFile());
        try (line) {
            line.trial("LOSS-1", new Random(1), edge -> {
                Files.delete(disk().resolve("vault.db-wal"));
                awaitVaultLost(line);
                edge.kill();
                // the line's event numbers went with the WAL: the PLC's counter is reset (docs/operations.md)
                line.plcForgetsEvents();
                edge.start();
            });
            line.trial("LOSS-2", new Random(2), edge -> {
                edge.kill();
                edge.start();
            });
        }
        assertThat(edgeLog()).contains("write-ahead log").contains("voided that the ledger says were issued");
        verdict(line.reads());
    }

    @Test
    void vaultDeletedThenRestartedAndThePackagesImportedAgainNoCodeIsPrintedTwice() throws Exception {
        Files.createDirectories(disk());
        assertThat(importCodes(0, 10_000)[0]).isEqualTo("0");
        TortureLine line = new TortureLine(dir, vaultFile());
        try (line) {
            line.trial("GONE-1", new Random(3), edge -> {
                for (String f : List.of("vault.db", "vault.db-wal", "vault.db-shm")) {
                    Files.deleteIfExists(disk().resolve(f));
                }
                awaitVaultLost(line);
                edge.kill();
                // the restart does not make an empty vault in its place
                assertThatThrownBy(edge::start).hasMessageContaining("edge exited with 1");
                assertThat(edgeLog()).contains("no vault at " + vaultFile().toAbsolutePath());
                assertThat(vaultFile()).doesNotExist();
                // the same packages again: refused, the ledger beside the vault knows their codes were issued
                String[] again = importCodes(0, 10_000);
                assertThat(again[0]).isEqualTo("1");
                assertThat(again[1]).contains("already issued by this edge from another vault");
                // new codes are fine
                assertThat(importCodes(10_000, 2_000)[0]).isEqualTo("0");
                line.plcForgetsEvents(); // a new vault numbers the line's events from 1 again
                edge.start();
            });
            line.trial("GONE-2", new Random(4), edge -> {
                edge.kill();
                edge.start();
            });
        }
        verdict(line.reads());
    }

    @Test
    void vaultDiskNotMountedAtBootTheEdgeRefusesToStartAndGoesOnOnceItIs() throws Exception {
        Files.createDirectories(disk());
        assertThat(importCodes(0, 10_000)[0]).isEqualTo("0");
        Path unmounted = dir.resolve("disk-unmounted");
        TortureLine line = new TortureLine(dir, vaultFile());
        try (line) {
            line.trial("BOOT-1", new Random(5), edge -> {
                edge.kill();
                Files.move(disk(), unmounted); // the mount point is gone (or empty) at boot
                assertThatThrownBy(edge::start).hasMessageContaining("edge exited with 1");
                assertThat(edgeLog()).contains("no vault at " + vaultFile().toAbsolutePath()
                        + ": is the disk that holds it mounted?");
                assertThat(disk()).doesNotExist();
                Files.move(unmounted, disk());
                edge.start();
            });
        }
        verdict(line.reads());
    }

    /**
     * The printer's record against the vault after one more recovery: no code printed twice, and no printed code
     * the vault knows is still AVAILABLE, RESERVED or SENT (it can never be handed out again). The file is intact.
     */
    private void verdict(List<String> reads) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        int twice = 0;
        for (String r : reads) {
            assertThat(r).as("every label the printer received reads").isNotNull();
            if (seen.merge(r, 1, Integer::sum) > 1) {
                twice++;
            }
        }
        List<String> reissuable = new ArrayList<>();
        try (CodeVault vault = CodeVault.openExisting(vaultFile())) {
            vault.recover();
            for (String r : seen.keySet()) {
                Optional<CodeRecord> c = vault.resolveRead(r);
                if (c.isPresent() && !Set.of(CodeState.BOUND, CodeState.REJECTED, CodeState.VOIDED)
                        .contains(c.get().state())) {
                    reissuable.add(r + " (index " + c.get().index() + ") " + c.get().state());
                }
            }
        }
        System.out.printf("vault loss: %d labels printed, %d printed twice, %d printed codes still issuable%n",
                reads.size(), twice, reissuable.size());
        assertThat(reads).as("labels printed").hasSizeGreaterThan(100);
        assertThat(twice).as("codes printed twice").isZero();
        assertThat(reissuable).as("printed codes the vault could hand out again").isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vaultFile());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
