package io.yima.line.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The case camera's and pallet reader's frames at their bounds: a frame of exactly the most characters and codes
 * allowed is taken; the refusal quotes a short last field whole and a long one cut to 37 characters and "...".
 */
class FrameBoundsTest {
    @Test
    void aCaseFrameAtItsBoundsIsTaken() throws Exception {
        assertThat(CaseFrame.parse("A;".repeat(CaseFrame.MAX_ITEMS) + "CASE:1").items()).hasSize(256);
        String longest = "CASE:" + "9".repeat(CaseFrame.MAX_CHARS - 5);
        assertThat(longest).hasSize(16384);
        assertThat(CaseFrame.parse(longest).caseCode()).hasSize(16379);
    }

    @Test
    void aPalletFrameAtItsBoundsIsTaken() throws Exception {
        assertThat(PalletFrame.parse("A;".repeat(PalletFrame.MAX_CASES) + "PALLET:1").cases()).hasSize(1000);
        String longest = "PALLET:" + "9".repeat(PalletFrame.MAX_CHARS - 7);
        assertThat(longest).hasSize(32768);
        assertThat(PalletFrame.parse(longest).palletCode()).hasSize(32761);
    }

    @Test
    void theRefusalQuotesAShortLastFieldWholeAndCutsALongOne() {
        String forty = "1234567890".repeat(4);
        assertThatThrownBy(() -> CaseFrame.parse("A;" + forty))
                .hasMessage("case camera frame does not end with CASE:<case label> (ends with '" + forty + "')");
        assertThatThrownBy(() -> CaseFrame.parse("A;" + forty + "X"))
                .hasMessage("case camera frame does not end with CASE:<case label> (ends with '"
                        + forty.substring(0, 37) + "...')");
        assertThatThrownBy(() -> PalletFrame.parse("A;" + forty))
                .hasMessage("pallet reader frame does not end with PALLET:<pallet label> (ends with '" + forty + "')");
        assertThatThrownBy(() -> PalletFrame.parse("A;" + forty + "X"))
                .hasMessage("pallet reader frame does not end with PALLET:<pallet label> (ends with '"
                        + forty.substring(0, 37) + "...')");
    }
}
