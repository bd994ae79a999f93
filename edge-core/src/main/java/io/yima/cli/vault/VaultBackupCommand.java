package io.yima.cli.vault;

import io.yima.common.UserFacingException;
import io.yima.vault.CodeVault;
import io.yima.vault.Ledger;
import io.yima.vault.VaultBackup;
import io.yima.vault.VaultException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yima-edge vault backup}: a consistent copy of the vault, taken while the line runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a consistent copy of the vault (it keeps the vault's identity) while the edge runs,"
                + " and a copy of its ledger beside it (BACKUP.db.ledger).",
                "Restore: docs/operations.md, \"Backup and restore\"."})
public final class VaultBackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file")
    Path vault;

    @Option(names = "--out", required = true, paramLabel = "BACKUP.db", description = "backup file to write (must not"
            + " exist)")
    Path out;

    @Override
    public Integer call() {
        if (Files.exists(out)) {
            throw new UserFacingException("a file already exists at " + out + "; choose a new name for the backup");
        }
        VaultBackup.Result r;
        try (CodeVault v = VaultFiles.openExisting(vault)) {
            r = VaultBackup.write(v, out);
        } catch (VaultException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("backup of vault " + r.vaultId() + " written to " + out + " (" + r.bytes() + " bytes)"
                + (r.ledgerCopied() ? "; ledger copied to " + Ledger.fileOf(out) : "; the vault has no ledger yet"));
        o.flush();
        return 0;
    }
}
