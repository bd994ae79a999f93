package io.yima.sim.printer;

import static io.yima.sim.printer.ZplSamples.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.TestRasters;
import io.yima.sim.scanner.LabelDecoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZplStreamParserTest {
    private final RecordingOutput out = new RecordingOutput();
    private final ZplStreamParser parser = new ZplStreamParser(out);

    private void feed(String s) {
        byte[] b = ascii(s);
        parser.feed(b, 0, b.length);
    }

    @Test
    void decodesTheFactSheetZ64Sample() {
        // docs/device-protocols.md §1.5: a real Z64 string; zlib length 200 == field count, CRC EB2D verified there
        feed("^XA^FO0,0^GFA,200,200,100,:Z64:eJw7b/P5PG0RAwONLQDbAQB3sYGX:EB2D^FS^XZ");

        assertThat(out.errors).isEmpty();
        assertThat(out.jobs).hasSize(1);
        LabelRaster r = out.jobs.get(0).raster();
        assertThat(r.width()).isEqualTo(800);
        assertThat(r.height()).isEqualTo(2);
        // first byte 0xCF = 1100 1111
        assertThat(new boolean[] {r.get(0, 0), r.get(1, 0), r.get(2, 0), r.get(3, 0), r.get(4, 0)})
                .containsExactly(true, true, false, false, true);
    }

    @Test
    void z64WithAWrongCrcIsCountedAndTheFieldSkipped() {
        feed("^XA^FO0,0^GFA,200,200,100,:Z64:eJw7b/P5PG0RAwONLQDbAQB3sYGX:EB2E^FS^XZ");

        assertThat(out.errors).singleElement().asString().contains("CRC");
        assertThat(out.jobs).isEmpty();
    }

    @Test
    void b64FieldCarriesTheBytesUncompressed() {
        String b64 = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0x80, 0x01});
        feed(String.format("^XA^FO0,0^GFA,2,2,1,:B64:%s:%04X^FS^XZ", b64, ZplSamples.crc(b64)));

        LabelRaster r = out.jobs.get(0).raster();
        assertThat(r.get(0, 0)).isTrue();
        assertThat(r.get(7, 1)).isTrue();
        assertThat(r.blackDots()).isEqualTo(2);
    }

    @Test
    void runLengthHexMatchesPlainHex() {
        // docs/device-protocols.md §1.4: G..Y = 1..19 repeats, ',' = zeros to row end, ':' = previous row, '!' = ones to row end
        feed("^XA^FO0,0^GFA,20,20,4,MF,:,!I0J81^FS^XZ");
        feed("^XA^FO0,0^GFA,20,20,4,FFFFFFF0FFFFFFF000000000FFFFFFFF00088881^FS^XZ");

        assertThat(out.errors).isEmpty();
        assertThat(out.jobs).hasSize(2);
        assertThat(out.jobs.get(0).raster()).isEqualTo(out.jobs.get(1).raster());
    }

    @Test
    void lowercaseRunCountsAddUp() {
        // docs/device-protocols.md §1.4 example: vMB = 327 x 'B'
        feed("^XA^FO0,0^GFA,164,164,164,vMB0^FS^XZ");

        byte[] expected = new byte[164];
        Arrays.fill(expected, (byte) 0xBB);
        expected[163] = (byte) 0xB0;
        assertThat(out.errors).isEmpty();
        assertThat(out.jobs.get(0).raster()).isEqualTo(packed(expected, 164));
    }

    @Test
    void microcodeSentAsZ64PrintsTheSameRaster() {
        LabelRaster symbol = TestRasters.microcode(TestRasters.SEED_MATRIX, 6, 0, 0, 114, 114);
        feed("^XA^PW354^LL236^FO40,30" + ZplSamples.z64Field(symbol) + "^FS^XZ");

        LabelRaster label = out.jobs.get(0).raster();
        assertThat(label.width()).isEqualTo(354);
        assertThat(label.height()).isEqualTo(236);
        assertThat(new LabelDecoder().text(label)).isEqualTo(TestRasters.SEED_MATRIX);
    }

    @Test
    void qrIsRenderedAtTheRequestedMagnification() {
        // docs/device-protocols.md §1.2: ^BQN,2,m then ^FD<ecc><mode>,data
        feed("^XA^FO20,20^BQN,2,4^FDQA," + TestRasters.SEED_URL + "^FS^XZ");

        LabelDecoder decoder = new LabelDecoder();
        LabelJob job = out.jobs.get(0);
        assertThat(job.symbolData()).containsExactly(TestRasters.SEED_URL);
        assertThat(decoder.text(job.raster())).isEqualTo(TestRasters.SEED_URL);
        // version 2 = 25 modules of 4 dots, placed at 20,20
        assertThat(job.raster().width()).isEqualTo(20 + 25 * 4);
        assertThat(job.raster().get(20, 20)).isTrue();
        assertThat(job.raster().get(19, 20)).isFalse();
    }

    @Test
    void textFieldsAndQuantityAreRecorded() {
        feed("^XA^CI28^FO10,10^A0N,30,30^FDYima Tea^FS^FO10,50^A0N,20,20^FD0436Z31$0^FS^PQ3^XZ");

        assertThat(out.errors).isEmpty();
        assertThat(out.jobs).singleElement().satisfies(j -> {
            assertThat(j.texts()).containsExactly("Yima Tea", "0436Z31$0");
            assertThat(j.copies()).isEqualTo(3);
        });
    }

    @Test
    void statusQueriesBetweenFormatsAreAnswered() {
        feed("~HS^XA^FO0,0^GB10,10,2^FS^XZ~HQES~JA");

        assertThat(out.queries).containsExactly(StatusQuery.ZPL_HOST_STATUS, StatusQuery.ZPL_HOST_QUERY_ES);
        assertThat(out.controls).containsExactly("JA");
        assertThat(out.jobs).hasSize(1);
    }

    @Test
    void unknownCommandsAreCountedAndTheLabelStillPrints() {
        feed("^XA^ZZ99^FO0,0^GB10,10,2^FS^XZ");

        assertThat(out.errors).singleElement().asString().contains("^ZZ");
        assertThat(out.jobs).hasSize(1);
    }

    @Test
    void shortHexDataIsReportedAndPaddedLikeAPrinter() {
        feed("^XA^FO0,0^GFA,4,4,2,FFFF^FS^XZ");

        assertThat(out.errors).isNotEmpty();
        assertThat(out.jobs.get(0).raster().blackDots()).isEqualTo(16);
    }

    @Test
    void anOverlongFormatIsDiscardedAndTheNextOnePrints() {
        byte[] huge = new byte[ZplStreamParser.MAX_FORMAT + 10_000];
        Arrays.fill(huge, (byte) 'F');
        feed("^XA^FO0,0^GFA,1,1,1,");
        parser.feed(huge, 0, huge.length);
        assertThat(parser.buffered()).isLessThan(ZplStreamParser.MAX_FORMAT + 70_000);
        feed("^FS^XZ^XA^FO0,0^GB8,8,8^FS^XZ");

        assertThat(out.errors).anyMatch(e -> e.contains("longer than"));
        assertThat(out.jobs).hasSize(1);
        assertThat(out.jobs.get(0).raster().blackDots()).isEqualTo(64);
        assertThat(parser.buffered()).isZero();
    }

    @Test
    void aStreamSplitAtEveryPositionParsesTheSame() {
        LabelRaster symbol = TestRasters.microcode(TestRasters.SEED_MATRIX, 2, 0, 0, 38, 38);
        String stream = "~HS\r\n^XA^PW100^LL60^FO5,5" + ZplSamples.z64Field(symbol) + "^FS^A0N,20,20^FDab^FS^XZ\r\n"
                + "~HQES^XA^FO1,1^BQN,2,1^FDQA,HELLO^FS" + "^FO60,1" + ZplSamples.hexField(symbol).replace("00", "0,") + "^FS^PQ2^XZ";
        byte[] bytes = ascii(stream);
        RecordingOutput whole = RecordingOutput.assertEverySplitParsesLikeTheWhole(PrinterLanguage.ZPL, bytes);

        assertThat(whole.jobs).hasSize(2);
        assertThat(whole.errors).isEmpty();
    }

    @Test
    void bytesFedOneAtATimeParseTheSame() {
        String stream = "^XA^FO1,1^BQN,2,3^FDMM,AAC-42^FS^XZ~HS";
        RecordingOutput whole = new RecordingOutput();
        byte[] bytes = ascii(stream);
        new ZplStreamParser(whole).feed(bytes, 0, bytes.length);
        for (byte b : bytes) {
            parser.feed(new byte[] {b}, 0, 1);
        }
        assertThat(out.summary()).isEqualTo(whole.summary());
        assertThat(out.jobs.get(0).symbolData()).containsExactly("AC-42");
    }

    private static LabelRaster packed(byte[] bits, int perRow) {
        LabelRaster r = new LabelRaster(perRow * 8, bits.length / perRow);
        r.drawPacked(bits, perRow, 0, 0);
        return r;
    }
}
