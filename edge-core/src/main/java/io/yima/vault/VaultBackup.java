package io.yima.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A consistent copy of a vault that may be in use: SQLite's {@code VACUUM INTO} reads one snapshot (a read
 * transaction, so a running line's commits go on meanwhile) and writes a compact new file, identity included. The
 * ledger is copied after the snapshot, so the copy records at least every code the backup shows as issued and
 * every code reserved after it: restoring both voids what was issued after the backup instead of issuing it again.
 */
public final class VaultBackup {
    /** What was written. */
    public record Result(String vaultId, long bytes, boolean ledgerCopied) {
    }

    private VaultBackup() {
    }

    public static Result write(CodeVault vault, Path out) {
        Path target = out.toAbsolutePath();
        vault.vacuumInto(target);
        try {
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Path ledger = vault.ledger().file();
            boolean copied = Files.exists(ledger);
            if (copied) {
                Path copy = Ledger.fileOf(target);
                Files.copy(ledger, copy, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Ledger.open(target).close(); // the copy must read back whole
            }
            return new Result(vault.vaultId(), Files.size(target), copied);
        } catch (IOException e) {
            throw new VaultException("cannot write the backup " + target + ": " + e.getMessage(), e);
        }
    }
}
