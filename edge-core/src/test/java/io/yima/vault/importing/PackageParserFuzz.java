package io.yima.vault.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.yima.vault.TestPackages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the package parser ({@link PackageReader}: form detection, zip, applycodedownload JSON, base64, AES and
 * PKCS#7, line splitting and {@link LineParser}) with damaged packages in every form: damage to the plaintext
 * lines before encryption, and damage to the bytes after. The outcome must be the codes of a valid package, or
 * an {@link ImportException} whose message a technician can read (bytes in memory cannot fail to read, so an
 * {@link IOException} escaping is a damaged form the reader did not recognise). The vault is not involved: what reaches it is exactly what the parser hands on. Tries: jqwik's default in
 * CI, more by {@code -Djqwik.tries.default=N} (docs/fuzzing.md).
 */
class PackageParserFuzz {
    static final Pattern JAVA_NAME = Pattern.compile("[Ee]xception|java\\.|io\\.yima|com\\.fasterxml|\\bat \\[Source"
            + "|[a-z]\\$[A-Z]|[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+");
    /** Far above a try's cost even on a starved machine (the first try also loads and warms the classes). */
    private static final Duration HANG = Duration.ofSeconds(60);

    enum Form { BASE64, RAW, JSON, ZIP }

    @Property
    void damagedPackagesGiveCodesOrATechniciansMessage(@ForAll long seed,
                                                       @ForAll @IntRange(min = 1, max = 40) int codes,
                                                       @ForAll Form form,
                                                       @ForAll @IntRange(min = 0, max = 3) int lineDamage,
                                                       @ForAll @IntRange(min = 0, max = 3) int byteDamage) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(TestPackages.lines(r.nextInt(1000), codes));
        for (int i = 0; i < lineDamage; i++) {
            int at = r.nextInt(lines.size());
            lines.set(at, new String(damage(r, lines.get(at).getBytes(StandardCharsets.ISO_8859_1)),
                    StandardCharsets.ISO_8859_1));
        }
        byte[] bytes = wrap(form, r, TestPackages.text(lines));
        for (int i = 0; i < byteDamage; i++) {
            bytes = damage(r, bytes);
        }
        byte[] input = bytes;
        assertTimeoutPreemptively(HANG, () -> check(input));
    }

    @Property
    void randomBytesGiveATechniciansMessage(@ForAll @Size(max = 5000) byte[] input) {
        assertTimeoutPreemptively(HANG, () -> check(input));
    }

    /** An undamaged package in any form gives back exactly its lines' codes, in order. */
    @Property(tries = 200)
    void validPackagesRoundTrip(@ForAll @IntRange(min = 0, max = 100_000) int start,
                                @ForAll @IntRange(min = 1, max = 300) int codes, @ForAll Form form,
                                @ForAll long seed) throws IOException {
        List<String> lines = TestPackages.lines(start, codes);
        List<ParsedCode> parsed = new ArrayList<>();
        new PackageReader(TestPackages.keyBytes()).read(NamedInput.of("p", wrap(form, new Random(seed),
                TestPackages.text(lines))), parsed::add);
        assertThat(parsed).extracting(ParsedCode::index)
                .containsExactlyElementsOf(lines.stream().map(l -> Long.parseLong(l.split(" ")[2])).toList());
        assertThat(parsed).extracting(ParsedCode::code)
                .containsExactlyElementsOf(lines.stream().map(l -> l.split(" ")[1]).toList());
    }

    private static void check(byte[] input) {
        List<ParsedCode> parsed = new ArrayList<>();
        try {
            new PackageReader(TestPackages.keyBytes()).read(NamedInput.of("codes.b64", input), parsed::add);
        } catch (ImportException e) {
            assertThat(e.getMessage()).as("the message of a refused package").isNotBlank()
                    .startsWith("codes.b64").doesNotContainPattern(JAVA_NAME).hasSizeLessThan(600);
            return;
        } catch (IOException e) {
            // bytes in memory cannot fail to read: this is a damaged form the reader did not word
            throw new AssertionError("not worded as an import failure: " + e, e);
        }
        for (ParsedCode c : parsed) {
            assertThat(c.code()).matches("[\\x21-\\x7E]{1," + LineParser.MAX_CODE_LENGTH + "}");
            assertThat(c.matrix()).hasSize(io.yima.drivers.symbol.Microcode.PACKED_BYTES);
        }
    }

    /** The package text in one of the forms WeChat or a technician hands over. */
    static byte[] wrap(Form form, Random r, String plaintext) {
        byte[] cipher = TestPackages.encrypt(plaintext, TestPackages.KEY, r.nextBoolean() ? 16 : 32);
        String b64 = Base64.getEncoder().encodeToString(cipher);
        return switch (form) {
            case RAW -> cipher;
            case BASE64 -> (r.nextBoolean() ? b64 : b64.replaceAll("(.{76})", "$1\r\n")).getBytes(StandardCharsets.US_ASCII);
            case JSON -> ("{\"errcode\":0,\"errmsg\":\"ok\",\"buffer\":\"" + b64 + "\"}").getBytes(StandardCharsets.US_ASCII);
            case ZIP -> zip(r.nextBoolean() ? cipher : b64.getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static byte[] zip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("codes_0001.b64"));
            z.write(content);
            z.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] damage(Random r, byte[] b) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt(256)};
        }
        int at = r.nextInt(b.length);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        switch (r.nextInt(6)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(b, at);
            }
            case 2 -> {
                byte[] special = {' ', '\t', '\n', '\r', 0, '0', '1', '2', '=', '"', '{', '\\', (byte) 0xC3, 'P', 'K'};
                o.write(b, 0, at);
                o.write(special[r.nextInt(special.length)]);
                o.write(b, at, b.length - at);
            }
            case 3 -> {
                int n = Math.min(b.length - at, 1 + r.nextInt(40));
                o.write(b, 0, at);
                o.write(b, at + n, b.length - at - n);
            }
            case 4 -> {
                int n = Math.min(b.length - at, 1 + r.nextInt(40));
                o.write(b, 0, at + n);
                o.write(b, at, n);
                o.write(b, at + n, b.length - at - n);
            }
            default -> {
                byte[] junk = new byte[1 + r.nextInt(32)];
                r.nextBytes(junk);
                o.write(b, 0, at);
                o.writeBytes(junk);
                o.write(b, at, b.length - at);
            }
        }
        return o.toByteArray();
    }
}
