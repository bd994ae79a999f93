package io.yima.plc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.yima.line.ItemIssued;
import io.yima.line.JobOrder;
import io.yima.line.LineCommands;
import io.yima.line.LineListener;
import io.yima.line.Subscription;
import io.yima.line.LineState;
import io.yima.line.LineStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Fuzzes the PLC port's whole inbound path — {@link PlcFrameDecoder} → {@link PlcRequestDecoder} →
 * {@link PlcSessionHandler} — on an {@link EmbeddedChannel}, with random bytes and with mutated valid frames cut at
 * random points. A run's length is jqwik's tries: the default in CI, more by
 * {@code -Djqwik.tries.default=N} (docs/fuzzing.md has the long-run command and results).
 */
class PlcProtocolFuzz {
    /** Valid frames of every request, the seeds the mutations start from (docs/plc-protocol.md's examples). */
    static final List<String> SEEDS = List.of(
            "HELLO,1,1,PLC-A", "HELLO,1,1,PLC-A,17", "HELLO,2,1,PLC-B,",
            "START,2,J20261126-01,SKU-42,B7,3,symbol=QR,brand=Yima%20Tea",
            "START,3,J1,SKU,B,10,mode=STREAM,application=581865877,wxa_type=1,title=%E7%BB%BF%E8%8C%B6",
            "START,4,J2,SKU%2C42,B%25,9999999,ean=6901234567892,wxa_appid=wx1,wxa_path=pages/a,activity=x",
            "PRINT,5,item-0001", "PRINT,6,JOB#12", "STOP,7", "CLOSE,8", "STATUS,9", "PING,10", "ACK,11",
            "PRINT,99999999,a.b:c/d#e-f_g");
    /** The words a NAK may carry (docs/plc-protocol.md), plus IN_USE from the one-session rule. */
    static final Set<String> NAK_WORDS = Set.of("BAD_FRAME", "TOO_LONG", "BAD_SEQ", "UNKNOWN_COMMAND", "BAD_FIELD",
            "VERSION", "NO_HELLO", "NO_JOB", "JOB_OPEN", "JOB_STOPPED", "JOB_CLOSED", "OUT_OF_CODES", "PAUSED",
            "BUSY", "WRONG_MODE", "QUANTITY_REACHED", "VAULT", "SHUTTING_DOWN", "INTERNAL", "IN_USE", "STALE");
    /** What a technician must never read in a reply: a Java class or exception name. */
    static final Pattern JAVA_NAME = Pattern.compile("[Ee]xception|java\\.|io\\.yima|\\bnetty\\b|[a-z]\\$[A-Z]"
            + "|[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+");
    /** Far above a try's cost even on a starved machine (the first try also loads and warms the classes). */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Property
    void mutatedFramesAreAnsweredNeverThrownAndTheSessionLivesOn(@ForAll long seed,
                                                               @ForAll @IntRange(min = 1, max = 40) int frames,
                                                               @ForAll @IntRange(min = 1, max = 300) int chunk) {
        byte[] input = mutatedStream(new Random(seed), frames);
        assertTimeoutPreemptively(HANG, () -> checkConversation(input, chunk));
    }

    @Property
    void randomBytesAreAnsweredNeverThrownAndTheSessionLivesOn(@ForAll @Size(max = 3000) byte[] input,
                                                             @ForAll @IntRange(min = 1, max = 500) int chunk) {
        assertTimeoutPreemptively(HANG, () -> checkConversation(input, chunk));
    }

    /** A frame without a line end, however long, holds at most one frame's worth of memory. */
    @Property(tries = 20)
    void anEndlessFrameHoldsBoundedMemory(@ForAll @IntRange(min = 64, max = 4096) int chunk,
                                          @ForAll @IntRange(min = 0, max = 255) int fill) {
        byte b = (byte) (fill == '\n' ? 'x' : fill);
        assertTimeoutPreemptively(HANG, () -> {
            Conversation c = new Conversation();
            byte[] slice = new byte[chunk];
            java.util.Arrays.fill(slice, b);
            for (int sent = 0; sent < 1_000_000; sent += chunk) {
                c.ch.writeInbound(Unpooled.wrappedBuffer(slice));
                assertThat(c.alloc.metric().usedHeapMemory() + c.alloc.metric().usedDirectMemory())
                        .as("bytes held after %d bytes of one frame", sent).isLessThan(64 * 1024);
            }
            c.ch.writeInbound(Unpooled.copiedBuffer("\nPING,5\n", StandardCharsets.US_ASCII));
            assertThat(c.replies()).containsExactly("NAK,0,TOO_LONG", "ACK,5");
        });
    }

