package io.yima.drivers.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the scanner pipeline ({@link ScannerFrameDecoder} → {@link ScanReadDecoder} → hand-off) with mutated reader
 * output in every framing the readers use (Keyence CR, Cognex CR LF, STX..ETX, command replies, no-read tokens),
 * cut at random points, and with random bytes. Tries: jqwik's default in CI, more by {@code -Djqwik.tries.default=N}
 * (docs/fuzzing.md).
 */
class ScannerFrameFuzz {
    /** Reader output as the device documentation and captures show it (docs/device-protocols.md §3). */
    static final List<String> SEEDS = List.of("https://p.url.cn/0V/IXO*FWWYLZLXUXGR\r",
            "0436Z31$0\r\n", "\u0002P.URL.CN/0V/IXO*FWWYLZLXUXGR\u0003", "ERROR\r", "\r", "OK,LON\r",
            "ER,LON,02\r", "||0:123\r\n", "\u0002\u0003", "\u00021234\r\n5678\u0003\r\n");
    /** Far above a try's cost even on a starved machine (the first try also loads and warms the classes). */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Property
    void mutatedReaderOutputGivesBoundedReadsNeverAnException(@ForAll long seed,
                                                              @ForAll @IntRange(min = 1, max = 30) int frames,
                                                              @ForAll @IntRange(min = 1, max = 200) int chunk,
                                                              @ForAll @IntRange(min = 16, max = 2048) int maxFrame) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            byte[] f = SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1);
            for (int m = r.nextInt(4); m > 0; m--) {
                f = mutate(r, f);
            }
            out.writeBytes(f);
        }
        byte[] input = out.toByteArray();
        assertTimeoutPreemptively(HANG, () -> check(input, chunk, maxFrame));
    }

    @Property
    void randomBytesGiveBoundedReadsNeverAnException(@ForAll @Size(max = 5000) byte[] input,
                                                     @ForAll @IntRange(min = 1, max = 500) int chunk,
                                                     @ForAll @IntRange(min = 16, max = 2048) int maxFrame) {
        assertTimeoutPreemptively(HANG, () -> check(input, chunk, maxFrame));
    }

    /** Codes in any framing, however the bytes are cut, come out as the same reads in the same order. */
    @Property
    void validReadsRoundTrip(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 999_999_999) Integer> indexes,
                             @ForAll @IntRange(min = 1, max = 64) int chunk, @ForAll long seed) {
        Random r = new Random(seed);
        List<String> codes = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int index : indexes) {
            String code = r.nextBoolean() ? "https://p.url.cn/0V/" + Integer.toString(index, 36).toUpperCase() + "*X"
                    : String.format("%09d", index).replace('1', '$');
            codes.add(code);
            String framed = switch (r.nextInt(3)) {
                case 0 -> code + "\r";
                case 1 -> code + "\r\n";
                default -> "\u0002" + code + "\u0003" + (r.nextBoolean() ? "\r\n" : "");
            };
            out.writeBytes(framed.getBytes(StandardCharsets.US_ASCII));
        }
        List<ScanRead> reads = run(out.toByteArray(), chunk, 1024, new UnpooledByteBufAllocator(false));
        assertThat(reads).extracting(ScanRead::text).containsExactlyElementsOf(codes);
        assertThat(reads).noneMatch(ScanRead::noRead);
    }

    private static void check(byte[] input, int chunk, int maxFrame) {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true);
        List<ScanRead> reads = run(input, chunk, maxFrame, alloc);
        for (ScanRead read : reads) {
            // one byte may become one replacement character, never more
            assertThat(read.text().length()).isLessThanOrEqualTo(maxFrame);
            assertThat(read.text()).doesNotContain("\r", "\n", "\u0002", "\u0003");
            if (!read.noRead()) {
                assertThat(read.text()).isNotEmpty().isNotEqualTo("ERROR");
            }
        }
    }

    private static List<ScanRead> run(byte[] input, int chunk, int maxFrame, UnpooledByteBufAllocator alloc) {
        List<ScanRead> reads = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ScannerPipeline.install(ch.pipeline(), new ScannerOptions("ERROR", maxFrame, Trigger.NONE), reads::add);
        for (int i = 0; i < input.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(input, i, Math.min(chunk, input.length - i)));
            assertThat(alloc.metric().usedHeapMemory()).as("bytes held by the decoder").isLessThan(64 * 1024);
        }
        ch.checkException();
        assertThat(ch.isActive()).as("garbage from a reader costs frames, not the link").isTrue();
        return reads;
    }

    static byte[] mutate(Random r, byte[] f) {
        int at = f.length == 0 ? 0 : r.nextInt(f.length + 1);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] special = {'\r', '\n', 2, 3, 0, (byte) 0xFF, (byte) 0xE7, ',', '|', ' '};
        switch (r.nextInt(5)) {
            case 0 -> {
                o.write(f, 0, at);
                o.write(special[r.nextInt(special.length)]);
                o.write(f, at, f.length - at);
            }
            case 1 -> { // a long run: over the frame bound
                o.write(f, 0, at);
                byte b = (byte) ('A' + r.nextInt(26));
                for (int k = 50 + r.nextInt(3000); k > 0; k--) {
                    o.write(b);
                }
                o.write(f, at, f.length - at);
            }
            case 2 -> {
                return java.util.Arrays.copyOf(f, Math.min(at, f.length));
            }
            case 3 -> {
                byte[] c = f.clone();
                if (c.length > 0) {
                    c[Math.min(at, c.length - 1)] ^= (byte) (1 << r.nextInt(8));
                }
                return c;
            }
            default -> {
                byte[] junk = new byte[1 + r.nextInt(16)];
                r.nextBytes(junk);
                o.write(f, 0, at);
                o.writeBytes(junk);
                o.write(f, at, f.length - at);
            }
        }
        return o.toByteArray();
    }
}
