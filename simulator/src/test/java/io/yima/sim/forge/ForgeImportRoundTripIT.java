package io.yima.sim.forge;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.YimaEdge;
import io.yima.drivers.symbol.Microcode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Forge → the real edge CLI → every code retrievable by index, code, URL and matrix. */
class ForgeImportRoundTripIT {
    static final String KEY = "roundTripKey16b!";
    static final long APP = 581865877L;

    @TempDir
    Path dir;

    @Test
    void forgedPackagesImportThroughTheCliAndEveryCodeResolves() throws Exception {
        List<Path> files = PackageForge.forge(20_000, 0, KEY, dir.resolve("pkg"), false, APP);
        Path zip = PackageForge.forge(10_000, 20_000, KEY, dir.resolve("zip"), true, APP).get(0);
        Path key = Files.writeString(dir.resolve("k"), KEY);
        Path db = dir.resolve("vault.db");
        List<String> args = new ArrayList<>(List.of("import", "--vault", db.toString(), "--application",
                Long.toString(APP), "--key-file", key.toString()));
        files.forEach(f -> args.add(f.toString()));
        args.add(zip.toString());
        CommandLine cli = YimaEdge.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).startsWith("imported 30000 codes into application 581865877 in ");

        try (CodeVault vault = CodeVault.open(db)) {
            for (long i = 0; i < 30_000; i++) {
                PackageForge.ForgedCode f = PackageForge.code(APP, i);
                CodeRecord r = vault.byIndex(APP, i).orElseThrow();
                assertThat(r.code()).isEqualTo(f.code());
                assertThat(r.url()).isEqualTo(f.url());
                assertThat(r.matrix().bits()).isEqualTo(f.matrix());
                assertThat(vault.byCode(f.code())).contains(r);
                assertThat(vault.byUrl(f.url())).contains(r);
                assertThat(vault.byMatrix(Microcode.fromBits(f.matrix()))).contains(r);
            }
        }
    }

    @Test
    void anEmulatedDownloadBufferGoesStraightIntoTheVaultAndARedownloadAddsNothing() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            PackageImporter importer = new PackageImporter(vault);
            String buffer = PackageForge.base64Package(APP, 10_000, 19_999, KEY);
            byte[] key = KEY.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(importer.importStreams(APP, key, List.of(NamedInput.ofBase64("download", buffer))).imported())
                    .isEqualTo(10_000);
            String again = PackageForge.base64Package(APP, 10_000, 19_999, KEY);
            assertThat(importer.importStreams(APP, key, List.of(NamedInput.ofBase64("download", again)))
                    .alreadyPresent()).isEqualTo(10_000);
            assertThat(vault.byIndex(APP, 15_000).orElseThrow().code()).isEqualTo(PackageForge.code(APP, 15_000).code());
        }
    }
}
