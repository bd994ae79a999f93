package io.yima.drivers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yima.drivers.printer.PrinterCondition;
import io.yima.drivers.printer.PrinterProtocol;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TcpPrinterSessionIT {
    @RegisterExtension
    static final NioLoop LOOP = new NioLoop();
    static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));

    static PrinterSession open(URI uri, Transitions t) {
        return PrinterSession.open(uri, PrinterProtocol.zpl(), Duration.ofMillis(100), Duration.ofMillis(300), LOOP.group(), t, FAST);
    }

    @Test
    void firstGoodStatusReplyMakesItOnlineAndSentBytesArrive() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(open(printer.uri(), t));
            assertThat(s.state()).isEqualTo(LinkState.UNKNOWN);
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.ONLINE));
            assertThat(s.lastStatus().isReady()).isTrue();
            s.send("^XA^FDhello^FS^XZ".getBytes(StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> printer.receivedText().contains("^XA^FDhello^FS^XZ"));
            assertThat(t.states()).containsExactly(LinkState.ONLINE);
        }
    }

    @Test
    void eachStatusReplyComesWithTheLabelsWrittenBeforeItsQuery() throws Exception {
        // The fake answers "formats in buffer" = the labels it had received when the ~HS came (it never prints),
        // so the session's count of labels before the query must equal it, reply by reply, however sends and
        // polls interleave.
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            printer.countFormats = true;
            PrinterSession s = t.keep(PrinterSession.open(printer.uri(), PrinterProtocol.zpl(), Duration.ofMillis(5),
                    Duration.ofMillis(500), LOOP.group(), t, FAST));
            java.util.List<long[]> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
            s.onStatus((status, before) -> replies.add(new long[] {status.formatsInBuffer(), before}));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.ONLINE));
            for (int i = 0; i < 200; i++) {
                s.send(("^XA^FD" + i + "^FS^XZ").getBytes(StandardCharsets.US_ASCII));
                if (i % 20 == 0) {
                    int seen = replies.size();
                    await().atMost(Duration.ofSeconds(5)).until(() -> replies.size() > seen);
                }
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> replies.get(replies.size() - 1)[1] == 200);
            assertThat(replies).allSatisfy(r -> assertThat(r[0]).as("formats the printer saw").isEqualTo(r[1]));
            assertThat(replies.stream().mapToLong(r -> r[1]).filter(n -> n > 0 && n < 200)).isNotEmpty();
        }
    }

    @Test
    void whileLabelsAreSentTheBusyPollAsksFarMoreOftenThanTheIdleOne() throws Exception {
        // Idle poll 30 s, busy poll 100 ms: after the poll at connect, the only way to hear from the printer again
        // within the test's bound is the busy cadence that a sent label starts (and keeps for a second).
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(PrinterSession.open(printer.uri(), PrinterProtocol.zpl(), Duration.ofSeconds(30),
                    Duration.ofMillis(100), Duration.ofMillis(500), LOOP.group(), t, FAST));
            java.util.concurrent.atomic.AtomicInteger replies = new java.util.concurrent.atomic.AtomicInteger();
            s.onStatus((status, before) -> replies.incrementAndGet());
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> replies.get() == 1); // the first poll, at connect
            s.send("^XA^FDx^FS^XZ".getBytes(StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> replies.get() >= 4);
        }
    }

    @Test
    void pollSoonAsksForStatusAheadOfALongInterval() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(PrinterSession.open(printer.uri(), PrinterProtocol.zpl(), Duration.ofSeconds(30),
                    Duration.ofMillis(500), LOOP.group(), t, FAST));
            java.util.concurrent.atomic.AtomicInteger replies = new java.util.concurrent.atomic.AtomicInteger();
            s.onStatus((status, before) -> replies.incrementAndGet());
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> replies.get() == 1); // the first poll, at connect
            for (int i = 0; i < 3; i++) {
                int seen = replies.get();
                s.pollSoon();
                await().atMost(Duration.ofSeconds(5)).until(() -> replies.get() > seen);
            }
            assertThat(printer.receivedText().split("~HS", -1)).as("one query per request").hasSize(5);
        }
    }

    @Test
    void cancelQueuedSendsTildeJA() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(open(printer.uri(), t));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.ONLINE));
            s.send("^XA^FDone^FS^XZ".getBytes(StandardCharsets.US_ASCII));
            s.cancelQueued();
            await().atMost(Duration.ofSeconds(5)).until(() -> printer.receivedText().contains("^XA^FDone^FS^XZ~JA"));
        }
    }

    @Test
    void headOpenReplyIsFaultWithTheCondition() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            printer.reply = FakePrinter.HEAD_OPEN;
            PrinterSession s = t.keep(open(printer.uri(), t));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.FAULT));
            assertThat(t.last().status().conditions()).containsExactly(PrinterCondition.HEAD_OPEN);
            printer.reply = FakePrinter.READY; // head closed again
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.ONLINE));
        }
    }

    @Test
    void silentPrinterIsFaultNoStatusReply() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.SILENT); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(open(printer.uri(), t));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.FAULT));
            assertThat(t.changes.get(0).reason()).isEqualTo("no status reply within 300 ms");
            // three silent polls: the link is rebuilt (a power-cycled printer behind a half-open connection)
            await().atMost(Duration.ofSeconds(10)).until(() -> printer.accepted.size() >= 2);
            assertThat(t.states()).contains(LinkState.OFFLINE);
        }
    }

    @Test
    void droppedConnectionIsOfflineThenReconnectsAndComesBackOnline() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.DROP_AFTER_REPLY); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(open(printer.uri(), t));
            s.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.states().size() >= 3 && s.state() == LinkState.ONLINE);
            assertThat(t.states()).startsWith(LinkState.ONLINE, LinkState.OFFLINE, LinkState.ONLINE);
            assertThat(printer.accepted).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void printerThatStopsReadingPushesBackThroughWritability() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.NO_READ); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(PrinterSession.open(printer.uri(), null, null, null, LOOP.group(), t, FAST));
            CountDownLatch pushedBack = new CountDownLatch(1);
            s.onWritabilityChanged(() -> {
                if (!s.isWritable()) {
                    pushedBack.countDown();
                }
            });
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.ONLINE));
            // 32 MiB (one shared array): more than kernel socket buffers hold, so the rest waits in Netty's buffer.
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 512; i++) {
                s.send(chunk);
            }
            assertThat(pushedBack.await(5, TimeUnit.SECONDS)).isTrue();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> !s.isWritable());
        }
    }

    @Test
    void sendingWhileDisconnectedFailsAtOnce() throws Exception {
        // A port held by a bound socket that does not listen: connecting is refused, and the kernel cannot hand
        // the same port to our own connect as its local port (a closed ephemeral port can, and then the session
        // connects to itself).
        try (java.net.Socket held = new java.net.Socket();
             Transitions.Auto t = new Transitions.Auto()) {
            held.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            URI uri = URI.create("tcp://127.0.0.1:" + held.getLocalPort());
            PrinterSession s = t.keep(open(uri, t));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.OFFLINE));
            assertThat(t.last().reason()).startsWith("cannot connect to tcp://127.0.0.1:" + uri.getPort());
            assertThatThrownBy(() -> s.send(new byte[] {1}).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("not connected");
        }
    }

    @Test
    void badUrisAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PrinterSession.open(URI.create("lpt://x"), null, null, null, LOOP.group(), null))
                .hasMessageContaining("must start with tcp:// or serial:");
        assertThatThrownBy(() -> PrinterSession.open(URI.create("tcp://10.0.0.5"), null, null, null, LOOP.group(), null))
                .hasMessageContaining("has no port");
        assertThatThrownBy(() -> PrinterSession.open(URI.create("serial:/dev/ttyS0?baud=fast"), null, null, null, LOOP.group(), null))
                .hasMessage("serial baud must be a number 50..4000000, got 'fast'");
    }
}
