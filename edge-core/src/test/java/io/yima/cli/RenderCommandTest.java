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
    void microcodePngCellsAreTheMatrix(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("m.png");
        assertThat(run(given(png, "--symbol", "microcode", "--dpi", "600", "--size-mm", "5", "--quiet-zone", "4",
                "--format", "png"))).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        int d = img.getWidth() / (19 + 8); // 4-module quiet zone each side
        assertThat(d).isEqualTo(6); // 5 mm at 600 dpi = 118 dots, 6 per cell
        StringBuilder bits = new StringBuilder();
        for (int r = 0; r < 19; r++) {
            for (int c = 0; c < 19; c++) {
                int rgb = img.getRGB((4 + c) * d + d / 2, (4 + r) * d + d / 2) & 0xFFFFFF;
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
