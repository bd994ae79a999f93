package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.render.LabelRenderer;
import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import io.yima.drivers.render.Symbology;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscPosEncoderTest {
    static final LabelSpec SPEC = LabelSpec.builder().fixedText(List.of("SKU")).build();
    static final Raster TINY = Raster.of(12, 2, new byte[] {(byte) 0xFF, (byte) 0xF0, (byte) 0x80, 0x10});

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    @Test
    void rasterLabelIsByteExact() {
        RenderedLabel l = new RenderedLabel(SPEC, TINY, 2, 0.2, 8, 3, "AB", null);
        // ESC @ (1B 40); ESC J 3 (feed 3 dots); GS v 0 m=0 xL xH = 3 bytes/row (8 + 12 dots), yL yH = 2 rows,
        // rows moved right by 8 dots = one white byte (docs/device-protocols.md §2.2); text "AB" LF, "SKU" LF;
        // GS V 66 0 = feed to cutter and partial cut (§2.1).
        assertThat(hex(new EscPosEncoder(false, 256).encode(l))).isEqualTo(
                "1B40" + "1B4A03" + "1D7630000300" + "0200" + "00FFF0" + "008010" + "41420A" + "534B550A" + "1D564200");
    }

    @Test
    void bandsNeverExceedTheMaximumHeightAndShiftByBits() {
        RenderedLabel l = new RenderedLabel(SPEC, TINY, 2, 0.2, 4, 0, null, null);
        // origin x = 4 dots: FF F0 -> 0F FF 00, 80 10 -> 08 01 00; bands of 1 row each.
        assertThat(hex(new EscPosEncoder(false, 1).encode(l))).isEqualTo(
                "1B40" + "1D76300002000100" + "0FFF" + "1D76300002000100" + "0801" + "534B550A" + "1D564200");
    }

    @Test
    void nativeQrSendsModelSizeLevelStoreAndPrint() {
        LabelSpec spec = LabelSpec.builder().symbol(Symbology.QR).quietZoneModules(4).build();
        RenderedLabel l = new LabelRenderer(spec).qr("P.URL.CN/0V/IXO*FWWYLZLXUXGR", null);
        String url = hex("P.URL.CN/0V/IXO*FWWYLZLXUXGR".getBytes(StandardCharsets.US_ASCII));
        // origin (11, 11) + quiet zone 4 modules x 4 dots = 27: ESC J 27, GS L 27 0;
        // GS ( k: model 2 (31 41 32 00), module 4 (31 43 04), level Q (31 45 32), store 28+3 bytes (31 50 30 ..),
        // print (31 51 30) (§2.3); feed the bottom quiet zone 16, margin back to 0, partial cut.
        assertThat(hex(new EscPosEncoder(true, 256).encode(l))).isEqualTo("1B40" + "1B4A1B" + "1D4C1B00"
                + "1D286B0400314132001D286B03003143041D286B0300314532"
                + "1D286B1F00315030" + url + "1D286B0300315130" + "1B4A10" + "1D4C0000" + "1D564200");
    }

    @Test
    void rasterBandsReassembleToTheSymbol() {
        RenderedLabel l = new LabelRenderer(LabelSpec.builder().build())
                .microcode(io.yima.drivers.symbol.Microcode.fromBits(io.yima.drivers.symbol.MicrocodeSeed.BITS), "x");
        byte[] b = new EscPosEncoder(false, 24).encode(l);
        // Walk the GS v 0 commands and stack their rows; then cut away the x offset.
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        int outBpr = 0;
        for (int i = 0; i + 8 <= b.length; i++) {
            if (b[i] == 0x1D && b[i + 1] == 'v' && b[i + 2] == '0') {
                outBpr = (b[i + 4] & 0xFF) | (b[i + 5] & 0xFF) << 8;
                int h = (b[i + 6] & 0xFF) | (b[i + 7] & 0xFF) << 8;
                assertThat(h).isLessThanOrEqualTo(24);
                rows.write(b, i + 8, outBpr * h);
                i += 7 + outBpr * h;
            }
        }
        byte[] all = rows.toByteArray();
        Raster r = l.symbol();
        // The white quiet-zone rows are fed (ESC J origin + q), not sent: the first band starts q rows down.
        int q = l.quietZoneDots();
        assertThat(hex(java.util.Arrays.copyOf(b, 5))).isEqualTo("1B401B4A" + String.format("%02X", l.originYDots() + q));
        assertThat(all.length / outBpr).isEqualTo(r.height() - 2 * q);
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                int px = x + l.originXDots();
                int py = y - q;
                boolean black = py >= 0 && py < r.height() - 2 * q
                        && (all[py * outBpr + (px >>> 3)] & (0x80 >>> (px & 7))) != 0;
                assertThat(black).as("dot %d,%d", x, y).isEqualTo(r.isBlack(x, y));
            }
        }
    }
}
