package io.yima.cli.vault;

import io.yima.common.UserFacingException;
import io.yima.vault.CodeVault;
import io.yima.vault.VaultException;
import io.yima.vault.importing.ImportException;
import io.yima.vault.importing.ImportResult;
import io.yima.vault.importing.KeySource;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.FilterInputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.VaultUpstreamEvents;
import io.yima.upstream.cli.UpstreamCheckOptions;
import io.yima.upstream.cli.UpstreamOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code yima-edge import}: encrypted code packages into the vault, all or nothing. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import encrypted code packages (base64, raw, .zip or applycodedownload JSON; '-' = stdin)"
                + " into the vault. All or nothing: one bad line and nothing is imported.",
                "The key comes from --key-file or the YIMA_KEY environment variable and is never printed.",
                "With upstream settings (--config with an upstream: section) WeChat is first asked whether the codes"
                        + " were already activated; activated codes refuse the import."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "vault database file")
    Path vault;

    @Option(names = "--application", required = true, paramLabel = "APP_ID", description = "WeChat application_id")
    long application;

    @Option(names = "--key-file", paramLabel = "KEY", description = "file holding the 16-character package key")
    Path keyFile;

    @Mixin
    UpstreamOptions upstream;

    @Mixin
    UpstreamCheckOptions checks;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "package files; '-' reads standard input")
    List<String> files;

    @Override
    public Integer call() {
        byte[] key = KeySource.load(keyFile);
        List<NamedInput> inputs = new ArrayList<>();
        for (String f : files) {
            if (f.equals("-")) {
                inputs.add(new NamedInput("stdin", () -> new FilterInputStream(System.in) {
                    @Override
                    public void close() {
                        // standard input belongs to the process
                    }
                }));
            } else {
                Path p = Path.of(f);
                if (!Files.isReadable(p)) {
                    throw new UserFacingException(f + ": no such readable file");
                }
                inputs.add(NamedInput.of(p));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        try (CodeVault v = CodeVault.open(vault)) {
            PackageImporter importer = new PackageImporter(v);
            // with upstream configured, WeChat is asked whether the codes were activated before (never skipped silently)
            MarketcodeClient client = upstream.configIfGiven()
                    .map(c -> upstream.client(c, new VaultUpstreamEvents(v))).orElse(null);
            checks.applyTo(importer, client);
            if (terminal) {
                importer.onProgress(n -> {
                    err.print("\rimporting: " + n + " codes");
                    err.flush();
                });
            }
            ImportResult result = importer.importStreams(application, key, inputs);
            if (terminal && result.imported() >= 50_000) {
                err.print("\r");
                err.flush();
            }
            spec.commandLine().getOut().println(result.summary());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ImportException | VaultException e) {
            if (terminal) {
                err.println();
            }
            throw new UserFacingException(e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

}
