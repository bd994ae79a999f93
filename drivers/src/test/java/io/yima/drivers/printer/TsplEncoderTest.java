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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden samples for the TSPL encoder. Each command's form is the one the TSC TSPL/TSPL2 programming manual (2013
 * edition, as published for the TTP-244 Plus / TTP-345 / TDP-247) gives in its section of the same name; the
 * sections are listed in docs/device-protocols.md §6.
 */
class TsplEncoderTest {
    static final LabelSpec SPEC = LabelSpec.builder().fixedText(List.of("SKU")).build();
    static final Raster TINY = Raster.of(12, 2, new byte[] {(byte) 0xFF, (byte) 0xF0, (byte) 0x80, 0x10});

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void bitmapLabelIsByteExact() {
        RenderedLabel l = new RenderedLabel(SPEC, TINY, 2, 0.2, 8, 3, "AB", null);
        byte[] b = new TsplEncoder(TsplEncoder.Graphic.BITMAP).encode(l);
        // Manual "SIZE": "SIZE m mm,n mm"; "GAP": "GAP m mm,n mm" (n = offset 0); "DIRECTION": 0 or 1; "CLS" clears
        // the image buffer. "BITMAP x,y,width (bytes),height (dots),mode,data": mode 0 = overwrite; a 0 bit prints.
        // FF F0 / 80 10 inverted = 00 0F / 7F EF. "TEXT x,y,"font",rotation,x-mul,y-mul,"content"": built-in font
        // "3" (16 x 24 dots), 2.5 mm = 29 dots at 300 dpi -> multiplication 1; the code line right under the symbol
        // (y 3 + 2), the fixed line 29 + 29/4 = 36 dots below. "PRINT m,n": one set, one copy. Every line ends CR LF.
        String expected = "SIZE 30 mm,20 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\n"
                + "BITMAP 8,3,2,2,0," + "\u0000\u000F\u007F\u00EF" + "\r\n"
                + "TEXT 8,5,\"3\",0,1,1,\"AB\"\r\n"
                + "TEXT 8,41,\"3\",0,1,1,\"SKU\"\r\n"
                + "PRINT 1,1\r\n";
        assertThat(text(b)).isEqualTo(expected);
    }

    @Test
    void nativeQrIsTheManualsQrcodeCommandInsideTheQuietZone() {
        LabelSpec spec = LabelSpec.builder().symbol(Symbology.QR).quietZoneModules(4).build();
        RenderedLabel l = new LabelRenderer(spec).qr("P.URL.CN/0V/IXO*FWWYLZLXUXGR", "ABCDEFGHJ");
        String s = text(new TsplEncoder(TsplEncoder.Graphic.NATIVE_QR).encode(l));
        // Manual "QRCODE x,y,ECC level,cell width,mode,rotation,[model,mask,]"content"": level Q, cell = dots per
        // module, A = automatic encoding, rotation 0, M2 = model 2, S7 = the default mask. The printer draws no quiet
        // zone, so the symbol starts q = 4 modules x 4 dots inside the raster's origin (11, 11).
        int q = l.quietZoneDots();
        assertThat(q).isEqualTo(16);
        assertThat(s).contains("QRCODE " + (l.originXDots() + q) + "," + (l.originYDots() + q) + ",Q,"
                + l.dotsPerModule() + ",A,0,M2,S7,\"P.URL.CN/0V/IXO*FWWYLZLXUXGR\"\r\n");
        assertThat(s).startsWith("SIZE 30 mm,20 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\nQRCODE ");
        assertThat(s).contains("TEXT " + l.originXDots() + "," + (l.originYDots() + l.symbol().height())
                + ",\"3\",0,1,1,\"ABCDEFGHJ\"\r\n");
        assertThat(s).endsWith("PRINT 1,1\r\n").doesNotContain("BITMAP");
    }

