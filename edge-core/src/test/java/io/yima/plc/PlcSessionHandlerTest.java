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
import io.yima.line.Device;
import io.yima.line.ItemIssued;
import io.yima.line.JobAccount;
import io.yima.line.JobOrder;
import io.yima.line.LineCommands;
import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.Subscription;
import io.yima.line.LineRefusal;
import io.yima.line.LineState;
import io.yima.line.LineStatus;
import io.yima.line.Refusal;
import io.yima.line.RejectReason;
import io.yima.vault.CodeRef;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

class PlcSessionHandlerTest {

    /** A line that records calls; PRINT completes only when the test says the commit happened. */
    static final class RecordingLine implements LineCommands {
        final List<String> calls = new ArrayList<>();
        final CompletableFuture<ItemIssued> pendingPrint = new CompletableFuture<>();
        final List<LineListener> listeners = new ArrayList<>();
        final List<LineEvent> stored = new ArrayList<>();
        long replayedFrom = -1;
        JobOrder lastOrder;

        public String lineId() { return "L1"; }
        public String currentJobId() { return "J1"; }
        public CompletionStage<String> start(JobOrder r) {
            lastOrder = r;
            calls.add("start " + r.jobId() + " " + r.sku() + " " + r.batch() + " " + r.quantity() + " " + r.symbol()
                    + " " + r.activation().productBrand());
            return CompletableFuture.completedFuture(r.jobId());
        }
        public CompletionStage<ItemIssued> print(String item) { calls.add("print " + item); return pendingPrint; }
        public CompletionStage<String> stop() { calls.add("stop"); return CompletableFuture.failedFuture(new LineRefusal(Refusal.NO_JOB)); }
        public CompletionStage<String> close() { calls.add("close"); return CompletableFuture.failedFuture(new IllegalStateException("boom")); }
        public CompletionStage<LineStatus> status() {
            return CompletableFuture.completedFuture(new LineStatus(LineState.RUNNING, "J1", 3, 2, 1, 0, 10));
        }
        public Subscription subscribe(LineListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
        public void replay(long after, LineListener sink, Runnable then) {
            replayedFrom = after;
            stored.stream().filter(e -> e.number() > after).forEach(sink::on);
            then.run();
        }
        public long lastEventNumber() { return 41; }
        public void afterPublished(Runnable task) { task.run(); }

        void publish(LineEvent e) {
            listeners.forEach(l -> l.on(e));
        }
    }

    private final RecordingLine line = new RecordingLine();
    private final PlcEventFeed feed = new PlcEventFeed(line);
    private final EmbeddedChannel ch = new EmbeddedChannel(new PlcFrameDecoder(), new PlcRequestDecoder(),
            new PlcMessageEncoder(), new PlcSessionHandler(line, feed));

    private List<String> send(String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        return written();
    }

    private List<String> written() {
        ch.runPendingTasks(); // replies are queued on the channel's loop behind the events the line sent first
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }

    @Test
    void helloAnswersWithLineAndJobAndAttachesFromTheLastEvent() {
        line.stored.add(new LineEvent.ItemRejected(17, "item-1", RejectReason.NO_READ, 5));
        line.stored.add(new LineEvent.ItemBound(18, "item-2", "0436Z31$0", 5));
        assertThat(send("HELLO,1,1,PLC-A,17\r\n")).containsExactly("ACK,1,YIMA,1,L1,J1\r\n",
                "OK,18,item-2,0436Z31$0\r\n");
        assertThat(line.replayedFrom).isEqualTo(17);
        assertThat(feed.attached()).isTrue();
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
        line.pendingPrint.complete(new ItemIssued("item-0001", 0, false));
        assertThat(written()).containsExactly("ACK,2,item-0001,0\r\n");
    }

    @Test
    void startDecodesPercentEncodedOptions() {
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(send("START,2,J1,SKU-42,B7,3,symbol=QR,brand=Yima%20Tea%2C%20Inc\r\n")).containsExactly("ACK,2,J1\r\n");
        assertThat(line.calls).containsExactly("start J1 SKU-42 B7 3 QR Yima Tea, Inc");
    }

