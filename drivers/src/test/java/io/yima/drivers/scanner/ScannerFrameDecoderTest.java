package io.yima.drivers.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerFrameDecoderTest {
    static List<String> frames(int max, String... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new ScannerFrameDecoder(max));
        for (String c : chunks) {
            ch.writeInbound(Unpooled.copiedBuffer(c, StandardCharsets.ISO_8859_1));
        }
        List<String> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((String) o);
        }
        assertThat(ch.isActive()).isTrue();
        return out;
    }

    @Test
    void aStrayEtxIsNoiseAndDoesNotSwallowTheLineBreakAfterIt() {
        // found by ScannerFrameFuzz: the ETX became part of the read and the CR after it ended nothing
        EmbeddedChannel ch = new EmbeddedChannel(new ScannerFrameDecoder(64));
        ch.writeInbound(Unpooled.copiedBuffer("0436Z31$0\u0003\rNEXT\r", StandardCharsets.ISO_8859_1));
        assertThat((String) ch.readInbound()).isEqualTo("0436Z31$0");
        assertThat((String) ch.readInbound()).isEqualTo("NEXT");
    }

    @Test
    void aFloodOfOverlongFramesCostsOneLogLine() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(ScannerFrameDecoder.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            EmbeddedChannel ch = new EmbeddedChannel(new ScannerFrameDecoder(16));
            for (int i = 0; i < 10_000; i++) {
                ch.writeInbound(Unpooled.copiedBuffer("X".repeat(40) + "\r", StandardCharsets.US_ASCII));
            }
            ch.writeInbound(Unpooled.copiedBuffer("0436Z31$0\r", StandardCharsets.US_ASCII));
            assertThat((String) ch.readInbound()).isEqualTo("0436Z31$0");
            assertThat(lines.list).hasSize(1);
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void keyenceLinesEndWithCr() {
        // Keyence SR default framing: data + CR (docs/device-protocols.md §3.2).
        assertThat(frames(64, "0436Z31$0\rERROR\r")).containsExactly("0436Z31$0", "ERROR");
    }

    @Test
    void cognexLinesEndWithCrLfAndPlainLfWorksToo() {
        // Cognex DataMan: CR LF footer (§3.1); some readers send LF only.
        assertThat(frames(64, "P.URL.CN/0V/IXO*FWWYLZLXUXGR\r\n", "A\nB\n")).containsExactly(
                "P.URL.CN/0V/IXO*FWWYLZLXUXGR", "A", "B");
    }

    @Test
    void stxEtxFramesIgnoreATrailingLineBreak() {
        // Keyence's alternative header/terminator: STX ... ETX (§3.2).
        assertThat(frames(64, "\u0002ABC\u0003\r\n\u0002DEF\u0003")).containsExactly("ABC", "DEF");
    }

    @Test
    void framesSplitAcrossReadsAreJoined() {
        assertThat(frames(64, "04", "36Z3", "1$0\r", "\n")).containsExactly("0436Z31$0");
    }

    @Test
    void anEmptyLineAfterAFrameIsAnEmptyFrame() {
        assertThat(frames(64, "A\r\n\r\n")).containsExactly("A", "");
    }

    @Test
    void lineBreaksBeforeTheFirstFrameAreNotFrames() {
        assertThat(frames(64, "\r\nA\r")).containsExactly("A");
    }

    @Test
    void overlongFramesAreDroppedAndTheNextOneSurvives() {
        assertThat(frames(16, "X".repeat(40), "Y".repeat(40) + "\rOK2\r")).containsExactly("OK2");
        assertThat(frames(16, "\u0002" + "Z".repeat(100) + "\u0003\u0002GOOD\u0003")).containsExactly("GOOD");
    }

    @Test
    void anStxInTheMiddleRestartsTheFrame() {
        assertThat(frames(64, "junk\u0002CODE\u0003")).containsExactly("CODE");
    }
}
