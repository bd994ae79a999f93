package io.yima.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderCommandTest {
    // The guide's example line (the golden sample in docs/vault.md): matrix, code 0436Z31$0, url.
    static final String MATRIX = "1111111111111111111100000110101100000110111010000010111011011101011101011101101110100100101110110000011011110000011111111110111111111110001100000110001100101110111100010010100000011110100010100101110010101010111000110100100010101111111100101001100100000111001111101010111010101110111111011101000110101110101110101011100100110000011011001111111111111100101000101";
    static final String CODE = "0436Z31$0";
    static final String URL = "P.URL.CN/0V/IXO*FWWYLZLXUXGR";

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    String[] given(Path file, String... rest) {
        String[] base = {"render", "--matrix", MATRIX, "--code", CODE, "--url", URL, "--out", file.toString()};
        String[] all = new String[base.length + rest.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(rest, 0, all, base.length, rest.length);
        return all;
    }

    @Test
    void rendersACodeLookedUpInTheVault(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("vault.db");
        try (io.yima.vault.CodeVault vault = io.yima.vault.CodeVault.open(db)) {
            new io.yima.vault.importing.PackageImporter(vault).importStreams(io.yima.vault.TestPackages.APP,
                    io.yima.vault.TestPackages.keyBytes(), java.util.List.of(io.yima.vault.importing.NamedInput.of(
                            "p.b64", io.yima.vault.TestPackages.base64(io.yima.vault.TestPackages.text(
                                    io.yima.vault.TestPackages.lines(0, 20))))));
        }
        Path png = dir.resolve("qr.png");
        assertThat(run("render", "--vault", db.toString(), "--application", Long.toString(io.yima.vault.TestPackages.APP),
                "--index", "7", "--symbol", "qr", "--dpi", "300", "--size-mm", "10", "--format", "png",
                "--out", png.toString())).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(img)))).getText();
        try (io.yima.vault.CodeVault vault = io.yima.vault.CodeVault.open(db)) {
            assertThat(text).isEqualTo(vault.byIndex(io.yima.vault.TestPackages.APP, 7).orElseThrow().url());
        }
        assertThat(run("render", "--vault", db.toString(), "--application", "1", "--index", "7",
                "--symbol", "qr", "--format", "png", "--out", png.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no code 7 in application 1");
    }

    @Test
    void qrPngDecodesToTheUrl(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("qr.png");
        assertThat(run(given(png, "--symbol", "qr", "--dpi", "300", "--size-mm", "10", "--format", "png"))).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(img)))).getText();
        assertThat(text).isEqualTo(URL);
        assertThat(out.toString()).startsWith("wrote ");
    }

    @Test
    void aTemplateRendersAsTheWholeLabelAndItsZplAsTheLineSendsIt(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("bottle.yaml");
        Files.writeString(t, """
                elements:
                  - symbol: { x_mm: 1, y_mm: 1, size_mm: 12 }
                  - text: { x_mm: 16, y_mm: 2, height_mm: 2.5, value: "批号 {batch}" }
                  - box: { x_mm: 0.5, y_mm: 0.5, width_mm: 29, height_mm: 19 }
                """);
        Path png = dir.resolve("b.png");
        assertThat(run(given(png, "--template", t.toString(), "--symbol", "qr", "--batch", "B7", "--format", "png")))
                .isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(354);
        assertThat(img.getHeight()).isEqualTo(236);
        assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(img)))).getText()).isEqualTo(URL);
        int black = 0;
        for (int y = 23; y < 60; y++) {
            for (int x = 189; x < 340; x++) {
                black += (img.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
            }
        }
        assertThat(black).as("the batch line is drawn right of the symbol").isGreaterThan(100);
        assertThat(img.getRGB(6, 6) & 0xFFFFFF).as("the box").isZero();

        Path zpl = dir.resolve("b.zpl");
        assertThat(run(given(zpl, "--template", t.toString(), "--symbol", "qr", "--format", "zpl"))).isZero();
        assertThat(Files.readString(zpl, StandardCharsets.ISO_8859_1)).startsWith("^XA^DFR:Y")
                .contains("^GB342,224,2^FS").contains("^XZ\n^XA^XFR:Y").endsWith("^XZ");

        Files.writeString(t, "elements:\n  - text: { x_mm: 16, y_mm: 2, height_mm: 2.5, value: \"{lot}\" }\n");
        assertThat(run(given(png, "--template", t.toString(), "--format", "png"))).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --template: bottle.yaml: elements[0].text.value: unknown field"
                + " {lot}");
    }

    @Test
    void microcodePngCellsAreTheMatrix(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("m.png");
        assertThat(run(given(png, "--symbol", "microcode", "--dpi", "600", "--size-mm", "5", "--quiet-zone", "4",
                "--format", "png"))).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        // The whole label as it prints: 30 x 20 mm at 600 dpi, the symbol's quiet zone at (2, 2) mm = 47 dots.
        assertThat(img.getWidth()).isEqualTo(708);
        assertThat(img.getHeight()).isEqualTo(472);
        int o = 47;
        int d = 6; // 5 mm at 600 dpi = 118 dots, 6 per cell
        StringBuilder bits = new StringBuilder();
        for (int r = 0; r < 19; r++) {
            for (int c = 0; c < 19; c++) {
                int rgb = img.getRGB(o + (4 + c) * d + d / 2, o + (4 + r) * d + d / 2) & 0xFFFFFF;
                bits.append(rgb == 0 ? '1' : '0');
            }
        }
        assertThat(bits.toString()).isEqualTo(MATRIX);
    }

    @Test
    void zplFormatsWriteWholeLabels(@TempDir Path dir) throws Exception {
        Path z64 = dir.resolve("l.zpl");
        assertThat(run(given(z64, "--format", "zpl-z64"))).isZero();
        String zpl = Files.readString(z64, StandardCharsets.UTF_8);
        // Without --config the line's defaults: a 30 x 20 mm label at 300 dpi = 354 x 236 dots; the 10 mm microcode
        // is 19 cells x 6 dots = 114 dots = 15 bytes per row, 114 rows.
        assertThat(zpl).startsWith("^XA^CI28^PW354^LL236^FO").contains("^GFA,1710,1710,15,:Z64:")
                .endsWith("^FD0436Z31$0^FS^XZ");
        Path plain = dir.resolve("plain.zpl");
        assertThat(run(given(plain, "--format", "zpl"))).isZero();
        assertThat(Files.readString(plain)).as("zpl is the line's default graphic, Z64").isEqualTo(zpl);
        Path hex = dir.resolve("hex.zpl");
        assertThat(run(given(hex, "--format", "zpl-hex"))).isZero();
        assertThat(Files.readString(hex)).contains("^GFA,1710,1710,15,").doesNotContain(":Z64:");
        Path nat = dir.resolve("n.zpl");
        assertThat(run(given(nat, "--symbol", "QR", "--format", "zpl-native"))).isZero();
        assertThat(Files.readString(nat)).contains("^BQN,2,4^FDQA," + URL + "^FS");
    }

    @Test
    void tsplFormatsWriteWholeLabels(@TempDir Path dir) throws Exception {
        Path bitmap = dir.resolve("l.tspl");
        assertThat(run(given(bitmap, "--format", "tspl"))).isZero();
        String tspl = Files.readString(bitmap, StandardCharsets.ISO_8859_1);
        // The same 30 x 20 mm label: the microcode without its quiet zone as a BITMAP of 15 bytes x 114 rows (1710
        // bytes, a 0 bit prints), the code in built-in font "3", one copy.
        assertThat(tspl).startsWith("SIZE 30 mm,20 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\nBITMAP ")
                .contains(",15,114,0,").contains(",\"3\",0,1,1,\"0436Z31$0\"\r\n").endsWith("PRINT 1,1\r\n");
        Path nat = dir.resolve("n.tspl");
        assertThat(run(given(nat, "--symbol", "QR", "--format", "tspl-native"))).isZero();
        assertThat(Files.readString(nat)).contains(",Q,4,A,0,M2,S7,\"" + URL + "\"\r\n").doesNotContain("BITMAP");
        assertThat(run(given(dir.resolve("x"), "--format", "tspl-native"))).isEqualTo(1);
        assertThat(err.toString()).contains("native QR needs a QR label (this one is a microcode)");
    }

    @Test
    void aSymbolTooSmallForThePrinterIsRefusedWithTheReason(@TempDir Path dir) {
        assertThat(run(given(dir.resolve("x"), "--dpi", "203", "--size-mm", "3", "--format", "zpl"))).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: a 3.0 mm microcode at 203 dpi gives 1 dot(s) per module");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }

    @Test
    void nativeQrOfAMicrocodeAndUnknownFormatsAreRefused(@TempDir Path dir) {
        assertThat(run(given(dir.resolve("x"), "--format", "zpl-native"))).isEqualTo(1);
        assertThat(err.toString()).contains("native QR needs a QR label (this one is a microcode)");
        assertThat(run(given(dir.resolve("y"), "--format", "pdf"))).isEqualTo(1);
        assertThat(err.toString()).contains("unknown label format 'pdf', expected one of png, zpl, zpl-hex, zpl-rle");
    }

    @Test
    void aBadMatrixNamesThePosition(@TempDir Path dir) {
        String bad = "2" + MATRIX.substring(1);
        assertThat(run("render", "--matrix", bad, "--code", CODE, "--url", URL, "--format", "png", "--out",
                dir.resolve("x").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--matrix: matrix has '2' at position 1, expected 0 or 1");
    }
}
