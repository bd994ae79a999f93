package io.yima.sim.printer;

import static io.yima.sim.printer.ZplSamples.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulated Zebra's memory: ^DF stores, ^XF recalls with ^FN data, ~DG/^XG graphics, a lost format. */
class ZplStoredFormatTest {
    /** A 16 x 2 graphic: top row all black. */
    static final String DG = "~DGR:LOGO.GRF,4,2,FFFF0000\n";
    static final String DEFINE = "^XA^DFR:FMT.ZPL^FS^PW40^LL20^FO0,0^XGR:LOGO.GRF,1,1^FS^FO0,10^GB40,2,2^FS"
            + "^FO20,4^A0N,10,10^FN1^FS^XZ";
    static final String RECALL = "^XA^XFR:FMT.ZPL^FS^FN1^FDbatch B7^FS^FO30,0^GFA,2,2,1,8080^FS^XZ";
    static final String INLINE = "^XA^PW40^LL20^FO0,0^GFA,4,4,2,FFFF0000^FS^FO0,10^GB40,2,2^FS"
            + "^FO20,4^A0N,10,10^FDbatch B7^FS^FO30,0^GFA,2,2,1,8080^FS^XZ";

    @Test
    void aRecalledFormatPrintsLikeTheSameLabelSentWhole() {
        RecordingOutput stored = RecordingOutput.assertEverySplitParsesLikeTheWhole(PrinterLanguage.ZPL,
                ascii(DG + DEFINE + RECALL));
        assertThat(stored.errors).isEmpty();
        assertThat(stored.jobs).as("the definition prints nothing, the recall one label").hasSize(1);
        assertThat(stored.jobs.get(0).texts()).as("^FN1 filled from the recall").containsExactly("batch B7");
        assertThat(stored.jobs.get(0).textFields()).as("drawn in the printer's font at the format's ^FO, ^A height")
                .singleElement().satisfies(t -> {
                    assertThat(t.text()).isEqualTo("batch B7");
                    assertThat(List.of(t.x(), t.y(), t.heightDots())).containsExactly(20, 4, 10);
                });

        RecordingOutput inline = new RecordingOutput();
        PrinterLanguage.ZPL.newParser(inline).feed(ascii(INLINE), 0, INLINE.length());
        assertThat(stored.jobs.get(0).raster()).isEqualTo(inline.jobs.get(0).raster());
        assertThat(stored.jobs.get(0).raster().get(0, 0)).as("the stored graphic").isTrue();
        assertThat(stored.jobs.get(0).raster().get(30, 1)).as("the recall's own field").isTrue();
    }

    @Test
    void aRecallWithoutDataForAFieldPrintsItEmptyNotWithTheLastLabelsText() {
        String next = "^XA^XFR:FMT.ZPL^FS^XZ";
        RecordingOutput out = RecordingOutput.assertEverySplitParsesLikeTheWhole(PrinterLanguage.ZPL,
                ascii(DG + DEFINE + RECALL + next));
        assertThat(out.errors).isEmpty();
        assertThat(out.jobs).hasSize(2);
        assertThat(out.jobs.get(0).textFields()).hasSize(1);
        assertThat(out.jobs.get(1).texts()).isEmpty();
        assertThat(out.jobs.get(1).textFields()).isEmpty();
        assertThat(out.jobs.get(1).raster().get(0, 10)).as("the stored box still prints").isTrue();
    }

    @Test
    void formatsOutliveTheConnectionButNotThePower() {
        StoredObjects memory = new StoredObjects();
        RecordingOutput first = new RecordingOutput();
        PrinterLanguage.ZPL.newParser(first, memory).feed(ascii(DG + DEFINE), 0, (DG + DEFINE).length());
        assertThat(memory.size()).isEqualTo(2);

        RecordingOutput second = new RecordingOutput(); // a new connection to the same printer
        PrinterLanguage.ZPL.newParser(second, memory).feed(ascii(RECALL), 0, RECALL.length());
        assertThat(second.errors).isEmpty();
        assertThat(second.jobs.get(0).raster().get(0, 10)).as("the stored box").isTrue();

        memory.clear(); // power cycle
        RecordingOutput third = new RecordingOutput();
        PrinterLanguage.ZPL.newParser(third, memory).feed(ascii(RECALL), 0, RECALL.length());
        assertThat(third.errors).singleElement().asString().contains("^XF R:FMT.ZPL: no such stored format");
        assertThat(third.jobs).singleElement().satisfies(j -> {
            assertThat(j.raster().get(0, 10)).as("printed without the stored marks").isFalse();
            assertThat(j.raster().get(30, 1)).as("the recall's own field still prints").isTrue();
        });
    }

    @Test
    void malformedOrOversizedDownloadsAreRefused() {
        RecordingOutput out = new RecordingOutput();
        StoredObjects memory = new StoredObjects();
        String bad = "~DGR:X.GRF,4,2,FFZZ0000\n~DGR:Y.GRF,99999999,2,00\n";
        PrinterLanguage.ZPL.newParser(out, memory).feed(ascii(bad), 0, bad.length());
        assertThat(out.errors).anyMatch(e -> e.contains("not 8 hex digits")).anyMatch(e -> e.contains("out of range"));
        assertThat(memory.size()).isZero();
        for (int i = 0; i < StoredObjects.MAX_OBJECTS; i++) {
            assertThat(memory.putGraphic("R:G" + i + ".GRF", new byte[] {1}, 1)).isNull();
        }
        assertThat(memory.putFormat("R:ONE.ZPL", java.util.List.of("FS"))).startsWith("memory full");
    }
}