    @Test
    void bitmapCarriesTheSymbolWithoutItsQuietZone() {
        RenderedLabel l = new LabelRenderer(LabelSpec.builder().build())
                .microcode(Microcode.fromBits(MicrocodeSeed.BITS), "x");
        byte[] b = new TsplEncoder(TsplEncoder.Graphic.BITMAP).encode(l);
        String s = text(b);
        int at = s.indexOf("BITMAP ");
        int dataStart = at;
        for (int commas = 0; commas < 5; dataStart++) {
            if (b[dataStart] == ',') {
                commas++;
            }
        }
        String[] f = s.substring(at + 7, dataStart - 1).split(",");
        int x = Integer.parseInt(f[0]);
        int y = Integer.parseInt(f[1]);
        int bpr = Integer.parseInt(f[2]);
        int rows = Integer.parseInt(f[3]);
        assertThat(f[4]).isEqualTo("0");
        assertThat(b[dataStart + bpr * rows]).isEqualTo((byte) '\r');
        Raster r = l.symbol();
        int q = l.quietZoneDots();
        assertThat(rows).as("quiet-zone rows not sent").isEqualTo(r.height() - 2 * q);
        assertThat(y).isEqualTo(l.originYDots() + q);
        // Every dot of the rendered raster (inside the label) is where the BITMAP puts it, 0 bit = black.
        for (int yy = 0; yy < r.height(); yy++) {
            for (int xx = 0; xx < r.width(); xx++) {
                boolean black = (r.rows()[yy * r.bytesPerRow() + (xx >>> 3)] & (0x80 >>> (xx & 7))) != 0;
                int px = l.originXDots() + xx - x;
                int py = l.originYDots() + yy - y;
                boolean sent = px >= 0 && py >= 0 && px < 8 * bpr && py < rows
                        && (b[dataStart + py * bpr + (px >>> 3)] & (0x80 >>> (px & 7))) == 0;
                assertThat(sent).as("dot %d,%d", xx, yy).isEqualTo(black);
            }
        }
    }

    @Test
    void quotesInTextAreEscapedAndChineseGoesInTheGbFont() {
        LabelSpec spec = LabelSpec.builder().fixedText(List.of("12\" roll", "批次 B1")).build();
        RenderedLabel l = new RenderedLabel(spec, TINY, 2, 0.2, 0, 0, null, null);
        byte[] b = new TsplEncoder(TsplEncoder.Graphic.BITMAP).encode(l);
        String s = text(b);
        // Manual, document conventions: a double quote inside a string is written \["].
        assertThat(s).contains("\"3\",0,1,1,\"12\\[\"] roll\"\r\n");
        // TSS24.BF2 is the simplified-Chinese font (GB2312 codes).
        byte[] gb = "\"TSS24.BF2\",0,1,1,\"批次 B1\"\r\n".getBytes(Charset.forName("GB18030"));
        assertThat(HexFormat.of().formatHex(b)).contains(HexFormat.of().formatHex(gb));
        assertThat(s).as("no code line asked for: fixed lines still start one line below the symbol")
                .contains("TEXT 0,38,");
    }

    @Test
    void copiesGoIntoPrint() {
        RenderedLabel l = new RenderedLabel(SPEC, TINY, 2, 0.2, 0, 0, null, null);
        assertThat(text(new TsplEncoder(TsplEncoder.Graphic.BITMAP, 3, 3.0).encode(l)))
                .contains("GAP 3 mm,0 mm\r\n").endsWith("PRINT 1,3\r\n");
    }

    @Test
    void nativeQrRefusesMicrocodeAndOversizedCells() {
        RenderedLabel micro = new LabelRenderer(LabelSpec.builder().build())
                .microcode(Microcode.fromBits(MicrocodeSeed.BITS), null);
        assertThatThrownBy(() -> new TsplEncoder(TsplEncoder.Graphic.NATIVE_QR).encode(micro))
                .hasMessageContaining("needs a QR label");
        LabelSpec big = LabelSpec.builder().symbol(Symbology.QR).symbolSizeMm(40).size(60, 60).build();
        RenderedLabel l = new LabelRenderer(big).qr("P.URL.CN/0V/IXO*FWWYLZLXUXGR", null);
        assertThat(l.dotsPerModule()).isGreaterThan(10);
        assertThatThrownBy(() -> new TsplEncoder(TsplEncoder.Graphic.NATIVE_QR).encode(l))
                .hasMessageContaining("at most 10 dots per module");
    }
}
