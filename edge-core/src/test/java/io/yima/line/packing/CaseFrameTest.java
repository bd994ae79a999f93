package io.yima.line.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaseFrameTest {
    @Test
    void itemsThenTheCaseLabel() throws Exception {
        CaseFrame f = CaseFrame.parse("https://a/q/1;https://a/q/2; https://a/q/3 ;CASE:https://c/q/9");
        assertThat(f.items()).containsExactly("https://a/q/1", "https://a/q/2", "https://a/q/3");
        assertThat(f.caseCode()).isEqualTo("https://c/q/9");
    }

    @Test
    void anEmptyCaseFieldIsAnUnreadCaseLabelAndEmptyItemFieldsAreIgnored() throws Exception {
        CaseFrame f = CaseFrame.parse("A;;B;CASE:");
        assertThat(f.items()).containsExactly("A", "B");
        assertThat(f.caseCode()).isNull();
        assertThat(CaseFrame.parse("CASE:X").items()).isEmpty();
    }

    @Test
    void framesOutsideTheBoundsOrWithoutTheCaseFieldAreRefusedInWords() {
        assertThatThrownBy(() -> CaseFrame.parse("A;B"))
                .hasMessage("case camera frame does not end with CASE:<case label> (ends with 'B')");
        assertThatThrownBy(() -> CaseFrame.parse("A;CASE:1;B;CASE:2"))
                .hasMessage("case camera frame has a second CASE: field at position 2");
        assertThatThrownBy(() -> CaseFrame.parse("A;".repeat(257) + "CASE:1"))
                .hasMessage("case camera frame has more than 256 item codes");
        assertThatThrownBy(() -> CaseFrame.parse("A".repeat(16385)))
                .hasMessage("case camera frame of 16385 characters (at most 16384)");
    }
}
