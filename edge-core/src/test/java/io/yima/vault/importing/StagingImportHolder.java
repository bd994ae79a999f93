package io.yima.vault.importing;

import io.yima.vault.CodeVault;
import io.yima.vault.TestPackages;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate import process for {@link AbandonedImportTest}: imports {@code count} codes from {@code start} into a
 * live vault, says "staged" after its first chunk and then hangs there, as a process does until it is killed.
 */
public final class StagingImportHolder {
    private StagingImportHolder() {
    }

    public static void main(String[] args) throws Exception {
        long start = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        try (CodeVault vault = CodeVault.open(Path.of(args[0]))) {
            new PackageImporter(vault).afterChunk(() -> {
                System.out.println("staged");
                System.out.flush();
                try {
                    while (System.in.read() >= 0) {
                        // wait to be killed
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Runtime.getRuntime().halt(3);
            }).importStreams(TestPackages.APP, TestPackages.keyBytes(), List.of(NamedInput.of("held.b64",
                    TestPackages.base64(TestPackages.text(TestPackages.lines(start, count))))));
        }
    }
}
