package io.yima.plc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PlcFrameDecoderTest {

    private static List<Object> feed(byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new PlcFrameDecoder());
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    @Test
    void crLfAndBareLfBothEndAFrame() {
        assertThat(feed("PING,1\r\nPING,2\n".getBytes(StandardCharsets.US_ASCII))).containsExactly("PING,1", "PING,2");
    }

    @Test
    void frameSplitAtEveryPositionReassembles() {
        // The example session of docs/plc-protocol.md.
        byte[] bytes = "START,2,J20261126-01,SKU-42,B7,3,symbol=QR\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int cut = 0; cut <= bytes.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(bytes, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
            assertThat(feed(a, b)).as("cut at %d", cut).containsExactly("START,2,J20261126-01,SKU-42,B7,3,symbol=QR");
        }
    }

    @Test
    void overLongFrameBecomesOneTooLongMarkerAndTheNextFrameStillDecodes() {
        byte[] junk = "X".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        List<Object> out = feed(junk, junk, "\r\nPING,7\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(out).containsExactly(PlcFrameDecoder.TOO_LONG, "PING,7");
    }

    @Test
    void frameOfExactlyTheMaximumIsAccepted() {
        String frame = "P".repeat(PlcFrameDecoder.MAX_FRAME);
        assertThat(feed((frame + "\r\n").getBytes(StandardCharsets.US_ASCII))).containsExactly(frame);
        assertThat(feed((frame + "Q\r\n").getBytes(StandardCharsets.US_ASCII))).containsExactly(PlcFrameDecoder.TOO_LONG);
    }

    @Property(tries = 300)
    void randomBytesNeverThrowAndNeverYieldOverLongFrames(@ForAll @Size(max = 2000) byte[] bytes) {
        for (Object o : feed(bytes)) {
            if (o instanceof String s) {
                assertThat(s.length()).isLessThanOrEqualTo(PlcFrameDecoder.MAX_FRAME);
            } else {
                assertThat(o).isSameAs(PlcFrameDecoder.TOO_LONG);
            }
        }
    }
}
