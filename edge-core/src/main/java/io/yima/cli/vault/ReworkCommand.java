package io.yima.cli.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.common.UserFacingException;
import io.yima.vault.PackLevel;
import io.yima.vault.PackUnitJson;
import io.yima.vault.CodeVault;
import io.yima.vault.PackUnit;
import io.yima.vault.Packing;
import io.yima.vault.PackingRefusedException;
import io.yima.vault.VaultException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the rework commands share: the vault file, the case, who does it; the change runs in one committed vault
 * transaction (safe beside a running daemon, like {@code import}) and prints the case as it is afterwards.
 */
abstract class ReworkCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file")
    Path vault;

    @Option(names = "--case", required = true, paramLabel = "CODE",
            description = "the case (or pallet) code: WeChat code, URL, or SSCC (18 digits, (00)…, urn:epc:id:sscc:…)")
    String parent;

    @Option(names = "--operator", required = true, paramLabel = "NAME", description = "who does it (kept in the audit)")
    String operator;

    abstract PackUnit change(Packing packing);

    abstract String done(PackUnit unit);

    @Override
    public Integer call() throws Exception {
        if (operator.isBlank()) {
            throw new UserFacingException("--operator: say who does the rework (it is kept in the audit log)");
        }
        PackUnit unit;
        try (CodeVault v = VaultFiles.openExisting(vault)) {
            unit = change(v.packing());
        } catch (PackingRefusedException e) {
            throw new UserFacingException("refused (" + e.reason() + "): " + e.getMessage(), e);
        } catch (VaultException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        var out = spec.commandLine().getOut();
        out.println(done(unit));
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(PackUnitJson.of(unit)));
        out.flush();
        return 0;
    }

    static String name(PackUnit u) {
        return (u.level() == PackLevel.CASE ? "case " : "pallet ") + u.code();
    }
}
