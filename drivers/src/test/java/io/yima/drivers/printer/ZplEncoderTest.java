package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.drivers.render.LabelRenderer;
import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.symbol.Microcode;
import io.yima.drivers.symbol.MicrocodeSeed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZplEncoderTest {
    // 30 x 20 mm at 300 dpi: ^PW354 ^LL236 (floor(30*300/25.4), floor(20*300/25.4)); text 2.5 mm = 29 dots.
    static final LabelSpec SPEC = LabelSpec.builder().size(30, 20).dpi(300).build();
    // A 12 x 2 dot graphic: row 1 = FF F0 (12 black dots), row 2 = 80 10 (first and twelfth dot).
    static final Raster TINY = Raster.of(12, 2, new byte[] {(byte) 0xFF, (byte) 0xF0, (byte) 0x80, 0x10});
    static final RenderedLabel TINY_LABEL = new RenderedLabel(SPEC, TINY, 2, 0.2, 11, 11, "0436Z31$0", null);

    static String zpl(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void plainHexLabelIsByteExact() {
        // ^GFA,b,c,d,data with b = c = 4 bytes total, d = 2 bytes per row, data as ASCII hex (ZPL guide ^GF, §1.4).
        assertThat(zpl(new ZplEncoder(ZplEncoder.Graphic.HEX).encode(TINY_LABEL))).isEqualTo(
                "^XA^CI28^PW354^LL236^FO11,11^GFA,4,4,2,FFF08010^FS^FO11,13^A0N,29,29^FD0436Z31$0^FS^XZ");
    }

    @Test
    void runLengthLabelIsByteExact() {
        // Zebra ASCII compression (§1.4): "FFF0" = I (3x) F then ',' (rest of row 0); "8010" = 8 0 1 then ','.
        assertThat(zpl(new ZplEncoder(ZplEncoder.Graphic.RLE).encode(TINY_LABEL))).isEqualTo(
                "^XA^CI28^PW354^LL236^FO11,11^GFA,4,4,2,IF,801,^FS^FO11,13^A0N,29,29^FD0436Z31$0^FS^XZ");
    }

    @Test
    void runCountsUseZebraLetters() {
        // The Zebra guide's own example: "vMB" = 327 x 'B' (v = 320, M = 7).
        ByteSink out = new ByteSink(8);
        ZplGraphic.repeat(327, (byte) 'B', out);
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("vMB");
    }

    @Test
    void repeatedRowsBecomeColonsAndFullRowsBang() {
        Raster r = Raster.of(16, 3, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0});
        ByteSink out = new ByteSink(8);
        ZplGraphic.rle(r.rows(), r.bytesPerRow(), out);
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("!:,");
    }

    @Test
    void z64LabelCarriesZlibBase64AndXmodemCrcOfTheBase64() {
        String z = zpl(new ZplEncoder(ZplEncoder.Graphic.Z64).encode(TINY_LABEL));
        // zlib at the fastest level: header 78 01, so the base64 starts "eA" (default-level generators give "eJ").
        assertThat(z).startsWith("^XA^CI28^PW354^LL236^FO11,11^GFA,4,4,2,:Z64:eA").endsWith(
                "^FS^FO11,13^A0N,29,29^FD0436Z31$0^FS^XZ");
        assertThat(ZplGraphicDecoder.decodeFirstGraphic(z)).isEqualTo(TINY.rows());
    }

    @Test
    void nativeQrLetsThePrinterDrawTheSymbolInsideTheQuietZone() {
        // ^BQN,2,m then ^FDQA,data (ZPL guide ^BQ, §1.2); origin moved by the 4-module quiet zone: 11 + 4*4 = 27.
        LabelSpec spec = LabelSpec.builder().symbol(Symbology.QR).build();
        RenderedLabel l = new LabelRenderer(spec).qr("P.URL.CN/0V/IXO*FWWYLZLXUXGR", "0436Z31$0");
        assertThat(l.dotsPerModule()).isEqualTo(4); // 10 mm = 118 dots, /25 modules
        assertThat(zpl(new ZplEncoder(ZplEncoder.Graphic.NATIVE_QR).encode(l))).isEqualTo(
                "^XA^CI28^PW354^LL236^FO27,27^BQN,2,4^FDQA,P.URL.CN/0V/IXO*FWWYLZLXUXGR^FS"
                        + "^FO11,143^A0N,29,29^FD0436Z31$0^FS^XZ");
    }

    @Test
    void fixedTextAndQuantityFollowTheCodeLine() {
        LabelSpec spec = LabelSpec.builder().fixedText(List.of("SKU 42", "LOT^7")).build();
        RenderedLabel l = new RenderedLabel(spec, TINY, 2, 0.2, 11, 11, "A_1", null);
        // Line pitch 29 + 29/4 = 36 dots; '^' and '_' travel as ^FH hex escapes.
        assertThat(zpl(new ZplEncoder(ZplEncoder.Graphic.HEX, 1).encode(l))).isEqualTo(
                "^XA^CI28^PW354^LL236^FO11,11^GFA,4,4,2,FFF08010^FS^FO11,13^A0N,29,29^FH^FDA_5F1^FS"
                        + "^FO11,49^A0N,29,29^FDSKU 42^FS^FO11,85^A0N,29,29^FH^FDLOT_5E7^FS^PQ1^XZ");
    }

    @Test
    void everyGraphicFormPrintsTheRenderedMicrocodeDotForDot() {
        for (int dpi : new int[] {203, 300, 600}) {
            LabelSpec spec = LabelSpec.builder().size(40, 30).dpi(dpi).build();
            RenderedLabel l = new LabelRenderer(spec).microcode(Microcode.fromBits(MicrocodeSeed.BITS), "0436Z31$0");
            for (ZplEncoder.Graphic g : List.of(ZplEncoder.Graphic.HEX, ZplEncoder.Graphic.RLE, ZplEncoder.Graphic.Z64)) {
                ZplEncoder enc = new ZplEncoder(g);
                String z = zpl(enc.encode(l));
                // Place the graphic at its ^FO on the label and compare with the raster at the label origin:
                // the white quiet zone may be left out of the graphic, no black dot may be.
                String fo = z.substring(z.indexOf("^FO") + 3, z.indexOf("^GFA"));
                int gx = Integer.parseInt(fo.split(",")[0]);
                int gy = Integer.parseInt(fo.split(",")[1]);
                int bpr = Integer.parseInt(z.substring(z.indexOf("^GFA,") + 5).split(",")[2]);
                byte[] graphic = ZplGraphicDecoder.decodeFirstGraphic(z);
                int rows = graphic.length / bpr;
                for (int y = 0; y < l.symbol().height(); y++) {
                    for (int x = 0; x < l.symbol().width(); x++) {
                        int px = l.originXDots() + x - gx;
                        int py = l.originYDots() + y - gy;
                        boolean printed = px >= 0 && py >= 0 && px < bpr * 8 && py < rows
                                && (graphic[py * bpr + (px >>> 3)] & (0x80 >>> (px & 7))) != 0;
                        assertThat(printed).as("%s %d dpi dot %d,%d", g, dpi, x, y).isEqualTo(l.symbol().isBlack(x, y));
                    }
                }
                assertThat(graphic.length).isLessThan(l.symbol().rows().length); // the quiet zone stayed home
                // a second label from the cached template is identical
                assertThat(enc.encode(l)).isEqualTo(enc.encode(l));
            }
        }
    }

    @Test
    void nativeQrOfAMicrocodeLabelIsRefused() {
        RenderedLabel l = new LabelRenderer(SPEC).microcode(Microcode.fromBits(MicrocodeSeed.BITS), null);
        assertThatThrownBy(() -> new ZplEncoder(ZplEncoder.Graphic.NATIVE_QR).encode(l))
                .hasMessageContaining("native QR needs a QR label");
    }
}
