package io.yima.drivers.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ScannerFrameProperties {
    @Property(tries = 500)
    void randomBytesNeverThrowNorKillTheChannelAndFramesStayBounded(@ForAll @Size(max = 4000) byte[] bytes,
                                                                   @ForAll @IntRange(min = 1, max = 300) int chunk) {
        List<ScanRead> reads = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel();
        ScannerPipeline.install(ch.pipeline(), new ScannerOptions("ERROR", 64, Trigger.NONE), reads::add);
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        ch.checkException();
        assertThat(ch.isActive()).isTrue();
        // UTF-8 decoding may turn one byte into one replacement char, never more
        assertThat(reads).allSatisfy(r -> assertThat(r.text().length()).isLessThanOrEqualTo(64));
    }

    @Property(tries = 200)
    void theSameBytesGiveTheSameFramesHoweverTheyAreSplit(@ForAll @Size(max = 500) byte[] bytes,
                                                         @ForAll @IntRange(min = 1, max = 50) int chunk) {
        assertThat(frames(bytes, chunk)).isEqualTo(frames(bytes, bytes.length + 1));
    }

    static List<Object> frames(byte[] bytes, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new ScannerFrameDecoder(64));
        for (int i = 0; i < bytes.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }
}
