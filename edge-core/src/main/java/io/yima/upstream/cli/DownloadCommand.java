package io.yima.upstream.cli;

import io.yima.cli.UserFacingException;
import io.yima.cli.vault.KeySource;
import io.yima.upstream.ApplicationStatus;
import io.yima.upstream.CodeRange;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamConfig;
import io.yima.upstream.VaultUpstreamEvents;
import io.yima.vault.CodeVault;
import io.yima.vault.importing.ImportResult;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Downloads every range of an application straight into the vault import (no package file on disk). Each range
 * is one all-or-nothing import; ranges already in the vault are skipped, so a download interrupted half-way is
 * completed by running the same command again.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download an application's codes (applycodedownload) and import them into the vault.")
final class DownloadCommand implements Callable<Integer> {
    @Mixin
    UpstreamOptions upstream;

    @Spec
    CommandSpec spec;

    @Option(names = "--application", required = true, paramLabel = "ID", description = "WeChat application_id.")
    long applicationId;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "The code vault.")
    Path vaultFile;

    @Option(names = "--key-file", paramLabel = "KEY", description = "File holding the 16-character package key (or set YIMA_KEY).")
    Path keyFile;

    @Option(names = "--wait", description = "Wait until generation is FINISH instead of failing.")
    boolean await;

    @Option(names = "--poll", defaultValue = "5s", paramLabel = "DURATION", hidden = true,
            converter = DurationConverter.class, description = "Status poll interval with --wait.")
    Duration poll;

    @Override
    public Integer call() throws Exception {
        byte[] key = KeySource.load(keyFile);
        UpstreamConfig config = upstream.config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CodeVault vault = CodeVault.open(vaultFile)) {
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
            List<CodeRange> ranges = status.codeGenerateList();
            long total = status.codeCount();
            Progress progress = new Progress(err, total);
            long imported = 0;
            long skipped = 0;
            for (int i = 0; i < ranges.size(); i++) {
                CodeRange r = ranges.get(i);
                if (vault.byIndex(applicationId, r.codeStart()).isPresent()
                        && vault.byIndex(applicationId, r.codeEnd()).isPresent()) {
                    // Each range is imported all-or-nothing, so both ends present means the whole range is.
                    skipped += r.length();
                    progress.advance(r.length());
                    continue;
                }
                String buffer = UpstreamOptions.call(() -> client.downloadPackage(applicationId, r));
                long before = progress.done();
                ImportResult result = new PackageImporter(vault)
                        .onProgress(n -> progress.at(before + n))
                        .importStreams(applicationId, key, List.of(NamedInput.ofBase64(
                                "application " + applicationId + " range " + r.codeStart() + ".." + r.codeEnd(), buffer)));
                imported += result.imported();
                skipped += result.alreadyPresent();
                progress.at(before + r.length());
            }
            progress.finish();
            out.println("application " + applicationId + ": " + ranges.size() + " ranges, " + total + " codes; imported "
                    + imported + ", already in the vault " + skipped);
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

        long done() {
            return done;
        }

        void advance(long n) {
            at(done + n);
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
            return io.yima.upstream.DurationText.parse(value);
        }
    }
}