    /**
     * Valid START fields of any text round-trip through the protocol's percent-encoding to the line unchanged, or
     * are refused BAD_FIELD naming the field when the text is one the line must not take (control characters,
     * empty, longer than 128 characters).
     */
    @Property
    void startFieldsRoundTripOrAreRefusedByName(@ForAll @StringLength(max = 140) String sku,
                                                @ForAll @StringLength(max = 140) String brand,
                                                @ForAll @IntRange(min = 1, max = 10_000_000) int qty) {
        Conversation c = new Conversation();
        c.send("HELLO,1,1,FUZZ\r\n");
        String frame = "START,2,J1," + PlcMessage.encode(sku) + ",B7," + qty + ",brand=" + PlcMessage.encode(brand);
        assertThat(c.replies()).hasSize(1);
        if (frame.length() > PlcFrameDecoder.MAX_FRAME) {
            c.send(frame + "\r\n");
            assertThat(c.replies()).containsExactly("NAK,0,TOO_LONG");
            return;
        }
        c.send(frame + "\r\n");
        List<String> replies = c.replies();
        String refusedSku = refusal(sku, "sku");
        String refusedBrand = refusal(brand, "brand");
        if (refusedSku != null) {
            assertThat(replies).containsExactly("NAK,2,BAD_FIELD," + PlcMessage.encode(refusedSku));
        } else if (refusedBrand != null) {
            assertThat(replies).containsExactly("NAK,2,BAD_FIELD," + PlcMessage.encode(refusedBrand));
        } else {
            assertThat(replies).containsExactly("ACK,2,J1");
            JobOrder order = c.line.started.get(0);
            assertThat(order.sku()).isEqualTo(sku);
            assertThat(order.activation().productBrand()).isEqualTo(brand);
            assertThat(order.quantity()).isEqualTo(qty);
        }
    }

    /** The NAK detail the edge gives for a text field, or null when the field is acceptable. */
    private static String refusal(String text, String field) {
        if (text.isBlank() || text.length() > 128) {
            return field;
        }
        return text.chars().anyMatch(Character::isISOControl) ? field + " holds a control character" : null;
    }

    private static void checkConversation(byte[] input, int chunk) {
        Conversation c = new Conversation();
        for (int i = 0; i < input.length; i += chunk) {
            c.ch.writeInbound(Unpooled.wrappedBuffer(input, i, Math.min(chunk, input.length - i)));
            assertThat(c.alloc.metric().usedHeapMemory() + c.alloc.metric().usedDirectMemory())
                    .as("bytes held by the decoders").isLessThan(64 * 1024);
        }
        c.ch.runPendingTasks();
        assertThat(c.ch.isOpen()).as("a bad frame costs a NAK, not the connection").isTrue();
        c.ch.checkException();
        long lineEnds = 0;
        for (byte b : input) {
            lineEnds += b == '\n' ? 1 : 0;
        }
        List<String> replies = c.replies();
        String sent = new String(input, StandardCharsets.ISO_8859_1);
        assertThat((long) replies.size()).as("at most one reply per frame").isLessThanOrEqualTo(lineEnds);
        for (String reply : replies) {
            assertThat(reply).matches("(ACK|NAK),\\d{1,8}(,[\\x20-\\x7E]*)?").as("a reply is bounded whatever the peer sent").hasSizeLessThanOrEqualTo(340);
            if (reply.startsWith("NAK,")) {
                String[] f = reply.split(",", 4);
                assertThat(NAK_WORDS).as(reply).contains(f[2]);
                if (f.length == 4) {
                    String detail = PlcMessage.decode(f[3]);
                    assertThat(detail).as(reply).isNotNull();
                    // a detail may echo what the peer sent (a bad seq, an unknown option): only text the edge
                    // made up itself must not look like a Java name
                    java.util.regex.Matcher m = JAVA_NAME.matcher(detail);
                    while (m.find()) {
                        assertThat(sent).as("%s: '%s' is not an echo of the input", reply, m.group())
                                .contains(m.group());
                    }
                }
            }
        }
    }

