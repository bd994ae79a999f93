package io.yima.line.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PalletFrameTest {
    @Test
    void casesThenThePalletLabel() throws Exception {
        PalletFrame f = PalletFrame.parse("(00)006141410000000012; (00)006141410000000029 ;PALLET:(00)006141410000000036");
        assertThat(f.cases()).containsExactly("(00)006141410000000012", "(00)006141410000000029");
        assertThat(f.palletCode()).isEqualTo("(00)006141410000000036");
    }

    @Test
    void anEmptyPalletFieldIsAnUnreadPalletLabelAndEmptyCaseFieldsAreIgnored() throws Exception {
        PalletFrame f = PalletFrame.parse("A;;B;PALLET:");
        assertThat(f.cases()).containsExactly("A", "B");
        assertThat(f.palletCode()).isNull();
        assertThat(PalletFrame.parse("PALLET:X").cases()).isEmpty();
    }

    @Test
    void framesOutsideTheBoundsOrWithoutThePalletFieldAreRefusedInWords() {
        assertThatThrownBy(() -> PalletFrame.parse("A;CASE:B"))
                .hasMessage("pallet reader frame does not end with PALLET:<pallet label> (ends with 'CASE:B')");
        assertThatThrownBy(() -> PalletFrame.parse("A;PALLET:1;B;PALLET:2"))
                .hasMessage("pallet reader frame has a second PALLET: field at position 2");
        assertThatThrownBy(() -> PalletFrame.parse("A;".repeat(1001) + "PALLET:1"))
                .hasMessage("pallet reader frame has more than 1000 case codes");
        assertThatThrownBy(() -> PalletFrame.parse("A".repeat(32769)))
                .hasMessage("pallet reader frame of 32769 characters (at most 32768)");
    }
}
