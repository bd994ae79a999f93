package io.yima.cli.vault;

import io.yima.common.UserFacingException;
import io.yima.vault.CodeVault;
import io.yima.vault.CountDifference;
import io.yima.vault.VaultException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yima-edge vault check}: recounts every code and compares with the counters stats are read from. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Recount every code (slow: reads the whole vault) and compare with the stock counters that"
                + " 'vault stats', the status page and /metrics show. Exit 1 when they differ.",
                "Safe while the daemon runs."})
public final class VaultCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file")
    Path vault;

    @Option(names = "--repair", description = "rewrite the counters from the recount when they differ")
    boolean repair;

    @Override
    public Integer call() {
        List<CountDifference> differences;
        try (CodeVault v = VaultFiles.openExisting(vault)) {
            differences = repair ? v.repairCounts() : v.checkCounts();
        } catch (VaultException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (differences.isEmpty()) {
            out.println("counters match the codes");
            out.flush();
            return 0;
        }
        for (CountDifference d : differences) {
            out.println(d.describe());
        }
        out.println(differences.size() + (differences.size() == 1 ? " difference" : " differences")
                + (repair ? "; counters rewritten from the recount" : "; run with --repair to fix the counters"));
        out.flush();
        return repair ? 0 : 1;
    }
}
