package io.yima.printing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import io.yima.config.LineConfig;
import io.yima.drivers.render.PngWriter;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.symbol.Microcode;
import io.yima.edge.ConfigLoader;
import io.yima.printing.template.LabelValues;
import io.yima.printing.template.PrintableCode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.JobSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The line's label press with a template on a ZPL printer that stores formats: the format is downloaded in front
 * of the first label that needs it and only then, again after the printer was lost, after a batch that never left,
 * and when the fixed text changes (another job).
 */
class LabelPressTemplateTest {
    static final String MATRIX = "1111111111111111111100000110101100000110111010000010111011011101011101011101101110100100101110110000011011110000011111111110111111111110001100000110001100101110111100010010100000011110100010100101110010101010111000110100100010101111111100101001100100000111001111101010111010101110111111011101000110101110101110101011100100110000011011001111111111111100101000101";
    static final String YAML = """
            vault: { path: vault.db }
            applications: [ { id: 1 } ]
            lines:
              - id: L1
                application: 1
                printer: { uri: "tcp://127.0.0.1:9100", language: %s }
                label:
                  width_mm: 30
                  height_mm: 20
                  stored_format: %s
                  template:
                    elements:
                      - symbol: { x_mm: 1, y_mm: 1, size_mm: 12, type: %s }
                      - text: { x_mm: 15, y_mm: 2, height_mm: 2.5, value: "批号 {batch}" }
                      - text: { x_mm: 15, y_mm: 6, height_mm: 2, value: "No.{seq}" }
                scanner: { uri: "tcp://127.0.0.1:9004" }
                plc: { port: 7001 }
            """;

    private static LabelPress press(String language, boolean stored, String symbolType) {
        LineConfig lc = ConfigLoader.parse(YAML.formatted(language, stored, symbolType), Path.of("/tmp")).lines().get(0);
        return new LabelPress(lc);
    }

    private static CodeRecord code(long index) {
        return new CodeRecord(1, index, "0436Z31X" + index, "P.URL.CN/0V/IXO*FWWYLZLXUXG" + (char) ('A' + index),
                Microcode.fromBits(MATRIX), CodeState.SENT, "J", "item-" + index, null, null, 0);
    }

    private static JobSpec job(String id, String batch) {
        return new JobSpec(id, "L1", 1, "SKU", batch, 100, "QR", "TRIGGERED", null);
    }

