package io.yima.plc;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PlcRequestDecoderTest {

    @Test
    void startFrameDecodesCommandSequenceAndArguments() {
        PlcRequest r = PlcRequestDecoder.decode("START,2,J1,SKU-42,B7,3,symbol=QR");
        assertThat(r.isValid()).isTrue();
        assertThat(r.command()).isEqualTo(PlcRequest.Command.START);
        assertThat(r.seq()).isEqualTo(2);
        assertThat(r.args()).containsExactly("J1", "SKU-42", "B7", "3", "symbol=QR");
    }

    @Test
    void commandIsCaseInsensitive() {
        assertThat(PlcRequestDecoder.decode("ping,9").command()).isEqualTo(PlcRequest.Command.PING);
    }

    @Test
    void unknownCommandKeepsItsSequenceForTheNak() {
        PlcRequest r = PlcRequestDecoder.decode("FOO,5");
        assertThat(r.nakReason()).isEqualTo("UNKNOWN_COMMAND");
        assertThat(r.seq()).isEqualTo(5);
    }

    @Test
    void aBadSequenceIsEchoedShortAndAnyNakDetailIsBounded() {
        // found by PlcProtocolFuzz: a 250-character seq field came back percent-encoded as a 424-byte NAK
        assertThat(PlcRequestDecoder.decode("PING," + "%25".repeat(80)).nakDetail()).isEqualTo("%25%25%25%25%...");
        assertThat(PlcMessage.nak(1, "VAULT", "x".repeat(500)).line()).hasSize("NAK,1,VAULT,".length() + 100);
    }

    @Test
    void spacesAtEitherEndOfAFieldSurviveTheTrimmingOfFields() {
        // found by PlcProtocolFuzz: a SKU of " A" went out as " A" and came back trimmed to "A"
        assertThat(PlcMessage.encode(" Yima Tea ")).isEqualTo("%20Yima Tea%20");
        PlcRequest r = PlcRequestDecoder.decode("START,2,J1," + PlcMessage.encode(" A") + ",B,1");
        assertThat(PlcMessage.decode(r.arg(1))).isEqualTo(" A");
    }

    @Test
    void badSequenceIsRefused() {
        assertThat(PlcRequestDecoder.decode("PING,abc").nakReason()).isEqualTo("BAD_SEQ");
        assertThat(PlcRequestDecoder.decode("PING,0").nakReason()).isEqualTo("BAD_SEQ");
        assertThat(PlcRequestDecoder.decode("PING,123456789").nakReason()).isEqualTo("BAD_SEQ");
    }

    @Test
    void missingSequenceOrControlBytesAreBadFrames() {
        assertThat(PlcRequestDecoder.decode("PING").nakReason()).isEqualTo("BAD_FRAME");
        assertThat(PlcRequestDecoder.decode("PI\u0007NG,1").nakReason()).isEqualTo("BAD_FRAME");
        assertThat(PlcRequestDecoder.decode("").nakReason()).isEqualTo("BAD_FRAME");
    }

    @Property(tries = 500)
    void anyStringDecodesToARequestWithoutThrowing(@ForAll String s) {
        assertThat(PlcRequestDecoder.decode(s)).isNotNull();
    }
}
