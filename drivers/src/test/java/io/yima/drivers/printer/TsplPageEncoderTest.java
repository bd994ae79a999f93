package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden samples for the TSPL page encoder. Command forms as the TSC TSPL/TSPL2 programming manual (2013 edition)
 * gives them: "SIZE", "GAP", "DIRECTION", "CLS", "BITMAP" (mode 0 overwrite, 1 OR; a 0 bit prints) and "PRINT" in
 * Label Formatting / Setup commands; "DOWNLOAD [n,]"FILENAME",DATA SIZE,DATA CONTENT" (no memory letter = DRAM,
 * lost at power off) in File Management; "PUTBMP x,y,"filename"" in Label Formatting. The BMP is the Windows
 * 1-bit layout (14 + 40 header bytes, 2-entry palette, rows bottom-up padded to 4 bytes). docs/device-protocols.md §6.
 */
class TsplPageEncoderTest {
    static final String HEAD = "SIZE 4 mm,2 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\n";

    /** 16 x 8 dots: a fixed 1-dot box at (8,1) 8 x 2, and a variable 4 x 1 picture F0 at (0,5). */
    static LabelPage page(String key) {
        Raster var = Raster.of(4, 1, new byte[] {(byte) 0xF0});
        return new LabelPage(16, 8, List.of(new Mark.Box(8, 1, 8, 2, 1)), key, List.of(new Mark.Graphic(0, 5, var)));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void inlineIsTheWholePageAsOneOverwritingBitmap() {
        byte[] b = new TsplPageEncoder(4, 2, 2).inline(page("ABCDEF0"));
        // Black area: rows 1..5, bytes 0..1. Row 1 and 2: 00 FF (box) inverted FF 00; rows 3, 4 white FF FF;
        // row 5: F0 00 inverted 0F FF.
        assertThat(text(b)).isEqualTo(HEAD + "BITMAP 0,1,2,5,0,"
                + "\u00FF\u0000\u00FF\u0000\u00FF\u00FF\u00FF\u00FF\u000F\u00FF\r\n" + "PRINT 1,1\r\n");
    }

    @Test
    void storedImageIsDownloadedAsABmpAndPutThenTheVariableMarksOred() {
        TsplPageEncoder enc = new TsplPageEncoder(4, 2, 2);
        LabelPage p = page("ABCDEF0");
        byte[] d = enc.download(p);
        // The fixed box alone: rows 1..2, byte 1 -> a BMP 8 x 2, stride 4, 62 + 8 = 70 bytes.
        String bmp = "BM" + "\u0046\u0000\u0000\u0000" + "\u0000\u0000\u0000\u0000" + "\u003E\u0000\u0000\u0000"
                + "\u0028\u0000\u0000\u0000" + "\u0008\u0000\u0000\u0000" + "\u0002\u0000\u0000\u0000"
                + "\u0001\u0000" + "\u0001\u0000" + "\u0000\u0000\u0000\u0000" + "\u0008\u0000\u0000\u0000"
                + "\u0023\u002E\u0000\u0000" + "\u0023\u002E\u0000\u0000" + "\u0002\u0000\u0000\u0000"
                + "\u0000\u0000\u0000\u0000"
                + "\u0000\u0000\u0000\u0000" + "\u00FF\u00FF\u00FF\u0000"           // palette: 0 black, 1 white
                + "\u0000\u00FF\u00FF\u00FF" + "\u0000\u00FF\u00FF\u00FF";          // bottom row first, padded white
        assertThat(text(d)).isEqualTo("DOWNLOAD \"YABCDEF0.BMP\",70," + bmp + "\r\n");
        byte[] r = enc.recall(p);
        assertThat(text(r)).isEqualTo(HEAD + "PUTBMP 8,1,\"YABCDEF0.BMP\"\r\n"
                + "BITMAP 0,5,1,1,1,\u000F\r\n" + "PRINT 1,1\r\n");
    }

    @Test
    void theStoredNameFollowsTheFixedPart() {
        TsplPageEncoder enc = new TsplPageEncoder(4, 2, 2);
        assertThat(text(enc.recall(page("AAAAAAA")))).contains("\"YAAAAAAA.BMP\"");
        assertThat(text(enc.download(page("BBBBBBB")))).startsWith("DOWNLOAD \"YBBBBBBB.BMP\",");
        assertThat(text(enc.recall(page("BBBBBBB")))).contains("PUTBMP 8,1,\"YBBBBBBB.BMP\"");
    }

    @Test
    void aVariablePictureTravelsAtItsOwnDotAndOneReachingPastTheEdgeIsClipped() {
        // 0x81 = dots 0 and 7 of the picture; inside the label at x 3 the BITMAP starts at dot 3 (no byte alignment
        // needed); at x 12 on a 16-dot label dot 7 would be at 19: the page is clipped, as the preview is.
        Raster var = Raster.of(8, 1, new byte[] {(byte) 0x81});
        TsplPageEncoder enc = new TsplPageEncoder(4, 2, 2);
        LabelPage inside = new LabelPage(16, 8, List.of(), "0000000", List.of(new Mark.Graphic(3, 2, var)));
        assertThat(text(enc.recall(inside))).isEqualTo(HEAD + "BITMAP 3,2,1,1,1,\u007E\r\nPRINT 1,1\r\n");
        LabelPage past = new LabelPage(16, 8, List.of(), "0000000", List.of(new Mark.Graphic(12, 2, var)));
        assertThat(text(enc.recall(past))).isEqualTo(HEAD + "BITMAP 8,2,1,1,1,\u00F7\r\nPRINT 1,1\r\n");
    }

    @Test
    void aPageWithoutFixedMarksNeedsNoDownload() {
        Raster var = Raster.of(8, 1, new byte[] {(byte) 0x81});
        LabelPage p = new LabelPage(16, 8, List.of(), "0000000", List.of(new Mark.Graphic(8, 0, var)));
        TsplPageEncoder enc = new TsplPageEncoder(4, 2, 2);
        assertThat(enc.download(p)).isEmpty();
        assertThat(text(enc.recall(p))).isEqualTo(HEAD + "BITMAP 8,0,1,1,1,\u007E\r\nPRINT 1,1\r\n");
    }

    /** 16 x 8 dots at 300 dpi: a per-label text field at (2,3), 25 dots high (6 points), drawn as F0 by the edge. */
    static LabelPage textPage(String text) {
        Raster var = Raster.of(4, 1, new byte[] {(byte) 0xF0});
        return new LabelPage(16, 8, List.of(new Mark.Box(8, 1, 8, 2, 1)), "ABCDEF0",
                List.of(new Mark.Text(2, 3, 25, 1, text, var)));
    }

    @Test
    void perLabelAsciiTextGoesAsTextInTheBuiltInScalableFont() {
        TsplPageEncoder enc = new TsplPageEncoder(4, 2, 2, 300);
        assertThat(text(enc.recall(textPage("0436Z31$0")))).isEqualTo(HEAD + "PUTBMP 8,1,\"YABCDEF0.BMP\"\r\n"
                + "TEXT 2,3,\"0\",0,6,6,\"0436Z31$0\"\r\n" + "PRINT 1,1\r\n");
        // inline: the page's other dots as one BITMAP, the text after it (a BITMAP would overwrite it)
        assertThat(text(enc.inline(textPage("No.7")))).isEqualTo(HEAD + "BITMAP 8,1,1,2,0,\u0000\u0000\r\n"
                + "TEXT 2,3,\"0\",0,6,6,\"No.7\"\r\n" + "PRINT 1,1\r\n");
        // 203 dpi: the same 25 dots are 9 points
        assertThat(text(new TsplPageEncoder(4, 2, 2, 203).recall(textPage("A")))).contains(",\"0\",0,9,9,\"A\"");
    }

    @Test
    void textThePrinterFontCannotCarryIsTheEdgesPicture() {
        TsplPageEncoder enc = new TsplPageEncoder(4, 2, 2, 300);
        // Chinese: the built-in fonts have no glyphs for it; a double quote would end the string
        for (String t : List.of("批号7", "12\" roll")) {
            assertThat(text(enc.recall(textPage(t)))).as(t).isEqualTo(HEAD + "PUTBMP 8,1,\"YABCDEF0.BMP\"\r\n"
                    + "BITMAP 2,3,1,1,1,\u000F\r\n" + "PRINT 1,1\r\n");
        }
    }
}
