package io.yima.cli.vault;

import io.yima.common.UserFacingException;
import io.yima.vault.CodeVault;
import io.yima.vault.VaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yima-edge vault init}: creates an empty vault, the one way besides {@code import} to get a new one. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a new, empty vault with an identity of its own. `run` never creates a vault.",
                "Refused when the file already exists."})
public final class VaultInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file to create")
    Path vault;

    @Override
    public Integer call() {
        if (Files.exists(vault)) {
            throw new UserFacingException("a file already exists at " + vault + "; vault init only creates new vaults");
        }
        Path parent = vault.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserFacingException("no directory " + parent + ": is the disk that should hold the vault mounted?"
                    + " Create the directory first if it is meant to be new");
        }
        String id;
        try (CodeVault v = CodeVault.open(vault)) {
            id = v.vaultId();
        } catch (VaultException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        spec.commandLine().getOut().println("created vault " + vault + " (id " + id + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
