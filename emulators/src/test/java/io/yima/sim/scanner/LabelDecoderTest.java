package io.yima.sim.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.TestRasters;
import org.junit.jupiter.api.Test;

class LabelDecoderTest {
    private final LabelDecoder decoder = new LabelDecoder();

    @Test
    void readsTheUrlOfAnOrdinaryQr() {
        // the guide's example URL, as a version 2 / level Q QR would carry it (the golden sample in docs/vault.md)
        LabelRaster label = TestRasters.qr(TestRasters.SEED_URL, 4, 40, 30, 354, 236);

        SymbolRead read = decoder.decode(label);

        assertThat(read).isEqualTo(new SymbolRead(Symbology.QR, TestRasters.SEED_URL));
    }

    @Test
    void readsTheSeedMicrocodeMatrixCellByCell() {
        LabelRaster label = TestRasters.microcode(TestRasters.SEED_MATRIX, 6, 33, 21, 354, 236);

        SymbolRead read = decoder.decode(label);

        assertThat(read).isEqualTo(new SymbolRead(Symbology.MICROCODE, TestRasters.SEED_MATRIX));
    }

    @Test
    void findsTheMicrocodeBesideOtherMarksOnTheLabel() {
        LabelRaster label = TestRasters.microcode(TestRasters.SEED_MATRIX, 5, 150, 60, 354, 236);
        label.fill(10, 10, 120, 4, true);      // a rule above the text
        label.fill(10, 200, 300, 20, true);    // a black bar under the symbol

        assertThat(decoder.text(label)).isEqualTo(TestRasters.SEED_MATRIX);
    }

    @Test
    void readsAMatrixWhoseBorderCellsAreNotAllBlack() {
        char[] bits = TestRasters.SEED_MATRIX.toCharArray();
        for (int row = 7; row < 19; row++) {
            bits[row * 19 + 18] = '0'; // clear the right border below the top-right finder
        }
        for (int col = 7; col < 19; col++) {
            bits[18 * 19 + col] = '0'; // and the bottom border right of the bottom-left finder
        }
        String matrix = new String(bits);

        assertThat(decoder.text(TestRasters.microcode(matrix, 4, 20, 20, 200, 200))).isEqualTo(matrix);
    }

    @Test
    void aMatrixPrintedWithOneCellWrongReadsWrong() {
        char[] bits = TestRasters.SEED_MATRIX.toCharArray();
        int cell = 9 * 19 + 9;
        bits[cell] = bits[cell] == '1' ? '0' : '1';
        String damaged = new String(bits);

        String read = decoder.text(TestRasters.microcode(damaged, 6, 30, 30, 300, 300));

        assertThat(read).isEqualTo(damaged).isNotEqualTo(TestRasters.SEED_MATRIX);
    }

    @Test
    void aMirroredMatrixDoesNotReadAsTheCode() {
        // a renderer with the bit order reversed within rows prints a mirror image: finders land in the wrong corner
        StringBuilder mirrored = new StringBuilder();
        for (int row = 0; row < 19; row++) {
            mirrored.append(new StringBuilder(TestRasters.SEED_MATRIX.substring(row * 19, row * 19 + 19)).reverse());
        }

        assertThat(decoder.text(TestRasters.microcode(mirrored.toString(), 6, 30, 30, 300, 300)))
                .isNotEqualTo(TestRasters.SEED_MATRIX);
    }

    @Test
    void aQrWithAHalfErasedSymbolIsANoRead() {
        LabelRaster label = TestRasters.qr(TestRasters.SEED_URL, 4, 40, 30, 354, 236);
        label.fill(40, 30, 100, 55, false);

        assertThat(decoder.decode(label)).isNull();
    }

    @Test
    void aBlankLabelIsANoRead() {
        assertThat(decoder.decode(new LabelRaster(354, 236))).isNull();
    }
}