    @Test
    void badFieldsAndRefusalsAndFailuresBecomeNaksAndTheSessionLivesOn() {
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(send("START,2,J1,SKU,B,many\r\n")).containsExactly("NAK,2,BAD_FIELD,qty\r\n");
        assertThat(send("START,3,J1,SKU,B,5,colour=red\r\n")).containsExactly("NAK,3,BAD_FIELD,colour is not a START field\r\n");
        assertThat(send("STOP,4\r\n")).containsExactly("NAK,4,NO_JOB\r\n");
        assertThat(send("CLOSE,5\r\n")).containsExactly("NAK,5,INTERNAL\r\n");
        assertThat(send("FOO,6\r\n" + "\u00ff\u00fe\r\n" + "PRINT,7\r\n")).containsExactly(
                "NAK,6,UNKNOWN_COMMAND\r\n", "NAK,0,BAD_FRAME,non-ASCII byte at column 1\r\n", "NAK,7,BAD_FIELD,item\r\n");
        assertThat(send("X".repeat(300) + "\r\nPING,8\r\n")).containsExactly("NAK,0,TOO_LONG\r\n", "ACK,8\r\n");
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void unsupportedVersionIsRefused() {
        assertThat(send("HELLO,1,3,PLC-A\r\n")).containsExactly("NAK,1,VERSION,this edge speaks versions 1 and 2\r\n");
        assertThat(feed.attached()).isFalse();
    }

    @Test
    void aVersion2StartCarriesTheJobsProductionDate() {
        assertThat(send("HELLO,1,2,PLC-A\r\n")).containsExactly("ACK,1,YIMA,2,L1,J1\r\n");
        assertThat(send("START,2,J1,SKU-42,B7,3,title=%E6%98%8E%E5%89%8D%E9%BE%99%E4%BA%95,date=2026-11-30\r\n"))
                .containsExactly("ACK,2,J1\r\n");
        assertThat(line.lastOrder.productionDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
        assertThat(line.lastOrder.activation().productTitle()).isEqualTo("明前龙井");
        assertThat(send("START,3,J1,SKU,B,5,date=30.11.2026\r\n"))
                .containsExactly("NAK,3,BAD_FIELD,date must be YYYY-MM-DD%2C e.g. 2026-12-06\r\n");
        assertThat(send("START,4,J1,SKU,B,5,date=2026-02-30\r\n"))
                .containsExactly("NAK,4,BAD_FIELD,date 2026-02-30 is no day of the calendar\r\n");
        assertThat(send("START,5,J1,SKU,B,5,expiry=2027-11-30\r\n"))
                .containsExactly("NAK,5,BAD_FIELD,expiry is not a START field\r\n");
    }

    @Test
    void aVersion1SessionIsAnsweredInVersion1AndRefusedTheDate() {
        assertThat(send("HELLO,1,1,PLC-A\r\n")).containsExactly("ACK,1,YIMA,1,L1,J1\r\n");
        assertThat(send("START,2,J1,SKU,B,5,date=2026-11-30\r\n"))
                .containsExactly("NAK,2,BAD_FIELD,date needs protocol version 2 (say 2 in HELLO)\r\n");
        assertThat(line.calls).isEmpty();
    }

    @Test
    void caseEventsAndCloseCaseAreVersionTwoOnly() {
        assertThat(send("HELLO,1,1,PLC-A\r\n")).containsExactly("ACK,1,YIMA,1,L1,J1\r\n");
        line.publish(new LineEvent.CasePacked(42, 1, "006141410000000018", 12));
        line.publish(new LineEvent.ItemBound(43, "item-2", "0436Z31$0", 5));
        assertThat(written()).containsExactly("OK,43,item-2,0436Z31$0\r\n");
        assertThat(send("CLOSE_CASE,2\r\n")).containsExactly(
                "NAK,2,UNKNOWN_COMMAND,CLOSE_CASE is protocol version 2 (HELLO%2Cseq%2C2%2C…)\r\n".replace("…",
                        "%E2%80%A6"));
    }

    @Test
    void aVersionTwoSessionHearsCaseResultsAndMayCloseACase() {
        assertThat(send("HELLO,1,2,PLC-A\r\n")).containsExactly("ACK,1,YIMA,2,L1,J1\r\n");
        line.publish(new LineEvent.CasePacked(42, 1, "006141410000000018", 12));
        line.publish(new LineEvent.CaseRejected(43, 2, "006141410000000025", io.yima.line.CaseRejectReason.MISSING, 11));
        line.publish(new LineEvent.CaseRejected(44, 3, null, io.yima.line.CaseRejectReason.CASE_NO_READ, 12));
        assertThat(written()).containsExactly("CASE_PACKED,42,1,006141410000000018,12\r\n",
                "CASE_REJECTED,43,2,006141410000000025,MISSING,11\r\n", "CASE_REJECTED,44,3,,CASE_NO_READ,12\r\n");
        // this line packs no cases: the line's default refusal, in the protocol's words
        assertThat(send("CLOSE_CASE,2\r\n")).containsExactly(
                "NAK,2,WRONG_MODE,this line packs no cases (it has no packing section)\r\n");
    }

    @Test
    void palletEventsAndClosePalletAreVersionTwoOnly() {
        assertThat(send("HELLO,1,1,PLC-A\r\n")).containsExactly("ACK,1,YIMA,1,L1,J1\r\n");
        line.publish(new LineEvent.PalletPacked(42, 1, "106141410000000015", 5));
        line.publish(new LineEvent.PalletRejected(43, 2, null, io.yima.line.CaseRejectReason.PRINTER_FAULT, 5));
        line.publish(new LineEvent.ItemBound(44, "item-2", "0436Z31$0", 5));
        assertThat(written()).containsExactly("OK,44,item-2,0436Z31$0\r\n");
        assertThat(send("CLOSE_PALLET,2\r\n")).containsExactly(
                "NAK,2,UNKNOWN_COMMAND,CLOSE_PALLET is protocol version 2 (HELLO%2Cseq%2C2%2C…)\r\n".replace("…",
                        "%E2%80%A6"));
    }

    @Test
    void aVersionTwoSessionHearsPalletResultsAndMayCloseAPallet() {
        assertThat(send("HELLO,1,2,PLC-A\r\n")).containsExactly("ACK,1,YIMA,2,L1,J1\r\n");
        line.publish(new LineEvent.PalletPacked(42, 1, "106141410000000015", 5));
        line.publish(new LineEvent.PalletRejected(43, 2, "106141410000000022",
                io.yima.line.CaseRejectReason.PRINTER_FAULT, 5));
        line.publish(new LineEvent.PalletRejected(44, 3, null, io.yima.line.CaseRejectReason.VAULT, 2));
        assertThat(written()).containsExactly("PALLET_PACKED,42,1,106141410000000015,5\r\n",
                "PALLET_REJECTED,43,2,106141410000000022,PRINTER_FAULT,5\r\n",
                "PALLET_REJECTED,44,3,,VAULT,2\r\n");
        // this line builds no pallets: the line's default refusal, in the protocol's words
        assertThat(send("CLOSE_PALLET,2\r\n")).containsExactly(
                "NAK,2,WRONG_MODE,this line builds no pallets (its packing section has no per_pallet)\r\n");
    }

    @Test
    void theLinesTypedEventsReachTheWireInTheProtocolsWords() {
        send("HELLO,1,1,PLC-A\r\n");
        line.publish(new LineEvent.LabelPrinted(1, "item-2", new CodeRef(7, 12), 100));
        line.publish(new LineEvent.ItemRejected(2, "item-2", RejectReason.NO_READ, 100));
        line.publish(new LineEvent.JobOpened(3, null));
        line.publish(new LineEvent.DeviceFault(4, Device.VAULT, "disk full, sorry"));
        line.publish(new LineEvent.DeviceCleared(5, Device.VAULT));
        line.publish(new LineEvent.JobClosed(6, new JobAccount("J1", 2, 1, 1, 0)));
        assertThat(written()).containsExactly("PRINTED,1,item-2,12\r\n", "REJECT,2,item-2,NO_READ\r\n",
                "FAULT,4,vault,disk full%2C sorry\r\n", "CLEARED,5,vault\r\n", "CLOSED,6,J1,2,1,1,0\r\n");
    }

    @Test
    void statusAndRefusalsAreWordedAsTheProtocolSays() {
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(send("STATUS,2\r\n")).containsExactly("ACK,2,RUNNING,J1,3,2,1,0,10\r\n");
        assertThat(send("PRINT,3,item-1\r\n")).isEmpty();
        line.pendingPrint.completeExceptionally(new LineRefusal(Refusal.VAULT, "vault write failed"));
        assertThat(written()).containsExactly("NAK,3,VAULT,vault write failed\r\n");
    }

    @Test
    void lastEventMustBeANumberWithinTheBoundAndNotAboveWhatTheLineIssued() {
        assertThat(send("HELLO,1,1,PLC-A,-1\r\n")).containsExactly("NAK,1,BAD_FIELD,last-event\r\n");
        assertThat(send("HELLO,2,1,PLC-A,12x\r\n")).containsExactly("NAK,2,BAD_FIELD,last-event\r\n");
        assertThat(send("HELLO,3,1,PLC-A,9999999999999\r\n")).containsExactly("NAK,3,BAD_FIELD,last-event\r\n");
        assertThat(send("HELLO,4,1,PLC-A,42\r\n")).containsExactly(
                "NAK,4,BAD_FIELD,last-event 42 is above the last event issued (41)\r\n");
        assertThat(feed.attached()).isFalse();
        assertThat(send("HELLO,5,1,PLC-A,41\r\n")).containsExactly("ACK,5,YIMA,1,L1,J1\r\n");
        assertThat(feed.attached()).isTrue();
    }

    private EmbeddedChannel session(java.time.Duration helloTimeout, boolean takeover,
                                    io.yima.guard.RefusalCounters counters) {
        io.yima.guard.PortGuard guard = new io.yima.guard.PortGuard("plc:L1", "line L1 PLC port", 10,
                io.yima.guard.AddressAllowList.everyone(), counters, io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
        return new EmbeddedChannel(new PlcFrameDecoder(), new PlcRequestDecoder(), new PlcMessageEncoder(),
                new PlcSessionHandler(line, feed, helloTimeout, takeover, guard));
    }

    private static List<String> exchange(EmbeddedChannel c, String text) {
        c.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        c.runPendingTasks();
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = c.readOutbound()) != null; ) {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }

    @Test
    void aSecondPlcIsRefusedWithTheHoldersNameAndAddressAndClosed() {
        List<String> refused = new ArrayList<>();
        EmbeddedChannel second = session(null, false, new io.yima.guard.RefusalCounters() {
            public void connectionRefused(String port, String reason) { refused.add(port + " " + reason); }
            public void requestRefused(String port, String reason) { refused.add(port + " " + reason); }
        });
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(exchange(second, "HELLO,1,1,PLC-B\r\n")).containsExactly("NAK,1,IN_USE,PLC-A at embedded\r\n");
        assertThat(second.isOpen()).isFalse();
        assertThat(refused).containsExactly("plc:L1 in_use");
        assertThat(ch.isOpen()).isTrue();
        line.publish(new LineEvent.ItemRejected(42, "item-1", RejectReason.NO_READ, 5));
        assertThat(written()).containsExactly("REJECT,42,item-1,NO_READ\r\n");
    }

    @Test
    void withTakeoverTheSecondPlcReplacesTheFirst() {
        EmbeddedChannel second = session(null, true, io.yima.guard.RefusalCounters.NONE);
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(exchange(second, "HELLO,1,1,PLC-B\r\n")).containsExactly("ACK,1,YIMA,1,L1,J1\r\n");
        assertThat(ch.isOpen()).as("the replaced session is closed").isFalse();
        line.publish(new LineEvent.ItemRejected(42, "item-1", RejectReason.NO_READ, 5));
        assertThat(exchange(second, "")).containsExactly("REJECT,42,item-1,NO_READ\r\n");
    }

    @Test
    void theSamePlcReconnectingFromTheSameHostReplacesItsOldSession() {
        EmbeddedChannel again = session(null, false, io.yima.guard.RefusalCounters.NONE);
        send("HELLO,1,1,PLC-A\r\n");
        assertThat(exchange(again, "HELLO,1,1,PLC-A\r\n")).containsExactly("ACK,1,YIMA,1,L1,J1\r\n");
        assertThat(ch.isOpen()).isFalse();
        assertThat(feed.attached()).isTrue();
    }

    @Test
    void aConnectionWithoutHelloIsClosedAtItsDeadlineAndOneWithHelloIsNot() {
        List<String> refused = new ArrayList<>();
        io.yima.guard.RefusalCounters counters = new io.yima.guard.RefusalCounters() {
            public void connectionRefused(String port, String reason) { refused.add(reason); }
            public void requestRefused(String port, String reason) { }
        };
        EmbeddedChannel silent = session(java.time.Duration.ofSeconds(10), false, counters);
        EmbeddedChannel greeted = session(java.time.Duration.ofSeconds(10), false, counters);
        exchange(silent, "PING,1\r\n");
        exchange(greeted, "HELLO,1,1,PLC-A\r\n");
        silent.advanceTimeBy(10, java.util.concurrent.TimeUnit.SECONDS);
        greeted.advanceTimeBy(10, java.util.concurrent.TimeUnit.SECONDS);
        silent.runScheduledPendingTasks();
        greeted.runScheduledPendingTasks();
        assertThat(silent.isOpen()).isFalse();
        assertThat(greeted.isOpen()).isTrue();
        assertThat(refused).containsExactly("no_hello");
    }

    @Test
    void closingTheChannelDetachesTheLink() {
        send("HELLO,1,1,PLC-A\r\n");
        ch.close();
        assertThat(feed.attached()).isFalse();
    }

    /** The PLC link lost is said once, at WARN, with the line, the PLC's id and the cause. */
    @Test
    void aLostPlcIsLoggedOnceWithLineIdAndCause() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(PlcSessionHandler.class);
        logger.addAppender(logged);
        try {
            send("HELLO,1,1,PLC-A\r\n");
            assertThat(feed.attached()).isTrue();
            ch.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
            ch.runPendingTasks();
            assertThat(feed.attached()).isFalse();
            List<String> warnings = logged.list.stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).singleElement().asString()
                    .startsWith("line L1: PLC PLC-A at ")
                    .contains("lost (Connection reset by peer): the job stays open, triggers wait until it reconnects");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aConnectionThatNeverGreetedIsNotAPlcLost() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(PlcSessionHandler.class);
        logger.addAppender(logged);
        try {
            ch.close();
            ch.runPendingTasks();
            assertThat(logged.list).noneMatch(e -> e.getFormattedMessage().contains(" lost "));
        } finally {
            logger.detachAppender(logged);
        }
    }

    /** The status page's "PLC silent" counts from the attached PLC's last whole frame; a PING resets it. */
    @Test
    void theFeedKnowsHowLongTheAttachedPlcHasBeenSilent() {
        assertThat(feed.silentMillis()).as("no PLC attached").isZero();
        send("HELLO,1,1,PLC-A\r\n");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> feed.silentMillis() >= 100);
        send("PING,2\r\n");
        assertThat(feed.silentMillis()).isLessThan(100);
    }
}
