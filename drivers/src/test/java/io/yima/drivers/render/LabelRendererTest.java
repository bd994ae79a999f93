package io.yima.drivers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.yima.drivers.symbol.Microcode;
import io.yima.drivers.symbol.MicrocodeSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelRendererTest {
    static final int[] DPIS = {203, 300, 600};

    static LabelSpec spec(Symbology s, int dpi, double sizeMm) {
        return LabelSpec.builder().size(60, 60).dpi(dpi).symbol(s).symbolSizeMm(sizeMm).build();
    }

    /** Whether 2 dots per module fit in the size at that resolution (floor of dots / modules). */
    static boolean printable(int dpi, double sizeMm, int modules) {
        return (int) Math.floor(sizeMm * dpi / 25.4 + 1e-9) / modules >= 2;
    }

    @Test
    void microcodeCellCentresMatchThe361BitsAtEveryResolutionAndSize() {
        Microcode m = Microcode.fromBits(MicrocodeSeed.BITS);
        int checked = 0;
        for (int dpi : DPIS) {
            for (double mm = 5; mm <= 20; mm += 0.5) {
                if (!printable(dpi, mm, 19)) {
                    continue;
                }
                RenderedLabel l = new LabelRenderer(spec(Symbology.MICROCODE, dpi, mm)).microcode(m, "x");
                int d = l.dotsPerModule();
                int q = l.quietZoneDots();
                Raster r = l.symbol();
                assertThat(r.width()).isEqualTo((19 + 8) * d);
                StringBuilder sampled = new StringBuilder();
                for (int row = 0; row < 19; row++) {
                    for (int col = 0; col < 19; col++) {
                        sampled.append(r.isBlack(q + col * d + d / 2, q + row * d + d / 2) ? '1' : '0');
                    }
                }
                assertThat(sampled.toString()).as("%d dpi %.1f mm", dpi, mm).isEqualTo(MicrocodeSeed.BITS);
                // quiet zone is white all round
                for (int i = 0; i < r.width(); i++) {
                    assertThat(r.isBlack(i, q - 1) || r.isBlack(q - 1, i) || r.isBlack(i, r.height() - q)
                            || r.isBlack(r.width() - q, i)).isFalse();
                }
                assertThat(l.printedSizeMm()).isLessThanOrEqualTo(mm + 1e-9).isCloseTo(19 * d * 25.4 / dpi,
                        org.assertj.core.data.Offset.offset(1e-9));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void fiveMillimetreMicrocodeWorksAt300And600Dpi() {
        // 5 mm = 59 dots at 300 dpi (3 per cell, 4.83 mm printed) and 118 dots at 600 dpi (6 per cell).
        RenderedLabel at300 = new LabelRenderer(spec(Symbology.MICROCODE, 300, 5)).microcode(
                Microcode.fromBits(MicrocodeSeed.BITS), null);
        assertThat(at300.dotsPerModule()).isEqualTo(3);
        assertThat(at300.printedSizeMm()).isCloseTo(4.826, org.assertj.core.data.Offset.offset(0.001));
        RenderedLabel at600 = new LabelRenderer(spec(Symbology.MICROCODE, 600, 5)).microcode(
                Microcode.fromBits(MicrocodeSeed.BITS), null);
        assertThat(at600.dotsPerModule()).isEqualTo(6);
    }

    @Test
    void fewerThanTwoDotsPerCellIsRefusedWithAClearMessage() {
        // 3 mm at 203 dpi = 23 dots: 1 dot per cell.
        assertThatThrownBy(() -> new LabelRenderer(spec(Symbology.MICROCODE, 203, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a 3.0 mm microcode at 203 dpi gives 1 dot(s) per module, at least 2 are needed to print"
                        + " legibly; use a symbol of at least 4.8 mm or a printer with a higher resolution");
        // 5 mm QR at 203 dpi = 39 dots, 25 modules: 1 dot per module.
        assertThatThrownBy(() -> new LabelRenderer(spec(Symbology.QR, 203, 5)))
                .hasMessageContaining("QR version 2 at 203 dpi gives 1 dot(s) per module");
    }

    @Test
    void aSymbolThatDoesNotFitTheLabelIsRefused() {
        LabelSpec tooBig = LabelSpec.builder().size(30, 20).symbolSizeMm(19).build();
        assertThatThrownBy(() -> new LabelRenderer(tooBig)).hasMessageContaining("does not fit on a 30.0 x 20.0 mm label");
    }

    @Test
    void everyQrRasterDecodesWithZxingAtEveryResolutionAndSize() throws Exception {
        int decoded = 0;
        for (int dpi : DPIS) {
            for (double mm = 5; mm <= 20; mm += 1) {
                if (!printable(dpi, mm, 25)) {
                    double size = mm;
                    assertThatThrownBy(() -> new LabelRenderer(spec(Symbology.QR, dpi, size)))
                            .isInstanceOf(IllegalArgumentException.class);
                    continue;
                }
                RenderedLabel l = new LabelRenderer(spec(Symbology.QR, dpi, mm)).qr(MicrocodeSeed.URL, MicrocodeSeed.CODE);
                assertThat(l.symbol().width()).isEqualTo((25 + 8) * l.dotsPerModule()); // version 2 = 25 modules
                Result r = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new BufferedImageLuminanceSource(PngWriter.toImage(l.symbol())))),
                        Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE));
                assertThat(r.getText()).as("%d dpi %.0f mm", dpi, mm).isEqualTo(MicrocodeSeed.URL);
                assertThat(r.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("Q");
                decoded++;
            }
        }
        assertThat(decoded).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aUrlThatDoesNotFitVersion2QIsRefused() {
        LabelRenderer r = new LabelRenderer(spec(Symbology.QR, 300, 10));
        assertThatThrownBy(() -> r.qr("https://example.com/this/is/lowercase/and/long", null))
                .hasMessageContaining("does not fit a QR version 2 symbol at error correction Q");
    }

    @Test
    void pngRoundTripsTheRaster(@TempDir Path dir) throws Exception {
        RenderedLabel l = new LabelRenderer(spec(Symbology.MICROCODE, 300, 10)).microcode(
                Microcode.fromBits(MicrocodeSeed.BITS), null);
        Path png = dir.resolve("m.png");
        PngWriter.write(l.symbol(), png);
        var img = ImageIO.read(Files.newInputStream(png));
        assertThat(img.getWidth()).isEqualTo(l.symbol().width());
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                boolean black = (img.getRGB(x, y) & 0xFFFFFF) == 0;
                assertThat(black).isEqualTo(l.symbol().isBlack(x, y));
            }
        }
    }
}
