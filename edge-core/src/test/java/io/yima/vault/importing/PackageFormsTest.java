package io.yima.vault.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.TestPackages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Form detection corner cases the package fuzzer found (docs/fuzzing.md). */
class PackageFormsTest {

    private static List<ParsedCode> read(byte[] bytes) throws IOException {
        List<ParsedCode> out = new ArrayList<>();
        new PackageReader(TestPackages.keyBytes()).read(NamedInput.of("codes.bin", bytes), out::add);
        return out;
    }

    @Test
    void aRawPackageWhoseCiphertextStartsWithABraceIsNotTakenForJson() throws IOException {
        byte[] cipher = null;
        long start = 0;
        for (; cipher == null || cipher[0] != '{'; start++) {
            cipher = TestPackages.encrypt(TestPackages.text(TestPackages.lines(start, 2)), TestPackages.KEY, 16);
        }
        assertThat(read(cipher)).extracting(ParsedCode::index).containsExactly(start - 1, start);
    }

    @Test
    void aZipWithGbkFileNamesImports() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, Charset.forName("GBK"))) {
            z.putNextEntry(new ZipEntry("\u7801\u5305_0001.b64")); // "码包", as a Chinese Windows names it
            z.write(TestPackages.base64(TestPackages.text(TestPackages.lines(5, 3))));
            z.closeEntry();
        }
        assertThat(read(out.toByteArray())).extracting(ParsedCode::index).containsExactly(5L, 6L, 7L);
    }

    @Test
    void aCutOffJsonResponseIsWordedWithoutParserInternals() {
        // found by PackageParserFuzz: Jackson's message carried "(start marker at [Source: REDACTED (`StreamRead…"
        byte[] cut = "{\"errcode\":0,\"errmsg\":\"ok\",\"buffer\":\"QUJD\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(ImportException.class)
                .hasMessage("codes.bin: not valid JSON at byte 42 (Unexpected end-of-input: expected close marker for "
                        + "Object)");
    }

    @Test
    void aCutOffZipIsWordedNotAnEmptyIoError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("codes_0001.b64"));
            z.write(TestPackages.base64(TestPackages.text(TestPackages.lines(0, 50))));
            z.closeEntry();
        }
        byte[] cut = Arrays.copyOf(out.toByteArray(), 35);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(ImportException.class)
                .hasMessage("codes.bin: truncated zip (the file ends inside an entry)");
    }
}
