package io.yima.plc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class PlcSessionHandlerTest {

    /** A line that records calls; PRINT completes only when the test says the commit happened. */
    static final class RecordingLine implements PlcLine {
        final List<String> calls = new ArrayList<>();
        final CompletableFuture<List<String>> pendingPrint = new CompletableFuture<>();
        PlcLink attached;
        long attachedFrom = -1;

        public String lineId() { return "L1"; }
        public String currentJobId() { return "J1"; }
        public CompletionStage<List<String>> start(JobRequest r) {
            calls.add("start " + r.jobId() + " " + r.sku() + " " + r.batch() + " " + r.quantity() + " " + new java.util.TreeMap<>(r.options()));
            return CompletableFuture.completedFuture(List.of(r.jobId()));
        }
        public CompletionStage<List<String>> print(String item) { calls.add("print " + item); return pendingPrint; }
        public CompletionStage<List<String>> stop() { calls.add("stop"); return CompletableFuture.failedFuture(new PlcNak("NO_JOB")); }
        public CompletionStage<List<String>> close() { calls.add("close"); return CompletableFuture.failedFuture(new IllegalStateException("boom")); }
        public CompletionStage<List<String>> status() { return CompletableFuture.completedFuture(List.of("RUNNING", "J1")); }
        public void attach(PlcLink link, long lastEvent) { attached = link; attachedFrom = lastEvent; }
        public void detach(PlcLink link) { attached = null; }
        public long lastEventNumber() { return 41; }
    }

    private final RecordingLine line = new RecordingLine();
    private final EmbeddedChannel ch = new EmbeddedChannel(new PlcFrameDecoder(), new PlcRequestDecoder(),
            new PlcMessageEncoder(), new PlcSessionHandler(line));

    private List<String> send(String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        return written();
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }

    @Test
    void helloAnswersWithLineAndJobAndAttachesFromTheLastEvent() {
        assertThat(send("HELLO,1,1,PLC-A,17\r\n")).containsExactly("ACK,1,YIMA,1,L1,J1\r\n");
        assertThat(line.attachedFrom).isEqualTo(17);
    }

    @Test
    void requestsBeforeHelloAreRefusedButPingIsAnswered() {
        assertThat(send("PRINT,3,item-1\r\nPING,4\r\n")).containsExactly("NAK,3,NO_HELLO\r\n", "ACK,4\r\n");
        assertThat(line.calls).isEmpty();
    }

    @Test
    void ackIsWrittenOnlyWhenTheLineCompletes() {
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(send("PRINT,2,item-0001\r\n")).isEmpty();
        line.pendingPrint.complete(List.of("item-0001", "0"));
        assertThat(written()).containsExactly("ACK,2,item-0001,0\r\n");
    }

    @Test
    void startDecodesPercentEncodedOptions() {
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(send("START,2,J1,SKU-42,B7,3,symbol=QR,brand=Yima%20Tea%2C%20Inc\r\n")).containsExactly("ACK,2,J1\r\n");
        assertThat(line.calls).containsExactly("start J1 SKU-42 B7 3 {brand=Yima Tea, Inc, symbol=QR}");
    }

    @Test
    void badFieldsAndRefusalsAndFailuresBecomeNaksAndTheSessionLivesOn() {
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(send("START,2,J1,SKU,B,many\r\n")).containsExactly("NAK,2,BAD_FIELD,qty\r\n");
        assertThat(send("START,3,J1,SKU,B,5,colour=red\r\n")).containsExactly("NAK,3,BAD_FIELD,colour\r\n");
        assertThat(send("STOP,4\r\n")).containsExactly("NAK,4,NO_JOB\r\n");
        assertThat(send("CLOSE,5\r\n")).containsExactly("NAK,5,INTERNAL\r\n");
        assertThat(send("FOO,6\r\n" + "\u00ff\u00fe\r\n" + "PRINT,7\r\n")).containsExactly(
                "NAK,6,UNKNOWN_COMMAND\r\n", "NAK,0,BAD_FRAME,non-ASCII byte at column 1\r\n", "NAK,7,BAD_FIELD,item\r\n");
        assertThat(send("X".repeat(300) + "\r\nPING,8\r\n")).containsExactly("NAK,0,TOO_LONG\r\n", "ACK,8\r\n");
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void unsupportedVersionIsRefused() {
        assertThat(send("HELLO,1,2,PLC-A\r\n")).containsExactly("NAK,1,VERSION,this edge speaks version 1\r\n");
        assertThat(line.attached).isNull();
    }

    @Test
    void eventsSentThroughTheLinkReachTheWire() {
        send("HELLO,1,1,PLC-A\r\n");
        line.attached.send(PlcMessage.event("REJECT", 3, "item-2", "NO_READ"));
        assertThat(written()).containsExactly("REJECT,3,item-2,NO_READ\r\n");
    }

    @Test
    void closingTheChannelDetachesTheLink() {
        send("HELLO,1,1,PLC-A\r\n");
        ch.close();
        assertThat(line.attached).isNull();
    }
}
