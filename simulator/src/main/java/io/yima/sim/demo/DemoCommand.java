package io.yima.sim.demo;

import io.yima.cli.YimaEdge;
import io.yima.sim.forge.PackageForge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim demo}: forge a package, import it with the real edge CLI, print the vault stock. A stand-in
 * until the demo line (print → scan → bind → activate) replaces it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Forge 20,000 codes, import them with yima-edge, print vault stats.")
public final class DemoCommand implements Callable<Integer> {
    static final long APPLICATION = 581865877L;
    static final String DEMO_KEY = "yimademo16bytes!";

    @Option(names = "--count", defaultValue = "20000", paramLabel = "N", description = "codes to forge (default 20000)")
    long count;

    @Option(names = "--keep", description = "keep the temporary directory (vault and packages)")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("yima-demo");
        try {
            Path key = dir.resolve("demo.key");
            Files.writeString(key, DEMO_KEY, StandardCharsets.UTF_8);
            List<Path> files = PackageForge.forge(count, 0, DEMO_KEY, dir.resolve("packages"), false, APPLICATION);
            System.out.println("forged " + count + " codes into " + files.size() + " package files");
            Path vault = dir.resolve("vault.db");
            List<String> args = new ArrayList<>(List.of("import", "--vault", vault.toString(),
                    "--application", Long.toString(APPLICATION), "--key-file", key.toString()));
            files.forEach(f -> args.add(f.toString()));
            int rc = YimaEdge.commandLine().execute(args.toArray(String[]::new));
            if (rc != 0) {
                return rc;
            }
            return YimaEdge.commandLine().execute("vault", "stats", "--vault", vault.toString());
        } finally {
            if (keep) {
                System.out.println("kept " + dir);
            } else {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
