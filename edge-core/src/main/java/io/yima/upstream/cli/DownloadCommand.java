package io.yima.upstream.cli;

import io.yima.common.UserFacingException;
import io.yima.config.DurationText;
import io.yima.upstream.ApplicationStatus;
import io.yima.upstream.CodeDownloader;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamConfig;
import io.yima.upstream.VaultUpstreamEvents;
import io.yima.vault.CodeVault;
import io.yima.vault.VaultException;
import io.yima.vault.importing.ImportException;
import io.yima.vault.importing.KeySource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Waits for FINISH if asked, then runs {@link CodeDownloader} with a progress line on stderr. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download an application's codes (applycodedownload) and import them into the vault.")
final class DownloadCommand implements Callable<Integer> {
    @Mixin
    UpstreamOptions upstream;

    @Mixin
    UpstreamCheckOptions checks;

    @Spec
    CommandSpec spec;

    @Option(names = "--application", required = true, paramLabel = "ID", description = "WeChat application_id.")
    long applicationId;

    @Option(names = "--vault", paramLabel = "FILE.db",
            description = "The code vault (default: vault.path of --config).")
    Path vaultFile;

    @Option(names = "--key-file", paramLabel = "KEY", description = "File holding the 16-character package key"
            + " (default: the application's key_file in --config, else the YIMA_KEY environment variable).")
    Path keyFile;

    @Option(names = "--wait", description = "Wait until generation is FINISH instead of failing.")
    boolean await;

    @Option(names = "--poll", defaultValue = "5s", paramLabel = "DURATION", hidden = true,
            converter = DurationConverter.class, description = "Status poll interval with --wait.")
    Duration poll;

    @Override
    public Integer call() throws Exception {
        Path vaultPath = vaultFile != null ? vaultFile : upstream.configuredVault().orElseThrow(() ->
                new UserFacingException("which vault? give --vault FILE.db, or --config with a vault.path"));
        byte[] key = KeySource.load(keyFile != null ? keyFile : upstream.configuredKeyFile(applicationId).orElse(null));
        UpstreamConfig config = upstream.config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CodeVault vault = CodeVault.open(vaultPath)) {
            MarketcodeClient client = upstream.client(config, new VaultUpstreamEvents(vault));
            ApplicationStatus status = UpstreamOptions.call(() -> client.queryApplication(applicationId));
            while (!status.finished()) {
                if (!await) {
                    throw new UserFacingException("application " + applicationId + " is " + status.status()
                            + ", not FINISH yet: run again later or add --wait");
                }
                err.println("application " + applicationId + " is " + status.status() + ", waiting");
                err.flush();
                Thread.sleep(poll.toMillis());
                status = UpstreamOptions.call(() -> client.queryApplication(applicationId));
            }
            ApplicationStatus finished = status;
            Progress progress = new Progress(err, finished.codeCount());
            CodeDownloader.Result result;
            try {
                result = UpstreamOptions.call(() -> new CodeDownloader(client, vault)
                        .configureImports(importer -> checks.applyTo(importer, client)).download(finished, key, progress::at));
            } catch (ImportException | VaultException e) {
                progress.finish();
                throw new UserFacingException("import refused, the vault keeps what it had: " + e.getMessage(), e);
            }
            progress.finish();
            out.println("application " + applicationId + ": " + result.ranges() + " ranges, " + result.codes()
                    + " codes; imported " + result.imported() + ", already in the vault " + result.alreadyPresent());
            out.flush();
        }
        return 0;
    }

    /** One line on stderr, redrawn in place: the technician sees the download move. */
    static final class Progress {
        private final PrintWriter err;
        private final long total;
        private long done;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = Math.max(1, total);
        }

        void at(long n) {
            done = Math.min(total, n);
            int filled = (int) (30 * done / total);
            err.print("\r[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] " + done + "/" + total + " codes");
            err.flush();
        }

        void finish() {
            err.println();
            err.flush();
        }
    }

    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value);
        }
    }
}