    private static String zpl(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theFormatIsDownloadedOnceAndAgainWhenThePrinterMayHaveLostIt() {
        LabelPress p = press("zpl", true, "qr");
        String first = zpl(p.press(code(1), Symbology.QR, job("J1", "B1"), "item-1", 1));
        String second = zpl(p.press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 2));
        assertThat(first).startsWith("^XA^DFR:Y").contains("^XZ\n^XA^XFR:Y");
        assertThat(second).as("same batch: no second download").startsWith("^XA^XFR:Y").doesNotContain("^DF");
        p.sent();
        assertThat(zpl(p.press(code(3), Symbology.QR, job("J1", "B1"), "item-3", 3))).startsWith("^XA^XF");

        p.unsent(); // that batch's commit failed: nothing of it left, but the format had left before it
        p.sent();
        assertThat(zpl(p.press(code(4), Symbology.QR, job("J1", "B1"), "item-4", 4))).startsWith("^XA^XF");

        p.printerLost();
        String afterLoss = zpl(p.press(code(5), Symbology.QR, job("J1", "B1"), "item-5", 5));
        assertThat(afterLoss).as("the printer may have been power-cycled").startsWith("^XA^DF");
        p.unsent(); // ... and that batch never left: the next one must still carry the download
        assertThat(zpl(p.press(code(5), Symbology.QR, job("J1", "B1"), "item-5", 5))).startsWith("^XA^DF");
        p.sent();

        String otherJob = zpl(p.press(code(6), Symbology.QR, job("J2", "B2"), "item-6", 1));
        assertThat(otherJob).as("another batch is another format").startsWith("^XA^DF");
        assertThat(name(otherJob)).isNotEqualTo(name(first));
        String inline = zpl(press("zpl", false, "qr").press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 2));
        assertThat(second.length()).as("a recalled label leaves the batch line at the printer")
                .isLessThan(inline.length() - 100);
    }

    private static String name(String zpl) {
        int i = zpl.indexOf("^DF") + 3;
        return zpl.substring(i, zpl.indexOf('^', i));
    }

    @Test
    void tsplDownloadsTheImageOnceAndAgainWhenThePrinterMayHaveLostIt() {
        LabelPress p = press("tspl", true, "qr");
        String first = zpl(p.press(code(1), Symbology.QR, job("J1", "B1"), "item-1", 1));
        assertThat(first).startsWith("DOWNLOAD \"Y").contains(".BMP\",").contains("\r\nSIZE 30 mm,20 mm\r\n")
                .contains("PUTBMP ").endsWith("PRINT 1,1\r\n");
        String image = first.substring(first.indexOf('"') + 1, first.indexOf(".BMP\"") + 4);
        p.sent();
        String second = zpl(p.press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 2));
        assertThat(second).as("stored: no second download").startsWith("SIZE ").doesNotContain("DOWNLOAD")
                .contains("PUTBMP ").contains("\"" + image + "\"").contains(",1,");
        p.printerLost();
        assertThat(zpl(p.press(code(3), Symbology.QR, job("J1", "B1"), "item-3", 3)))
                .as("after a power cycle the image travels again").startsWith("DOWNLOAD \"" + image + "\",");
        p.sent();
        String inline = zpl(press("tspl", false, "qr").press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 2));
        assertThat(inline).startsWith("SIZE 30 mm,20 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\nBITMAP ")
                .doesNotContain("DOWNLOAD").doesNotContain("PUTBMP").endsWith("PRINT 1,1\r\n");
        assertThat(second.length()).as("a label after the download leaves the fixed part at the printer")
                .isLessThan(inline.length());
    }

    /** printer.stored_images: the strips are defined (GS ( L fn 83) in front of the first label and after a loss. */
    @Test
    void escPosStoredImagesAreDefinedOnceAndAgainWhenThePrinterMayHaveLostIt() {
        LabelPress p = press("escpos, stored_images: true", true, "qr");
        String first = zpl(p.press(code(1), Symbology.QR, job("J1", "B1"), "item-1", 1));
        assertThat(first).as("ESC @, delete all downloaded graphics, then the strips")
                .startsWith("\u001B@\u001D(L\u0005\u00000QCLR").contains("0S0!!").contains("0U!!\u0001\u0001")
                .endsWith("\u001DVB\u0000");
        p.sent();
        String second = zpl(p.press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 2));
        assertThat(second).as("no definition, no ESC @ (it may clear them)").doesNotContain("0S0")
                .doesNotContain("\u001B@").contains("0U!").contains("\u001Dv0").endsWith("\u001DVB\u0000");
        String inline = zpl(press("escpos", true, "qr").press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 2));
        assertThat(second.length()).as("the fixed part stays at the printer").isLessThan(inline.length());
        p.printerLost();
        assertThat(zpl(p.press(code(3), Symbology.QR, job("J1", "B1"), "item-3", 3)))
                .as("after a power cycle the strips travel again").startsWith("\u001B@\u001D(L\u0005\u00000QCLR")
                .contains("0S0!!");
        p.sent();
        assertThat(zpl(p.press(code(4), Symbology.QR, job("J2", "B2"), "item-4", 1)))
                .as("another batch is another fixed part: defined again").contains("0QCLR").contains("0S0!!");
    }

    @Test
    void inlineAndEscPosLabelsCarryEverythingEachTime() {
        LabelPress inline = press("zpl", false, "qr");
        String a = zpl(inline.press(code(1), Symbology.QR, job("J1", "B1"), "item-1", 1));
        assertThat(a).startsWith("^XA^PW354^LL236").doesNotContain("^DF").doesNotContain("^XF");
        LabelPress escpos = press("escpos", true, "qr");
        byte[] e = escpos.press(code(1), Symbology.QR, job("J1", "B1"), "item-1", 1);
        assertThat(e[0]).isEqualTo((byte) 0x1B);
        assertThat(zpl(e)).contains("\u001Dv0").endsWith("\u001DVB\u0000");
    }

    @Test
    void aDataMatrixSymbolDecodesToTheUrl() throws Exception {
        LabelPress p = press("zpl", true, "datamatrix");
        CodeRecord c = code(1);
        Raster page = p.preview(new PrintableCode(c.matrix(), c.code(), c.url()), Symbology.QR, new LabelValues(
                c.code(), c.url(), "SKU", "B1", null, null, "L1", "J1", "item-1", 1, java.time.LocalDate.now()));
        var img = PngWriter.toImage(page).getSubimage(0, 0, 172, 172);
        var result = new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(img))), Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE,
                DecodeHintType.TRY_HARDER, Boolean.TRUE));
        assertThat(result.getText()).isEqualTo(c.url());
    }

    /** A Data Matrix goes as the printer's own symbol: ZPL ^BX and TSPL DMATRIX, with module and symbol size fixed. */
    @Test
    void aDataMatrixSymbolGoesAsThePrintersOwnCommand() {
        CodeRecord c = code(1);
        PrintableCode code = new PrintableCode(c.matrix(), c.code(), c.url());
        LabelValues values = new LabelValues(c.code(), c.url(), "SKU", "B1", null, null, "L1", "J1", "item-1", 1,
                java.time.LocalDate.now());
        // the symbol's size in modules as an independent encoder makes it; 12 mm at 300 dpi = 141 dots
        int m = new com.google.zxing.datamatrix.DataMatrixWriter().encode(c.url(),
                com.google.zxing.BarcodeFormat.DATA_MATRIX, 0, 0, Map.of(com.google.zxing.EncodeHintType
                        .DATA_MATRIX_SHAPE, com.google.zxing.datamatrix.encoder.SymbolShapeHint.FORCE_SQUARE))
                .getWidth();
        int dpm = 141 / m;
        for (boolean stored : new boolean[] {true, false}) {
            String zpl = new String(press("zpl", stored, "datamatrix").press(code, Symbology.QR, values),
                    StandardCharsets.ISO_8859_1);
            assertThat(zpl).as("stored %s", stored).contains("^BXN," + dpm + ",200," + m + "," + m + "^FD" + c.url()
                    + "^FS").doesNotContain("^GFA," + (dpm * m));
            String tspl = new String(press("tspl", stored, "datamatrix").press(code, Symbology.QR, values),
                    StandardCharsets.ISO_8859_1);
            assertThat(tspl).as("stored %s", stored).contains("," + dpm * m + "," + dpm * m + ",x" + dpm + "," + m
                    + "," + m + ",\"" + c.url() + "\"\r\n");
        }
    }

    /**
     * The per-label "No.{seq}" line (2 mm at 300 dpi = 23 dots, at 15 mm / 6 mm = dots 177 / 70) goes in the
     * printer's own font: declared once in the stored format as ^FN1 and filled per label, inline as ^A0 text, on
     * TSPL as TEXT in font "0" (23 dots = 6 points); {@code printer_font: false} keeps it a picture.
     */
    @Test
    void perLabelAsciiTextGoesInThePrintersFontUnlessTheTemplateSaysNot() {
        LabelPress p = press("zpl", true, "qr");
        String first = zpl(p.press(code(1), Symbology.QR, job("J1", "B1"), "item-1", 1));
        String format = first.substring(0, first.indexOf("^XZ\n") + 4);
        assertThat(format).as("the format declares the field").contains("^FO177,70^A0N,23,23^FN1^FS");
        assertThat(first.substring(format.length())).as("the label fills it").contains("^FN1^FDNo.1^FS");
        p.sent();
        String second = zpl(p.press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 2));
        assertThat(second).startsWith("^XA^XF").contains("^FN1^FDNo.2^FS").doesNotContain("No.1");
        assertThat(zpl(press("zpl", false, "qr").press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 7)))
                .contains("^FO177,70^A0N,23,23^FDNo.7^FS").doesNotContain("^FN");
        assertThat(zpl(press("tspl", true, "qr").press(code(2), Symbology.QR, job("J1", "B1"), "item-2", 3)))
                .contains("TEXT 177,70,\"0\",0,6,6,\"No.3\"\r\n");

        String yaml = YAML.formatted("zpl", true, "qr").replace("value: \"No.{seq}\" }",
                "value: \"No.{seq}\", printer_font: false }");
        LabelPress raster = new LabelPress(ConfigLoader.parse(yaml, Path.of("/tmp")).lines().get(0));
        String dots = zpl(raster.press(code(1), Symbology.QR, job("J1", "B1"), "item-1", 1));
        assertThat(dots).as("printer_font: false").doesNotContain("^FN").doesNotContain("^A0N")
                .doesNotContain("No.1").contains("^FO177,");
        assertThat(name(dots)).as("a format without the field is another format").isNotEqualTo(name(first));
    }
}
