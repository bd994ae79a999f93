package io.yima.vault.importing;

import static io.yima.vault.TestPackages.APP;
import static io.yima.vault.TestPackages.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.drivers.symbol.Microcode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.TestPackages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageImporterTest {
    @TempDir
    Path dir;
    CodeVault vault;
    PackageImporter importer;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        importer = new PackageImporter(vault);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private ImportResult importAll(NamedInput... inputs) {
        return importer.importStreams(APP, TestPackages.keyBytes(), List.of(inputs));
    }

    private static NamedInput b64(String name, List<String> lines) {
        return NamedInput.of(name, TestPackages.base64(TestPackages.text(lines)));
    }

    /** Everything a failed import could have touched: codes, applications, events. */
    private String snapshot() {
        return vault.stats() + "/" + vault.inTransaction(c -> count(c, "event") + "," + count(c, "application"));
    }

    private static long count(Connection c, String table) throws java.sql.SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertRefused(String message, NamedInput... inputs) {
        String before = snapshot();
        assertThatThrownBy(() -> importAll(inputs)).isInstanceOf(ImportException.class).hasMessage(message);
        assertThat(snapshot()).isEqualTo(before);
    }

    private void assertRefusedContaining(String fragment, NamedInput... inputs) {
        String before = snapshot();
        assertThatThrownBy(() -> importAll(inputs)).isInstanceOf(ImportException.class).hasMessageContaining(fragment);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void goldenSampleFromTheGuideImportsAndResolvesAllThreeForms() {
        // Sample line: WeChat "one thing one code" guide, quoted in docs/vault.md.
        importAll(b64("golden.b64", List.of(TestPackages.GOLDEN)));
        String matrix = TestPackages.GOLDEN.split(" ")[0];
        CodeRecord r = vault.byIndex(APP, 0).orElseThrow();
        assertThat(r.code()).isEqualTo("0436Z31$0");
        assertThat(r.url()).isEqualTo("P.URL.CN/0V/IXO*FWWYLZLXUXGR");
        assertThat(r.matrix().bits()).isEqualTo(matrix);
        assertThat(r.state()).isEqualTo(CodeState.AVAILABLE);
        assertThat(vault.resolveRead("P.URL.CN/0V/IXO*FWWYLZLXUXGR")).contains(r);
        assertThat(vault.resolveRead("0436Z31$0")).contains(r);
        assertThat(vault.resolveRead(matrix)).contains(r);
    }

    @Test
    void roundTripEveryCodeRetrievableByIndexCodeUrlAndMatrix() {
        List<String> lines = TestPackages.lines(0, 2500);
        ImportResult result = importAll(b64("a.b64", lines.subList(0, 1200)), b64("b.b64", lines.subList(1200, 2500)));
        assertThat(result.imported()).isEqualTo(2500);
        assertThat(result.files()).isEqualTo(2);
        for (String line : lines) {
            String[] f = line.split(" ");
            long index = Long.parseLong(f[2]);
            CodeRecord r = vault.byIndex(APP, index).orElseThrow();
            assertThat(r.code()).isEqualTo(f[1]);
            assertThat(r.url()).isEqualTo(f[3]);
            assertThat(r.matrix().bits()).isEqualTo(f[0]);
            assertThat(vault.byCode(f[1])).contains(r);
            assertThat(vault.byUrl(f[3])).contains(r);
            assertThat(vault.byMatrix(Microcode.fromBits(f[0]))).contains(r);
        }
        assertThat(vault.stats().applications().get(0).total()).isEqualTo(2500);
    }

    @Test
    void bulkImportLeavesTheVaultInWalModeAndWorksWhileAnotherProcessHoldsTheVault() {
        try (CodeVault daemon = CodeVault.open(dir.resolve("vault.db"))) {
            assertThat(daemon.isEmpty()).isTrue();
            importAll(b64("a.b64", TestPackages.lines(0, 100)));
            assertThat(daemon.byIndex(APP, 99)).isPresent();
        }
        importAll(b64("b.b64", TestPackages.lines(100, 100)));
        String mode = vault.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(mode).isEqualTo("wal");
        assertThat(vault.stats().applications().get(0).total()).isEqualTo(200);
    }

    @Test
    void rawBinaryCrlfLinesAnd32BytePaddingAreAccepted() {
        String text = String.join("\r\n", TestPackages.lines(0, 30)) + "\r\n";
        assertThat(importAll(NamedInput.of("raw.bin", TestPackages.encrypt(text, KEY, 32))).imported()).isEqualTo(30);
        assertThat(vault.byIndex(APP, 29)).isPresent();
    }

    @Test
    void zipOfPackagesAndApplyCodeDownloadJsonAreDetected() throws IOException {
        byte[] zip = zip(List.of("codes_0001.b64", "codes_0002.bin"),
                List.of(TestPackages.base64(TestPackages.text(TestPackages.lines(0, 10))),
                        TestPackages.encrypt(TestPackages.text(TestPackages.lines(10, 10)), KEY, 16)));
        String json = "{\"errcode\":0,\"errmsg\":\"ok\",\"buffer\":\""
                + new String(TestPackages.base64(TestPackages.text(TestPackages.lines(20, 5))), StandardCharsets.US_ASCII)
                + "\"}";
        ImportResult r = importAll(NamedInput.of("codes.zip", zip),
                NamedInput.of("download.json", json.getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.imported()).isEqualTo(25);
        assertThat(r.files()).isEqualTo(3);
    }

    @Test
    void reimportOfTheSamePackageAddsNothingAndSaysSo() {
        List<String> lines = TestPackages.lines(0, 300);
        importAll(b64("p.b64", lines));
        ImportResult again = importAll(b64("p.b64", lines));
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(300);
        assertThat(again.summary()).contains("all 300 codes were already in the vault");
        assertThat(vault.stats().applications().get(0).total()).isEqualTo(300);
    }

    @Test
    void secondImportIntoANonEmptyVaultAddsNewRange() {
        importAll(b64("p1.b64", TestPackages.lines(0, 100)));
        assertThat(importAll(b64("p2.b64", TestPackages.lines(100, 100))).imported()).isEqualTo(100);
        assertThat(vault.byCode(TestPackages.line(150).split(" ")[1])).isPresent();
    }

    @Test
    void wrongKeyIsReportedAsSuch() {
        byte[] other = TestPackages.encrypt(TestPackages.text(TestPackages.lines(0, 20)), "fedcba9876543210", 16);
        assertRefused("p.bin: wrong key or corrupt package", NamedInput.of("p.bin", other));
    }

    @Test
    void truncatedBase64IsRefused() {
        byte[] full = TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20)));
        assertRefusedContaining("p.b64: truncated",
                NamedInput.of("p.b64", java.util.Arrays.copyOf(full, full.length / 2 + 1)));
    }

    @Test
    void nonBase64CharacterIsRefused() {
        byte[] b = TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20)));
        b[100] = '.';
        assertRefused("p.b64: not valid base64 (byte 0x2e at offset 100)", NamedInput.of("p.b64", b));
    }

    @Test
    void badPaddingIsRefused() {
        byte[] plain = TestPackages.text(TestPackages.lines(0, 3)).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = java.util.Arrays.copyOf(plain, plain.length + (16 - plain.length % 16));
        java.util.Arrays.fill(padded, plain.length, padded.length, (byte) 0x41);
        assertRefused("p.bin: wrong key or corrupt package (bad padding)",
                NamedInput.of("p.bin", TestPackages.aes(padded, KEY)));
    }

    @Test
    void matrixOfWrongLengthNamesFileLineAndField() {
        List<String> lines = new ArrayList<>(TestPackages.lines(0, 10));
        lines.set(6, lines.get(6).substring(1));
        assertRefused("codes_0002.b64 line 7: matrix has 360 characters, expected 361",
                b64("codes_0001.b64", TestPackages.lines(100, 5)), b64("codes_0002.b64", lines));
    }

    @Test
    void matrixWithOtherCharacterIsRefused() {
        List<String> lines = new ArrayList<>(TestPackages.lines(0, 3));
        lines.set(1, "2" + lines.get(1).substring(1));
        assertRefused("p.b64 line 2: matrix has '2' at position 1, expected 0 or 1", b64("p.b64", lines));
    }

    @Test
    void codeTooLongIsRefused() {
        assertRefused("p.b64 line 1: code has 10 characters, expected 1 to 9",
                b64("p.b64", List.of(replaceField(TestPackages.line(0), 1, "ABCDEFGHIJ"))));
    }

    @Test
    void nonNumericIndexIsRefused() {
        assertRefused("p.b64 line 1: index '12a' is not a non-negative integer",
                b64("p.b64", List.of(replaceField(TestPackages.line(0), 2, "12a"))));
    }

    @Test
    void negativeIndexIsRefused() {
        assertRefused("p.b64 line 1: index '-1' is not a non-negative integer",
                b64("p.b64", List.of(replaceField(TestPackages.line(0), 2, "-1"))));
    }

    @Test
    void urlOfWrongLengthIsRefused() {
        assertRefused("p.b64 line 1: url has 27 characters, expected 28",
                b64("p.b64", List.of(replaceField(TestPackages.line(0), 3, "P.URL.CN/0V/IXO*FWWYLZLXUXG"))));
    }

    @Test
    void missingFieldIsRefused() {
        String line = TestPackages.line(0);
        assertRefused("p.b64 line 1: expected 4 fields (matrix code index url), found 3",
                b64("p.b64", List.of(line.substring(0, line.lastIndexOf(' ')))));
    }

    @Test
    void duplicateIndexInsidePackageIsRefused() {
        List<String> lines = new ArrayList<>(TestPackages.lines(0, 10));
        lines.set(5, replaceField(TestPackages.line(50), 2, "3"));
        assertRefused("p.b64 line 6: index 3 appears twice with different codes (also at p.b64 line 4)",
                b64("p.b64", lines));
    }

    @Test
    void duplicateCodeAcrossPackagesIsRefusedInAnEmptyVault() {
        String dup = replaceField(TestPackages.line(20), 1, TestPackages.line(2).split(" ")[1]);
        List<String> second = new ArrayList<>(TestPackages.lines(10, 20));
        second.set(10, dup);
        assertRefused("b.b64 line 11: code " + TestPackages.line(2).split(" ")[1] + " duplicates index 2 (a.b64 line 3)",
                b64("a.b64", TestPackages.lines(0, 10)), b64("b.b64", second));
    }

    @Test
    void codeAlreadyInTheVaultUnderAnotherIndexIsRefused() {
        importAll(b64("a.b64", TestPackages.lines(0, 10)));
        String clash = replaceField(TestPackages.line(100), 1, TestPackages.line(4).split(" ")[1]);
        assertRefused("b.b64 line 1: code " + TestPackages.line(4).split(" ")[1]
                + " already exists under index 4 in the vault", b64("b.b64", List.of(clash)));
    }

    @Test
    void urlAlreadyInTheVaultUnderAnotherIndexIsRefused() {
        importAll(b64("a.b64", TestPackages.lines(0, 10)));
        String clash = replaceField(TestPackages.line(100), 3, TestPackages.line(4).split(" ")[3]);
        assertRefused("b.b64 line 1: url already exists under index 4 in the vault", b64("b.b64", List.of(clash)));
    }

    @Test
    void emptyFileIsRefused() {
        assertRefused("empty.b64: empty file", b64("ok.b64", TestPackages.lines(0, 5)),
                NamedInput.of("empty.b64", new byte[0]));
    }

    @Test
    void tenMegabyteLineWithoutNewlineFailsFastWithBoundedMemory() {
        // 10 MB of plaintext with no line break, produced and encrypted as a stream: never held in memory whole.
        long size = 10L * 1024 * 1024;
        NamedInput huge = new NamedInput("huge.bin", () -> new javax.crypto.CipherInputStream(
                new InputStream() {
                    long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? '1' : (left >= -16 ? 16 : -1);
                    }
                }, encryptor()));
        assertRefused("huge.bin line 1: line is longer than 1024 bytes (a code line is at most 409); not a code"
                + " package or no line breaks", huge);
    }

    @Test
    void zipWithANonPackageEntryIsRefused() throws IOException {
        byte[] zip = zip(List.of("codes_0001.b64", "README.txt"),
                List.of(TestPackages.base64(TestPackages.text(TestPackages.lines(0, 10))),
                        "These are the codes for batch 7, see the attached order.\n".getBytes(StandardCharsets.US_ASCII)));
        assertRefused("codes.zip!README.txt: not a code package (text that is neither base64 nor an applycodedownload"
                + " response)", NamedInput.of("codes.zip", zip));
    }

    @Test
    void failedDownloadResponseIsRefused() {
        assertRefused("dl.json: applycodedownload failed with errcode 47001 (data format error)",
                NamedInput.of("dl.json", "{\"errcode\":47001,\"errmsg\":\"data format error\"}"
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    private static javax.crypto.Cipher encryptor() {
        try {
            byte[] k = KEY.getBytes(StandardCharsets.US_ASCII);
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(k, "AES"),
                    new javax.crypto.spec.IvParameterSpec(k));
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String replaceField(String line, int field, String value) {
        String[] f = line.split(" ");
        f[field] = value;
        return String.join(" ", f);
    }

    private static byte[] zip(List<String> names, List<byte[]> contents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < names.size(); i++) {
                z.putNextEntry(new ZipEntry(names.get(i)));
                z.write(contents.get(i));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

}
