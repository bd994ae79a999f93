package io.yima.printing.template;

import io.yima.config.PrinterLanguage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.yima.config.LineConfig;
import io.yima.drivers.render.PngWriter;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.symbol.Microcode;
import io.yima.edge.ConfigLoader;
import io.yima.printing.LabelPress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The three templates docs/labels.md shows (config/labels/) load as at start and print a readable code. */
class ExampleTemplatesTest {
    static final Path LABELS = Path.of("..", "config", "labels");
    static final String URL = "P.URL.CN/0V/IXO*FWWYLZLXUXGR";
    static final String MATRIX = "1111111111111111111100000110101100000110111010000010111011011101011101011101101110100100101110110000011011110000011111111110111111111110001100000110001100101110111100010010100000011110100010100101110010101010111000110100100010101111111100101001100100000111001111101010111010101110111111011101000110101110101110101011100100110000011011001111111111111100101000101";

    private static Raster preview(String file, double w, double h, Symbology symbol) {
        LineConfig.Label label = ConfigLoader.withTemplateFile(new LineConfig.Label(w, h, 300, symbol.name(), null,
                null, null, null, null, null), LABELS.resolve(file).toAbsolutePath(), null);
        LabelPress press = new LabelPress(new LineConfig("L1", 1L, null,
                new LineConfig.Printer("tcp://127.0.0.1:9100", PrinterLanguage.ZPL, null, null, null, null), label, null, null, null,
                null, null));
        PrintableCode code = new PrintableCode(Microcode.fromBits(MATRIX), "0436Z31X0", URL);
        return press.preview(code, symbol, press.sample(code, "SKU-1", "B1", "明前龙井", "1"));
    }

    private static String qr(Raster r) throws Exception {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(PngWriter.toImage(r))))).getText();
    }

    @Test
    void theBottleAndCaseLabelsCarryAReadableQr() throws Exception {
        Raster bottle = preview("bottle.yaml", 30, 20, Symbology.QR);
        assertThat(bottle.width()).isEqualTo(354);
        assertThat(qr(bottle)).isEqualTo(URL);
        Raster cs = preview("case.yaml", 100, 70, Symbology.QR);
        assertThat(cs.height()).isEqualTo(826);
        assertThat(qr(cs)).isEqualTo(URL);
        assertThat(cs.isBlack(100, 100)).as("the logo").isTrue();
    }

    @Test
    void theCapCodeFitsItsMicrocodeAndCode() {
        Raster cap = preview("cap.yaml", 10, 10, Symbology.MICROCODE);
        assertThat(cap.width()).isEqualTo(118);
        // 7.2 mm at 300 dpi = 85 dots: 4 per cell; 2 cells of quiet zone; the quiet zone's corner at (0.6, 0.2) mm
        int x0 = 7 + 8;
        int y0 = 2 + 8;
        for (int r = 0; r < 19; r++) {
            for (int c = 0; c < 19; c++) {
                assertThat(cap.isBlack(x0 + 4 * c + 2, y0 + 4 * r + 2)).as("cell %d,%d", r, c)
                        .isEqualTo(MATRIX.charAt(19 * r + c) == '1');
            }
        }
    }
}
