package io.yima.sim.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.TestRasters;
import io.yima.sim.scanner.LabelDecoder;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Samples built from the TSC TSPL/TSPL2 programming manual (docs/device-protocols.md §6), written here by hand: the
 * emulator shares no code with the edge's encoder.
 */
class TsplStreamParserTest {
    private final RecordingOutput out = new RecordingOutput();
    private final TsplStreamParser parser = new TsplStreamParser(out);

    private void feed(byte[] b) {
        parser.feed(b, 0, b.length);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** BITMAP x,y,width bytes,height,0,data: the raster packed and inverted (in TSPL a 0 bit prints). */
    static byte[] bitmap(LabelRaster r, int x, int y) {
        byte[] bits = TestRasters.pack(r);
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) ~bits[i];
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii("BITMAP " + x + "," + y + "," + (r.width() + 7) / 8 + "," + r.height() + ",0,"));
        b.writeBytes(bits);
        b.writeBytes(ascii("\r\n"));
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void theManualsQrcodeExamplePrintsAReadableSymbol() {
        // Manual, QRCODE, auto-mode example a: SIZE 4,2.5 (inches), GAP 0.12,0, CLS, QRCODE 10,10,H,4,A,0,"ABCabc123",
        // PRINT 1,1.
        byte[] sample = ascii("SIZE 4,2.5\r\nGAP 0.12,0\r\nCLS\r\nQRCODE 10,10,H,4,A,0,\"ABCabc123\"\r\nPRINT 1,1\r\n");
        RecordingOutput whole = RecordingOutput.assertEverySplitParsesLikeTheWhole(PrinterLanguage.TSPL, sample);
        assertThat(whole.errors).isEmpty();
        assertThat(whole.jobs).hasSize(1);
        LabelJob job = whole.jobs.get(0);
        assertThat(job.raster().width()).as("4 inches at 300 dpi").isEqualTo(1200);
        assertThat(job.raster().height()).isEqualTo(750);
        assertThat(job.symbolData()).containsExactly("ABCabc123");
        assertThat(job.copies()).isEqualTo(1);
        assertThat(job.rawBytes()).isEqualTo(sample.length);
        assertThat(new LabelDecoder().text(job.raster())).isEqualTo("ABCabc123");
    }

    @Test
    void bitmapLandsDotForDot() {
        LabelRaster qr = TestRasters.qr(TestRasters.SEED_URL, 4, 0, 0, 120, 120);
        byte[] bm = bitmap(qr, 40, 24);
        byte[] label = concat(ascii("SIZE 30 mm,20 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\n"), bm,
                ascii("TEXT 40,200,\"3\",0,1,1,\"0436Z31$0\"\r\nPRINT 1,1\r\n"));
        feed(label);
        assertThat(out.errors).isEmpty();
        LabelRaster r = out.jobs.get(0).raster();
        assertThat(r.width()).isEqualTo(354);
        for (int y = 0; y < qr.height(); y++) {
            for (int x = 0; x < qr.width(); x++) {
                assertThat(r.get(40 + x, 24 + y)).as("dot %d,%d", x, y).isEqualTo(qr.get(x, y));
            }
        }
        assertThat(r.blackDots()).isEqualTo(qr.blackDots());
        assertThat(out.jobs.get(0).texts()).containsExactly("0436Z31$0");
        assertThat(new LabelDecoder().text(r)).isEqualTo(TestRasters.SEED_URL);
    }

    @Test
    void splitsAnywhereIncludingInsideBitmapData() {
        LabelRaster micro = TestRasters.microcode(TestRasters.SEED_MATRIX, 3, 0, 0, 57, 57);
        // Data bytes F5 F2 E4 invert to 0A 0D 1B: LF, CR and ESC inside BITMAP data are dots, not commands.
        LabelRaster tricky = new LabelRaster(24, 1);
        int[] bits = {0xF5, 0xF2, 0xE4};
        for (int x = 0; x < 24; x++) {
            tricky.set(x, 0, (bits[x / 8] & (0x80 >>> (x % 8))) != 0);
        }
        assertThat(bitmap(tricky, 0, 0)).contains(0x0A, 0x0D, 0x1B);
        byte[] stream = concat(ascii("SIZE 20 mm,15 mm\nCLS\n"), bitmap(micro, 8, 8), bitmap(tricky, 8, 100),
                ascii("PRINT 1\n"),
                new byte[] {0x1B, '!', '?'}, ascii("CLS\nPRINT 2,3\n"));
        RecordingOutput whole = RecordingOutput.assertEverySplitParsesLikeTheWhole(PrinterLanguage.TSPL, stream);
        assertThat(whole.errors).isEmpty();
        assertThat(whole.jobs).hasSize(2);
        assertThat(whole.jobs.get(0).raster().blackDots()).isEqualTo(micro.blackDots() + tricky.blackDots());
        assertThat(new LabelDecoder().text(whole.jobs.get(0).raster())).as("the microcode reads")
                .isEqualTo(TestRasters.SEED_MATRIX);
        assertThat(whole.jobs.get(1).copies()).as("PRINT m,n: m sets of n copies").isEqualTo(6);
        assertThat(whole.jobs.get(1).raster().blackDots()).as("CLS cleared the buffer").isZero();
        assertThat(whole.queries).containsExactly(StatusQuery.TSPL_STATUS_BYTE);
    }

