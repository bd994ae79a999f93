package io.yima.sim.plc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlcFrameTest {
    @Test
    void freeTextRoundTripsThroughPercentEncoding() {
        String text = "绿茶, 250 g 100%";
        String encoded = PlcFrame.text(text);

        assertThat(encoded).doesNotContain(",").matches("[\\x21-\\x7E]+");
        assertThat(PlcFrame.untext(encoded)).isEqualTo(text);
    }

    @Test
    void framesThatAreNotPrintableAsciiOrTooLongAreNotFrames() {
        assertThat(PlcFrame.parse("ACK,1\u0001")).isNull();
        assertThat(PlcFrame.parse("A".repeat(257))).isNull();
        assertThat(PlcFrame.parse("")).isNull();
    }

    @Test
    void fieldsAndNumbersAreRead() {
        PlcFrame f = PlcFrame.parse("ack,12,YIMA,1,L1,");

        assertThat(f.command()).isEqualTo("ACK");
        assertThat(f.number()).isEqualTo(12);
        assertThat(f.field(4)).isEqualTo("L1");
        assertThat(f.field(5)).isEmpty();
        assertThat(f.field(9)).isEmpty();
        assertThat(PlcFrame.parse("HB,x").number()).isEqualTo(-1);
    }
}
