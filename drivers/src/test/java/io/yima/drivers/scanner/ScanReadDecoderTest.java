package io.yima.drivers.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanReadDecoderTest {
    static List<ScanRead> reads(String token, String bytes) {
        List<ScanRead> out = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel();
        ScannerPipeline.install(ch.pipeline(), new ScannerOptions(token, 256, Trigger.NONE), out::add);
        ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        return out;
    }

    @Test
    void keyenceErrorIsANoRead() {
        // Keyence default read-error string "ERROR" (§3.2).
        List<ScanRead> r = reads("ERROR", "0436Z31$0\rERROR\r");
        assertThat(r).extracting(ScanRead::text).containsExactly("0436Z31$0", "ERROR");
        assertThat(r).extracting(ScanRead::noRead).containsExactly(false, true);
        assertThat(r.get(0).receivedNanos()).isLessThanOrEqualTo(r.get(1).receivedNanos());
    }

    @Test
    void aConfiguredCognexTokenAndEmptyLinesAreNoReads() {
        List<ScanRead> r = reads("NOREAD", "NOREAD\r\nABC\r\n\r\nERROR\r\n");
        assertThat(r).extracting(ScanRead::noRead).containsExactly(true, false, true, false);
    }

    @Test
    void triggerCommandRepliesAreNotReads() {
        // Keyence answers LON with "OK,LON" before the data (§3.2); DMCC extended replies start with "||" (§3.1).
        assertThat(reads("ERROR", "OK,LON\rER,LON,02\r||0:1[0]\r\nCODE1\r")).extracting(ScanRead::text)
                .containsExactly("CODE1");
    }

    @Test
    void aThrowingConsumerDoesNotKillThePipeline() {
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel();
        ScannerPipeline.install(ch.pipeline(), ScannerOptions.defaults(), r -> {
            seen.add(r.text());
            throw new IllegalStateException("line is busy");
        });
        ch.writeInbound(Unpooled.copiedBuffer("A\rB\r", StandardCharsets.US_ASCII));
        assertThat(seen).containsExactly("A", "B");
        assertThat(ch.isActive()).isTrue();
    }
}
