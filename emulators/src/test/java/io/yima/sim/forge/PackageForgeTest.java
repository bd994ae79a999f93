package io.yima.sim.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageForgeTest {
    static final String KEY = "forgeKey16bytes!";

    @TempDir
    Path dir;

    @Test
    void codesLookRealAndAreUnique() {
        Set<String> codes = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (long i = 0; i < 30_000; i++) {
            PackageForge.ForgedCode c = PackageForge.code(42, i);
            assertThat(c.matrix()).hasSize(361).matches("[01]+");
            assertThat(c.code()).matches("[0-9A-Z*$]{1,9}");
            assertThat(c.url()).hasSize(28).startsWith("P.URL.CN/").matches("P\\.URL\\.CN/[0-9A-Z$%*+\\-./:]{19}");
            assertThat(c.index()).isEqualTo(i);
            codes.add(c.code());
            urls.add(c.url());
        }
        assertThat(codes).hasSize(30_000);
        assertThat(urls).hasSize(30_000);
    }

    @Test
    void theSameSeedForgesTheSameCodesAndAnotherSeedOthers() {
        assertThat(PackageForge.code(7, 123)).isEqualTo(PackageForge.code(7, 123));
        assertThat(PackageForge.code(8, 123).code()).isNotEqualTo(PackageForge.code(7, 123).code());
        assertThat(PackageForge.base64Package(581865877L, 0, 99, KEY))
                .isEqualTo(PackageForge.base64Package(581865877L, 0, 99, KEY));
    }

    @Test
    void filesHoldTenThousandCodesEachAndDecryptWithKeyAsIv() throws Exception {
        List<Path> files = PackageForge.forge(25_000, 100, KEY, dir, false, 3);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("codes_0001.b64", "codes_0002.b64", "codes_0003.b64");
        String[] lines = decrypt(Base64.getDecoder().decode(Files.readAllBytes(files.get(2)))).split("\n");
        assertThat(lines).hasSize(5_000);
        assertThat(lines[0]).isEqualTo(PackageForge.code(3, 20_100).line());
        assertThat(lines[4_999].split(" ")[2]).isEqualTo("25099");
    }

    @Test
    void zipBundlesTheFilesAndRawModeWritesCiphertext() throws Exception {
        Path zip = PackageForge.forge(20_000, 0, KEY, dir.resolve("z"), true, 1).get(0);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.stream().map(e -> e.getName()).toList()).containsExactly("codes_0001.b64", "codes_0002.b64");
        }
        Path raw = PackageForge.forge(10, 0, KEY, dir.resolve("r"), false, 1, false).get(0);
        assertThat(raw.getFileName().toString()).isEqualTo("codes_0001.bin");
        assertThat(decrypt(Files.readAllBytes(raw))).startsWith(PackageForge.code(1, 0).line() + "\n");
    }

    private static String decrypt(byte[] cipherText) throws Exception {
        byte[] k = KEY.getBytes(StandardCharsets.US_ASCII);
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(k));
        return new String(c.doFinal(cipherText), StandardCharsets.US_ASCII);
    }
}
