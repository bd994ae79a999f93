package io.yima.sim.rig;

import io.yima.cli.YimaEdge;
import io.yima.sim.forge.PackageForge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vault with stock, made the way a site makes one: forge an encrypted package for an application and import
 * it with the real edge CLI ({@code yima-edge import}).
 */
public final class VaultSeed {
    /** The AES key of forged packages (16 bytes, as WeChat's per-application keys are). */
    public static final String KEY = "yimarig16bytes!!";

    private VaultSeed() {
    }

    /**
     * Forges {@code codes} codes (indexes 0 … codes-1) of {@code applicationId} into {@code work/packages-APP}
     * and imports them into {@code vault}. Returns the key file, which the edge config may reference.
     */
    public static Path importForged(Path vault, long applicationId, int codes, Path work) throws IOException {
        Path key = work.resolve("app-" + applicationId + ".key");
        Files.writeString(key, KEY, StandardCharsets.UTF_8);
        List<Path> files = PackageForge.forge(codes, 0, KEY, work.resolve("packages-" + applicationId), false,
                applicationId);
        List<String> args = new ArrayList<>(List.of("import", "--vault", vault.toString(),
                "--application", Long.toString(applicationId), "--key-file", key.toString()));
        files.forEach(f -> args.add(f.toString()));
        int rc = YimaEdge.commandLine().execute(args.toArray(String[]::new));
        if (rc != 0) {
            throw new IOException("import of " + codes + " forged codes into " + vault + " failed (exit " + rc + ")");
        }
        return key;
    }
}
