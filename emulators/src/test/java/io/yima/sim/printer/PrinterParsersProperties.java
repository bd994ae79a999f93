package io.yima.sim.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.TestRasters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Random and mutated input never throws, never hangs, and never grows a parser's buffer beyond its cap. */
class PrinterParsersProperties {
    private static final byte[] ZPL = ("~HS^XA^PW200^LL100^FO10,10^BQN,2,2^FDQA,HELLO^FS^FO60,10"
            + ZplSamples.z64Field(TestRasters.microcode(TestRasters.SEED_MATRIX, 1, 0, 0, 19, 19))
            + "^FS^FO1,1^GFA,8,8,2,MF,:,!^FS^A0N,9,9^FDtext^FS^PQ2^XZ~HQES").getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ESCPOS = EscPosStreamParserTest.concat(EscPosStreamParserTest.INIT,
            EscPosStreamParserTest.band(TestRasters.microcode(TestRasters.SEED_MATRIX, 1, 0, 0, 24, 19)),
            EscPosStreamParserTest.qr("HELLO", 2), "abc\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0x10, 0x04, 0x02}, EscPosStreamParserTest.CUT);

    private static final byte[] TSPL = TsplStreamParserTest.concat(TsplStreamParserTest.ascii(
            "SIZE 10 mm,10 mm\r\nGAP 2 mm,0 mm\r\nCLS\r\n"),
            TsplStreamParserTest.bitmap(TestRasters.microcode(TestRasters.SEED_MATRIX, 1, 0, 0, 24, 19), 4, 4),
            TsplStreamParserTest.ascii("QRCODE 40,40,Q,2,A,0,M2,S7,\"HELLO\"\r\nTEXT 0,90,\"3\",0,1,1,\"a\\[\"]b\"\r\n"
                    + "PRINT 1,2\r\n"), new byte[] {0x1B, '!', '?', 0x1B, '!', '.'});

    @Property(tries = 300)
    void tsplSurvivesRandomBytes(@ForAll @Size(max = 3000) byte[] junk, @ForAll @Size(max = 8) List<Integer> cuts) {
        survives(PrinterLanguage.TSPL, junk, cuts);
    }

    @Property(tries = 500)
    void tsplSurvivesMutatedJobs(@ForAll("tsplMutants") byte[] input) {
        survives(PrinterLanguage.TSPL, input, List.of(9, 60));
    }

    @Provide
    Arbitrary<byte[]> tsplMutants() {
        return mutants(TSPL, "\r\n,\"\u001b!?.0123456789 ".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 300)
    void zplSurvivesRandomBytes(@ForAll @Size(max = 3000) byte[] junk, @ForAll @Size(max = 8) List<Integer> cuts) {
        survives(PrinterLanguage.ZPL, junk, cuts);
    }

    @Property(tries = 300)
    void escPosSurvivesRandomBytes(@ForAll @Size(max = 3000) byte[] junk, @ForAll @Size(max = 8) List<Integer> cuts) {
        survives(PrinterLanguage.ESCPOS, junk, cuts);
    }

    @Property(tries = 500)
    void zplSurvivesMutatedFormats(@ForAll("zplMutants") byte[] input) {
        survives(PrinterLanguage.ZPL, input, List.of(7, 33));
    }

    @Property(tries = 500)
    void escPosSurvivesMutatedJobs(@ForAll("escPosMutants") byte[] input) {
        survives(PrinterLanguage.ESCPOS, input, List.of(5, 40));
    }

    @Provide
    Arbitrary<byte[]> zplMutants() {
        return mutants(ZPL, "^~,:0F!gzXAZ".getBytes(StandardCharsets.US_ASCII));
    }

    @Provide
    Arbitrary<byte[]> escPosMutants() {
        return mutants(ESCPOS, new byte[] {0x1B, 0x1D, 0x10, 0x04, 0x76, 0x30, (byte) 0xFF, 0x00, 0x6B, 0x56});
    }

    /** The sample with a few bytes replaced, inserted or deleted, favouring bytes the parser cares about. */
    private static Arbitrary<byte[]> mutants(byte[] sample, byte[] interesting) {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, sample.length - 1);
        Arbitrary<Byte> value = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of(interesting.length == 0 ? new Byte[] {0} : box(interesting)));
        Arbitrary<int[]> edit = net.jqwik.api.Combinators.combine(pos, value, Arbitraries.integers().between(0, 2))
                .as((p, v, kind) -> new int[] {p, v, kind});
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
            byte[] b = sample.clone();
            for (int[] e : edits) {
                int p = Math.min(e[0], b.length - 1);
                if (b.length == 0) {
                    break;
                }
                switch (e[2]) {
                    case 0 -> b[p] = (byte) e[1];
                    case 1 -> {
                        byte[] n = new byte[b.length + 1];
                        System.arraycopy(b, 0, n, 0, p);
                        n[p] = (byte) e[1];
                        System.arraycopy(b, p, n, p + 1, b.length - p);
                        b = n;
                    }
                    default -> {
                        byte[] n = new byte[b.length - 1];
                        System.arraycopy(b, 0, n, 0, p);
                        System.arraycopy(b, p + 1, n, p, b.length - p - 1);
                        b = n;
                    }
                }
            }
            return b;
        });
    }

    private static Byte[] box(byte[] b) {
        Byte[] out = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }

    private static void survives(PrinterLanguage language, byte[] input, List<Integer> cuts) {
        RecordingOutput out = new RecordingOutput();
        StreamParser p = language.newParser(out);
        int from = 0;
        for (int c : cuts) {
            int at = Math.floorMod(c, input.length + 1);
            if (at > from) {
                p.feed(input, from, at - from);
                from = at;
            }
        }
        p.feed(input, from, input.length - from);
        assertThat(p.buffered()).isLessThanOrEqualTo(input.length);
        for (LabelJob j : out.jobs) {
            LabelRaster r = j.raster();
            assertThat((long) r.width() * r.height()).isLessThanOrEqualTo(16_000_000L);
        }
    }
}
