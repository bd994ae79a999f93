package io.yima.upstream;

import io.yima.vault.CodeVault;
import io.yima.vault.importing.ImportResult;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Downloads every range of a FINISH application straight into the vault import: no package file on disk, one
 * all-or-nothing import per range. Ranges already in the vault are skipped, so running it again after an
 * interruption completes the download without duplicates.
 */
public final class CodeDownloader {
    /** What a download did, in codes. */
    public record Result(int ranges, long codes, long imported, long alreadyPresent) {
    }

    private final MarketcodeClient client;
    private final CodeVault vault;
    private Consumer<PackageImporter> importOptions = importer -> { };

    public CodeDownloader(MarketcodeClient client, CodeVault vault) {
        this.client = client;
        this.vault = vault;
    }

    /** Sets up each range's import (the reissue checks and their overrides). */
    public CodeDownloader configureImports(Consumer<PackageImporter> options) {
        this.importOptions = options;
        return this;
    }

    /**
     * @param status the application's {@code applycodequery} answer; must be FINISH
     * @param progress told the number of codes done so far (skipped ranges count as done)
     */
    public Result download(ApplicationStatus status, byte[] key16, LongConsumer progress) {
        if (!status.finished()) {
            throw new IllegalStateException("application " + status.applicationId() + " is " + status.status());
        }
        long applicationId = status.applicationId();
        long done = 0;
        long imported = 0;
        long present = 0;
        for (CodeRange r : status.codeGenerateList()) {
            if (vault.byIndex(applicationId, r.codeStart()).isPresent()
                    && vault.byIndex(applicationId, r.codeEnd()).isPresent()) {
                // Each range is imported all-or-nothing, so both ends present means the whole range is.
                present += r.length();
            } else {
                String buffer = client.downloadPackage(applicationId, r);
                long before = done;
                PackageImporter importer = new PackageImporter(vault).onProgress(n -> progress.accept(before + n));
                importOptions.accept(importer);
                ImportResult result = importer.importStreams(applicationId, key16, List.of(NamedInput.ofBase64(
                                "application " + applicationId + " range " + r.codeStart() + ".." + r.codeEnd(), buffer)));
                imported += result.imported();
                present += result.alreadyPresent();
            }
            done += r.length();
            progress.accept(done);
        }
        return new Result(status.codeGenerateList().size(), status.codeCount(), imported, present);
    }
}
