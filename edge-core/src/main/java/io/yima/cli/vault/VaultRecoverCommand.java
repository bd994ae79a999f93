package io.yima.cli.vault;

import io.yima.common.UserFacingException;
import io.yima.line.RecoveredResults;
import io.yima.vault.CodeVault;
import io.yima.vault.RecoveryReport;
import io.yima.vault.VaultException;
import io.yima.vault.VaultLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yima-edge vault recover}: the daemon's start-up recovery, without starting a daemon. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Run the start-up recovery while no daemon runs: reserved codes back to stock, sent codes"
                + " without a verdict voided (CRASH), interrupted imports cleaned up.",
                "Refused while a daemon holds the vault."})
public final class VaultRecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file")
    Path vault;

    @Override
    public Integer call() {
        RecoveryReport r;
        try (VaultLock lock = VaultLock.acquire(vault); CodeVault v = VaultFiles.openExisting(vault)) {
            r = v.recover(new RecoveredResults());
        } catch (VaultException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("released " + r.released() + " reserved codes, voided " + r.voided() + " sent codes; imports: "
                + r.importsDiscarded() + " discarded (" + r.codesDiscarded() + " codes), " + r.importsPublished()
                + " finished (" + r.codesPublished() + " codes)"
                + (r.ledgerVoided() > 0 ? "; voided " + r.ledgerVoided() + " codes the ledger says were issued but"
                        + " the vault had in stock (it had lost commits)" : ""));
        out.flush();
        return 0;
    }
}
