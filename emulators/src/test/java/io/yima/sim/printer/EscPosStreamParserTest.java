package io.yima.sim.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.TestRasters;
import io.yima.sim.scanner.LabelDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Samples built from docs/device-protocols.md §2 (byte layouts from Epson, HPRT and Citizen manuals). */
class EscPosStreamParserTest {
    private final RecordingOutput out = new RecordingOutput();
    private final EscPosStreamParser parser = new EscPosStreamParser(out);

    private void feed(byte[] b) {
        parser.feed(b, 0, b.length);
    }

    /** GS v 0 m xL xH yL yH data (docs/device-protocols.md §2.2): x = bytes per row, y = dot rows, little endian. */
    static byte[] band(LabelRaster r) {
        byte[] bits = TestRasters.pack(r);
        int x = (r.width() + 7) / 8;
        int y = r.height();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x1D, 0x76, 0x30, 0x00, (byte) x, (byte) (x >> 8), (byte) y, (byte) (y >> 8)});
        b.writeBytes(bits);
        return b.toByteArray();
    }

    static byte[] qr(String data, int module) {
        // docs/device-protocols.md §2.3: Fn165 model 2, Fn167 size, Fn169 ECC Q, Fn180 store, Fn181 print
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00});
        b.writeBytes(new byte[] {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, (byte) module});
        b.writeBytes(new byte[] {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x32});
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        int k = d.length + 3;
        b.writeBytes(new byte[] {0x1D, 0x28, 0x6B, (byte) k, (byte) (k >> 8), 0x31, 0x50, 0x30});
        b.writeBytes(d);
        b.writeBytes(new byte[] {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
        return b.toByteArray();
    }

    static final byte[] INIT = {0x1B, 0x40};
    static final byte[] CUT = {0x1D, 0x56, 0x42, 0x00}; // docs/device-protocols.md §2.1: feed to cutter + partial cut

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void rasterBandsStackIntoOneLabelUntilTheCut() {
        LabelRaster symbol = TestRasters.microcode(TestRasters.SEED_MATRIX, 4, 8, 8, 96, 92);
        LabelRaster top = new LabelRaster(96, 46);
        LabelRaster bottom = new LabelRaster(96, 46);
        for (int y = 0; y < 92; y++) {
            for (int x = 0; x < 96; x++) {
                (y < 46 ? top : bottom).set(x, y % 46, symbol.get(x, y));
            }
        }
        feed(concat(INIT, band(top), band(bottom)));
        assertThat(out.jobs).isEmpty();
        feed(CUT);

        assertThat(out.jobs).singleElement().satisfies(j -> {
            assertThat(j.raster()).isEqualTo(symbol);
            assertThat(new LabelDecoder().text(j.raster())).isEqualTo(TestRasters.SEED_MATRIX);
        });
    }

    @Test
    void storedQrIsPrintedWithTheRequestedModuleSize() {
        feed(concat(INIT, qr(TestRasters.SEED_URL, 5), "0436Z31$0\n".getBytes(StandardCharsets.US_ASCII), CUT));

        assertThat(out.errors).isEmpty();
        LabelJob job = out.jobs.get(0);
        assertThat(job.symbolData()).containsExactly(TestRasters.SEED_URL);
        assertThat(job.texts()).containsExactly("0436Z31$0");
        assertThat(job.raster().width()).isEqualTo(25 * 5);
        assertThat(new LabelDecoder().text(job.raster())).isEqualTo(TestRasters.SEED_URL);
    }

    @Test
    void realTimeStatusRequestsAreRecognised() {
        feed(new byte[] {0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04});

        assertThat(out.queries).containsExactly(StatusQuery.DLE_EOT_1, StatusQuery.DLE_EOT_2,
                StatusQuery.DLE_EOT_3, StatusQuery.DLE_EOT_4);
    }

    @Test
    void escAtDiscardsAHalfBuiltLabel() {
        LabelRaster black = new LabelRaster(16, 4);
        black.fill(0, 0, 16, 4, true);
        feed(concat(band(black), INIT, CUT));

        assertThat(out.jobs).isEmpty();
    }

    @Test
    void anOversizedBandIsSkippedAndTheStreamRecovers() {
        int rows = 2000;
        int perRow = 600; // 1.2 MB > cap
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x1D, 0x76, 0x30, 0x00, (byte) perRow, (byte) (perRow >> 8), (byte) rows,
                (byte) (rows >> 8)});
        b.writeBytes(new byte[perRow * rows]);
        feed(b.toByteArray());
        feed(concat(qr("AFTER", 2), CUT));

        assertThat(out.errors).anyMatch(e -> e.contains("skipped"));
        assertThat(out.jobs).singleElement().satisfies(j -> assertThat(j.symbolData()).containsExactly("AFTER"));
        assertThat(parser.buffered()).isZero();
    }

    @Test
    void unknownCommandsAreCounted() {
        feed(new byte[] {0x1B, 0x7E, 0x1D, 0x7E});

        assertThat(out.errors).hasSize(2);
    }

    @Test
    void aStreamSplitAtEveryPositionParsesTheSame() {
        LabelRaster r = TestRasters.microcode(TestRasters.SEED_MATRIX, 1, 2, 2, 24, 23);
        byte[] stream = concat(INIT, band(r), new byte[] {0x10, 0x04, 0x04}, "text\n".getBytes(StandardCharsets.UTF_8),
                qr("HELLO", 2), CUT, new byte[] {0x1D, 0x56, 0x00}, INIT, band(r), new byte[] {0x1D, 0x56, 0x41, 0x05});
        RecordingOutput whole = RecordingOutput.assertEverySplitParsesLikeTheWhole(PrinterLanguage.ESCPOS, stream);

        assertThat(whole.jobs).hasSize(2);
        assertThat(whole.errors).isEmpty();
    }

    @Test
    void bandsAddingUpToALabelLargerThanAnyPrintHeadAreDiscardedNotAllocated() {
        // Found by the mutation property: a wide one-row band plus a long narrow one made a 20-megadot label.
        LabelRaster wide = new LabelRaster(299 * 8, 8);
        LabelRaster tall = new LabelRaster(8, 7990);
        feed(concat(INIT, band(wide), band(tall), CUT));
        assertThat(out.jobs).isEmpty();
        assertThat(out.errors).anyMatch(e -> e.contains("larger than the print head"));
        LabelRaster ok = new LabelRaster(16, 16);
        ok.set(3, 3, true);
        feed(concat(band(ok), CUT));
        assertThat(out.jobs).hasSize(1);
    }

    @Test
    void aBandWiderThanA600DpiFourInchHeadIsSkipped() {
        feed(concat(INIT, band(new LabelRaster(301 * 8, 1)), CUT));
        assertThat(out.jobs).isEmpty();
        assertThat(out.errors).anyMatch(e -> e.contains("beyond this printer's buffer"));
    }

    /** GS ( L fn 83 (docs/device-protocols.md §2.6): one colour, x in dots, raster rows. */
    static byte[] define(char kc1, char kc2, LabelRaster r) {
        byte[] bits = TestRasters.pack(r);
        int n = 11 + bits.length;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x1D, 0x28, 0x4C, (byte) n, (byte) (n >> 8), 48, 83, 48, (byte) kc1, (byte) kc2, 1,
                (byte) r.width(), (byte) (r.width() >> 8), (byte) r.height(), (byte) (r.height() >> 8), 49});
        b.writeBytes(bits);
        return b.toByteArray();
    }

    static byte[] printStored(char kc1, char kc2) {
        return new byte[] {0x1D, 0x28, 0x4C, 6, 0, 48, 85, (byte) kc1, (byte) kc2, 1, 1};
    }

    static final byte[] DELETE_ALL = {0x1D, 0x28, 0x4C, 5, 0, 48, 81, 'C', 'L', 'R'};

    @Test
    void downloadedGraphicsStackWithRasterBandsAndOneNotHeldPrintsNothing() {
        StoredObjects memory = new StoredObjects();
        EscPosStreamParser p = new EscPosStreamParser(out, memory);
        LabelRaster top = new LabelRaster(16, 4);
        top.fill(0, 0, 16, 1, true);
        LabelRaster middle = new LabelRaster(8, 2);
        middle.fill(0, 1, 3, 1, true);
        byte[] define = concat(INIT, DELETE_ALL, define('A', 'B', top));
        byte[] label = concat(printStored('A', 'B'), band(middle), printStored('A', 'B'), CUT);
        byte[] all = concat(define, label);
        for (int split = 1; split < all.length; split += 7) { // commands may arrive cut anywhere
            p.feed(all, 0, split);
            p.feed(all, split, all.length - split);
            memory.clear();
        }
        assertThat(out.errors).isEmpty();
        assertThat(out.jobs).isNotEmpty().allSatisfy(j -> {
            assertThat(j.raster().height()).isEqualTo(10);
            assertThat(j.raster().blackDots()).isEqualTo(16 + 3 + 16);
            assertThat(j.raster().get(2, 5)).isTrue();
            assertThat(j.raster().get(15, 6)).isTrue();
        });

        out.jobs.clear();
        p.feed(define, 0, define.length);
        assertThat(memory.size()).isEqualTo(1);
        memory.clear(); // the power cycle
        p.feed(label, 0, label.length);
        assertThat(out.errors).as("printing a graphic the printer lost").hasSize(2)
                .allMatch(e -> e.contains("\"AB\" is not defined"));
        assertThat(out.jobs).singleElement().satisfies(j -> assertThat(j.raster().height())
                .as("the label comes out short: only the raster band").isEqualTo(2));
    }

    @Test
    void escAtAndDeleteAllForgetTheDownloadedGraphics() {
        StoredObjects memory = new StoredObjects();
        EscPosStreamParser p = new EscPosStreamParser(out, memory);
        byte[] d = define('A', 'B', new LabelRaster(8, 1));
        p.feed(d, 0, d.length);
        assertThat(memory.size()).isEqualTo(1);
        p.feed(DELETE_ALL, 0, DELETE_ALL.length);
        assertThat(memory.size()).isZero();
        p.feed(d, 0, d.length);
        p.feed(INIT, 0, INIT.length);
        assertThat(memory.size()).isZero();
        assertThat(out.errors).isEmpty();
    }
}
