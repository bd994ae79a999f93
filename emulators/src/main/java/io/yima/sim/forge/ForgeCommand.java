package io.yima.sim.forge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yima-sim forge}: writes realistic encrypted code packages for tests, benchmarks and demos. */
@Command(name = "forge", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim forge --count 200000 --key-file app.key --out packages", "  yima-edge import --vault vault.db --application 581865877 --key-file app.key packages/*"},
        description = "Forge encrypted code packages (10,000 codes per file, base64 unless --raw).")
public final class ForgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--count", required = true, paramLabel = "N", description = "number of codes")
    long count;

    @Option(names = "--key-file", required = true, paramLabel = "KEY", description = "file holding the 16-character key")
    Path keyFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--start", defaultValue = "0", paramLabel = "INDEX", description = "first index (default 0)")
    long start;

    @Option(names = "--zip", description = "bundle the files into codes.zip")
    boolean zip;

    @Option(names = "--raw", description = "write raw encrypted bytes instead of base64 text")
    boolean raw;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed; the same seed forges the same codes")
    long seed;

    @Override
    public Integer call() throws Exception {
        String key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
        if (key.getBytes(StandardCharsets.UTF_8).length != 16) {
            spec.commandLine().getErr().println("error: " + keyFile + " must hold a 16-character key");
            return 1;
        }
        List<Path> files = PackageForge.forge(count, start, key, out, zip, seed, !raw);
        spec.commandLine().getOut().println("forged " + count + " codes into " + files.size() + " file(s) in " + out);
        return 0;
    }
}