    @Test
    void immediateCommandsAskStatusCancelPauseAndResume() {
        feed(new byte[] {0x1B, '!', '?', 0x1B, '!', 'S', 0x1B, '!', '.', 0x1B, '!', 'P', 0x1B, '!', 'O', 0x1B, '!', 'Z'});
        assertThat(out.queries).containsExactly(StatusQuery.TSPL_STATUS_BYTE, StatusQuery.TSPL_STATUS_EXTENDED);
        assertThat(out.controls).containsExactly("JA", "PP", "PS");
        assertThat(out.errors).containsExactly("immediate command <ESC>!Z not emulated");
    }

    @Test
    void quotedTextUnescapesAndChineseFontDecodesGb() {
        byte[] gb = "批次".getBytes(Charset.forName("GB18030"));
        feed(concat(ascii("SIZE 30 mm,20 mm\r\nCLS\r\nTEXT 0,0,\"3\",0,1,1,\"12\\[\"] roll\"\r\nTEXT 0,40,\"TSS24.BF2\",0,1,1,\""),
                gb, ascii("\"\r\nPRINT 1\r\n")));
        assertThat(out.errors).isEmpty();
        assertThat(out.jobs.get(0).texts()).containsExactly("12\" roll", "批次");
    }

    @Test
    void scalableFontTextIsDrawnItsHeightInPointsAtThePrintersDpi() {
        // TEXT x,y,"0",rotation,width pt,height pt,"content": font "0" is the built-in scalable font
        feed(ascii("SIZE 30 mm,20 mm\r\nCLS\r\nTEXT 20,30,\"0\",0,6,6,\"0436Z31$0\"\r\n"
                + "TEXT 0,100,\"3\",0,1,1,\"bitmap font\"\r\nPRINT 1\r\n"));
        assertThat(out.errors).isEmpty();
        LabelJob job = out.jobs.get(0);
        assertThat(job.texts()).containsExactly("0436Z31$0", "bitmap font");
        assertThat(job.textFields()).as("only the scalable font is drawn").singleElement().satisfies(t -> {
            assertThat(t.text()).isEqualTo("0436Z31$0");
            // 6 points at 300 dpi = 25 dots
            assertThat(new int[] {t.x(), t.y(), t.heightDots()}).containsExactly(20, 30, 25);
            assertThat(t.widthDots()).isGreaterThan(9 * 5);
        });
        int inside = 0;
        for (int y = 0; y < job.raster().height(); y++) {
            for (int x = 0; x < job.raster().width(); x++) {
                if (job.raster().get(x, y)) {
                    assertThat(x >= 20 && y >= 30 && y < 30 + 25).as("dot (%d,%d) inside the text's field", x, y)
                            .isTrue();
                    inside++;
                }
            }
        }
        assertThat(inside).as("the text is drawn").isGreaterThan(50);

        // the next label (CLS) does not keep the fields of the last
        feed(ascii("CLS\r\nPRINT 1\r\n"));
        assertThat(out.jobs.get(1).textFields()).isEmpty();
    }

    @Test
    void directionOneTurnsTheImageHalfACircle() {
        LabelRaster dot = new LabelRaster(8, 1);
        dot.set(0, 0, true);
        feed(concat(ascii("SIZE 10 dot,5 dot\r\nDIRECTION 1\r\nCLS\r\n"), bitmap(dot, 0, 0), ascii("PRINT 1\r\n")));
        LabelRaster r = out.jobs.get(0).raster();
        assertThat(r.get(9, 4)).isTrue();
        assertThat(r.blackDots()).isEqualTo(1);
    }

    @Test
    void oversizedAndMalformedInputIsCountedSkippedAndTheNextLabelStillPrints() {
        feed(ascii("PRINT 1\r\n"));                                   // no SIZE yet
        feed(ascii("BITMAP 0,0,2000,2000,0,"));                        // 4 MB: refused, its data skipped
        feed(new byte[4_000_000]);
        feed(ascii("FROB 1,2\r\nQRCODE 0,0,X,4,A,0,\"x\"\r\nTEXT 0,0,\"3\",0,1,1,\"open\r\n"));
        feed(ascii("X".repeat(TsplStreamParser.MAX_LINE + 10) + "\r\n"));
        assertThat(parser.buffered()).isLessThan(TsplStreamParser.MAX_LINE + 64);
        feed(ascii("SIZE 10 mm,10 mm\r\nCLS\r\nQRCODE 8,8,Q,3,A,0,\"P.URL.CN/0V/IXO*FWWYLZLXUXGR\"\r\nPRINT 1\r\n"));
        assertThat(out.errors).hasSize(6);
        assertThat(out.errors.get(0)).contains("PRINT before SIZE");
        assertThat(out.errors.get(1)).contains("BITMAP of 2000 x 2000 bytes");
        assertThat(out.errors.get(2)).contains("unknown command FROB");
        assertThat(out.errors.get(3)).contains("not L, M, Q or H");
        assertThat(out.errors.get(4)).contains("unterminated string");
        assertThat(out.errors.get(5)).contains("longer than");
        assertThat(out.jobs).hasSize(1);
        assertThat(new LabelDecoder().text(out.jobs.get(0).raster())).isEqualTo("P.URL.CN/0V/IXO*FWWYLZLXUXGR");
    }

