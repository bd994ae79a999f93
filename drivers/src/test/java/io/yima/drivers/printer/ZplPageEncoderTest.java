package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-label text in the printer's font on ZPL pages. Command forms as the ZPL II Programming Guide gives them:
 * "^A" (scalable font 0, orientation N, height and width in dots, 10 to 32000), "^FN" (a field number in a stored
 * format, filled by ^FN..^FD after ^XF), "^DF", "^XF", "^FO", "^FD", "^FS", "^GF".
 */
class ZplPageEncoderTest {
    /** 16 x 8 dots: a fixed box, the code as a printer-font field 1 at (2,3), 30 dots high; the edge drew it F0. */
    static LabelPage page(String text, int height) {
        Raster drawn = Raster.of(4, 1, new byte[] {(byte) 0xF0});
        return new LabelPage(16, 8, List.of(new Mark.Box(8, 1, 8, 2, 1)), "ABCDEF0",
                List.of(new Mark.Text(2, 3, height, 1, text, drawn)));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theStoredFormatDeclaresTheFieldAndEachLabelFillsIt() {
        ZplPageEncoder enc = new ZplPageEncoder(ZplEncoder.Graphic.HEX);
        assertThat(text(enc.download(page("0436Z31$0", 30)))).isEqualTo("^XA^DFR:YABCDEF0.ZPL^FS^PW16^LL8"
                + "^FO8,1^GB8,2,1^FS" + "^FO2,3^A0N,30,30^FN1^FS^XZ\n");
        assertThat(text(enc.recall(page("0436Z31$0", 30))))
                .isEqualTo("^XA^XFR:YABCDEF0.ZPL^FS^FN1^FD0436Z31$0^FS^XZ");
    }

    @Test
    void inlineTheFieldCarriesItsFont() {
        ZplPageEncoder enc = new ZplPageEncoder(ZplEncoder.Graphic.HEX);
        assertThat(text(enc.inline(page("No.7 / IT-9", 30)))).isEqualTo("^XA^PW16^LL8^FO8,1^GB8,2,1^FS"
                + "^FO2,3^A0N,30,30^FDNo.7 / IT-9^FS^XZ");
    }

    @Test
    void textThePrinterFontCannotCarryIsTheEdgesPictureAndItsFieldStaysEmpty() {
        ZplPageEncoder enc = new ZplPageEncoder(ZplEncoder.Graphic.HEX);
        // Chinese (no glyphs in a Zebra's resident fonts) and the command prefixes ^ and ~
        for (String t : List.of("批号7", "A^B", "A~B")) {
            assertThat(text(enc.recall(page(t, 30)))).as(t)
                    .isEqualTo("^XA^XFR:YABCDEF0.ZPL^FS^FO2,3^GFA,1,1,1,F0^FS^XZ");
        }
        // below ^A0's 10 dots the edge draws it, and the format declares no field for it
        assertThat(text(enc.download(page("A", 9)))).doesNotContain("^FN");
        assertThat(text(enc.recall(page("A", 9)))).isEqualTo("^XA^XFR:YABCDEF0.ZPL^FS^FO2,3^GFA,1,1,1,F0^FS^XZ");
    }
}