    /** Frames from the seeds, each possibly mutated, with random line ends (CR LF, LF, none). */
    static byte[] mutatedStream(Random r, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            byte[] f = SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1);
            int mutations = r.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                f = mutate(r, f);
            }
            out.writeBytes(f);
            switch (r.nextInt(6)) {
                case 0 -> out.write('\n');
                case 1 -> { } // runs into the next frame
                default -> out.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        return out.toByteArray();
    }

    private static final byte[] INTERESTING = {',', '%', '=', '\r', '\n', 0, 0x1B, (byte) 0xFF, (byte) 0x80, '0', '9',
            '-', '+', ' ', 'A'};

    static byte[] mutate(Random r, byte[] f) {
        int at = f.length == 0 ? 0 : r.nextInt(f.length);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        switch (r.nextInt(8)) {
            case 0 -> { // flip a bit
                byte[] c = f.clone();
                if (c.length > 0) {
                    c[at] ^= (byte) (1 << r.nextInt(8));
                }
                return c;
            }
            case 1 -> { // insert an interesting byte
                o.write(f, 0, at);
                o.write(INTERESTING[r.nextInt(INTERESTING.length)]);
                o.write(f, at, f.length - at);
            }
            case 2 -> { // delete a run
                int n = Math.min(f.length - at, 1 + r.nextInt(8));
                o.write(f, 0, at);
                o.write(f, at + n, f.length - at - n);
            }
            case 3 -> { // repeat a run, sometimes far past the frame bound
                int n = Math.min(f.length - at, 1 + r.nextInt(16));
                o.write(f, 0, at + n);
                int times = r.nextInt(4) == 0 ? 40 : 1 + r.nextInt(3);
                for (int k = 0; k < times; k++) {
                    o.write(f, at, n);
                }
                o.write(f, at + n, f.length - at - n);
            }
            case 4 -> { // a number field replaced by an extreme one
                String[] extremes = {"0", "-1", "99999999", "100000000", "9223372036854775808", "", "+5", "1e3",
                        "999999999999", "0x10", "%31"};
                String s = new String(f, StandardCharsets.ISO_8859_1);
                String[] fields = s.split(",", -1);
                fields[r.nextInt(fields.length)] = extremes[r.nextInt(extremes.length)];
                return String.join(",", fields).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 5 -> { // a broken or unusual percent escape
                String[] escapes = {"%", "%G1", "%0", "%E7%BB", "%C0%80", "%00", "%0A", "%1B", "%FF", "%2C%2C", "%25%"};
                o.write(f, 0, at);
                o.writeBytes(escapes[r.nextInt(escapes.length)].getBytes(StandardCharsets.US_ASCII));
                o.write(f, at, f.length - at);
            }
            case 6 -> { // truncate
                return java.util.Arrays.copyOf(f, at);
            }
            default -> { // random bytes spliced in
                byte[] junk = new byte[1 + r.nextInt(12)];
                r.nextBytes(junk);
                o.write(f, 0, at);
                o.writeBytes(junk);
                o.write(f, at, f.length - at);
            }
        }
        return o.toByteArray();
    }

    /** The real pipeline around a line that answers every command at once. */
    static final class Conversation {
        final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true);
        final EagerLine line = new EagerLine();
        final EmbeddedChannel ch = new EmbeddedChannel();

        Conversation() {
            ch.config().setAllocator(alloc);
            PlcEventFeed feed = new PlcEventFeed(line);
            ch.pipeline().addLast(new PlcFrameDecoder(), new PlcRequestDecoder(), new PlcMessageEncoder(),
                    new PlcSessionHandler(line, feed));
        }

        void send(String text) {
            ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        }

        /** Replies written so far, without their CR LF. */
        List<String> replies() {
            ch.runPendingTasks();
            List<String> out = new ArrayList<>();
            for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                b.release();
                assertThat(s).endsWith("\r\n");
                out.add(s.substring(0, s.length() - 2));
            }
            return out;
        }
    }

    /** A line that accepts every command at once and publishes no events. */
    static final class EagerLine implements LineCommands {
        final List<JobOrder> started = new ArrayList<>();

        public String lineId() { return "L1"; }
        public String currentJobId() { return started.isEmpty() ? null : started.get(0).jobId(); }
        public CompletionStage<String> start(JobOrder o) {
            started.add(o);
            return CompletableFuture.completedFuture(o.jobId());
        }
        public CompletionStage<ItemIssued> print(String item) {
            return CompletableFuture.completedFuture(new ItemIssued(item, 7, false));
        }
        public CompletionStage<String> stop() { return CompletableFuture.completedFuture("J1"); }
        public CompletionStage<String> close() { return CompletableFuture.completedFuture("J1"); }
        public CompletionStage<LineStatus> status() {
            return CompletableFuture.completedFuture(new LineStatus(LineState.RUNNING, "J1", 3, 2, 1, 0, 10));
        }
        public Subscription subscribe(LineListener listener) { return Subscription.NONE; }
        public void replay(long after, LineListener sink, Runnable then) { then.run(); }
        public long lastEventNumber() { return 41; }
        public void afterPublished(Runnable task) { task.run(); }
    }
}