    /** A 1-bit BMP written by the JDK's own BMP writer (nothing of the edge): 20 x 10, a 6 x 4 block and a dot. */
    static byte[] jdkBmp() throws IOException {
        BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                boolean black = (x >= 2 && x < 8 && y >= 3 && y < 7) || (x == 19 && y == 9);
                img.setRGB(x, y, black ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "bmp", b)).isTrue();
        return b.toByteArray();
    }

    @Test
    void aDownloadedBmpIsPutWhereAsked() throws IOException {
        // Manual, DOWNLOAD: DOWNLOAD "FILENAME",DATA SIZE,DATA CONTENT (no memory letter: DRAM); PUTBMP x,y,"FILENAME".
        byte[] bmp = jdkBmp();
        byte[] sample = concat(ascii("SIZE 10 mm,5 mm\r\nCLS\r\nDOWNLOAD \"LOGO.BMP\"," + bmp.length + ","), bmp,
                ascii("\r\nPUTBMP 16,8,\"LOGO.BMP\"\r\nPRINT 1\r\n"));
        RecordingOutput whole = RecordingOutput.assertEverySplitParsesLikeTheWhole(PrinterLanguage.TSPL, sample);
        assertThat(whole.errors).isEmpty();
        LabelRaster r = whole.jobs.get(0).raster();
        assertThat(r.blackDots()).isEqualTo(6 * 4 + 1);
        assertThat(r.get(16 + 2, 8 + 3)).isTrue();
        assertThat(r.get(16 + 7, 8 + 6)).isTrue();
        assertThat(r.get(16 + 8, 8 + 6)).isFalse();
        assertThat(r.get(16 + 19, 8 + 9)).as("the bottom row is the file's first").isTrue();
    }

    @Test
    void aFileNotInMemoryIsAnErrorAndTheLabelPrintsWithoutIt() throws IOException {
        byte[] bmp = jdkBmp();
        StoredObjects memory = new StoredObjects();
        TsplStreamParser p = new TsplStreamParser(out, memory);
        byte[] download = concat(ascii("DOWNLOAD \"A.BMP\"," + bmp.length + ","), bmp, ascii("\r\n"));
        p.feed(download, 0, download.length);
        assertThat(memory.size()).isEqualTo(1);
        memory.clear(); // the power cycle
        byte[] label = ascii("SIZE 10 mm,5 mm\r\nCLS\r\nPUTBMP 0,0,\"A.BMP\"\r\nPRINT 1\r\n");
        p.feed(label, 0, label.length);
        assertThat(out.errors).singleElement().asString().contains("no file A.BMP in memory");
        assertThat(out.jobs).hasSize(1);
        assertThat(out.jobs.get(0).raster().blackDots()).isZero();
    }

    @Test
    void oversizedFlashAndProgramDownloadsAreRefusedAndTheNextLabelStillPrints() {
        byte[] big = new byte[TsplStreamParser.MAX_FILE_BYTES + 1];
        feed(concat(ascii("DOWNLOAD \"BIG.BMP\"," + big.length + ","), big));
        feed(concat(ascii("DOWNLOAD F,\"F.BMP\",3,"), new byte[] {'\n', '\n', '\n'}));
        feed(ascii("DOWNLOAD \"DEMO.BAS\"\r\n"));
        feed(ascii("SIZE 10 mm,5 mm\r\nCLS\r\nPRINT 1\r\n"));
        assertThat(out.errors).hasSize(3);
        assertThat(out.errors.get(0)).contains("BIG.BMP").contains("refused");
        assertThat(out.errors.get(1)).contains("not emulated");
        assertThat(out.errors.get(2)).contains("program downloads");
        assertThat(out.jobs).hasSize(1);
    }

    @Test
    void dmatrixDrawsADataMatrixThatDecodesToItsContent() throws Exception {
        // Manual, DMATRIX x,y,width,height,[xm,row,col,]"content": module size 6 dots, automatic rows and columns.
        feed(ascii("SIZE 40 mm,30 mm\r\nCLS\r\nDMATRIX 40,40,300,300,x6,0,0,\"P.URL.CN/0V/IXO*FWWYLZLXUXGR\""
                + "\r\nPRINT 1,1\r\n"));
        assertThat(out.errors).isEmpty();
        LabelRaster r = out.jobs.get(0).raster();
        assertThat(out.jobs.get(0).symbolData()).containsExactly("P.URL.CN/0V/IXO*FWWYLZLXUXGR");
        assertThat(r.get(40, 40 + 6 * 10)).as("the L finder's left edge, module 6 dots").isTrue();
        String read = new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(r.toImage()))), Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
        assertThat(read).isEqualTo("P.URL.CN/0V/IXO*FWWYLZLXUXGR");
    }
}
