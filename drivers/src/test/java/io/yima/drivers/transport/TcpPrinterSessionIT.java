package io.yima.drivers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.drivers.printer.PrinterCondition;
import io.yima.drivers.printer.PrinterProtocol;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpPrinterSessionIT {
    static EventLoopGroup group;
    static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static PrinterSession open(URI uri, Transitions t) {
        return PrinterSession.open(uri, PrinterProtocol.zpl(), Duration.ofMillis(100), Duration.ofMillis(300), group, t, FAST);
    }

    @Test
    void firstGoodStatusReplyMakesItOnlineAndSentBytesArrive() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(open(printer.uri(), t));
            assertThat(s.state()).isEqualTo(LinkState.UNKNOWN);
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.ONLINE);
            assertThat(s.lastStatus().isReady()).isTrue();
            s.send("^XA^FDhello^FS^XZ".getBytes(StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> printer.receivedText().contains("^XA^FDhello^FS^XZ"));
            assertThat(t.states()).containsExactly(LinkState.ONLINE);
        }
    }

    @Test
    void headOpenReplyIsFaultWithTheCondition() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.ANSWER); Transitions.Auto t = new Transitions.Auto()) {
            printer.reply = FakePrinter.HEAD_OPEN;
            PrinterSession s = t.keep(open(printer.uri(), t));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.FAULT);
            assertThat(t.last().status().conditions()).containsExactly(PrinterCondition.HEAD_OPEN);
            printer.reply = FakePrinter.READY; // head closed again
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.ONLINE);
        }
    }

    @Test
    void silentPrinterIsFaultNoStatusReply() throws Exception {
        try (FakePrinter printer = new FakePrinter(FakePrinter.Mode.SILENT); Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(open(printer.uri(), t));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.FAULT);
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
            PrinterSession s = t.keep(PrinterSession.open(printer.uri(), null, null, null, group, t, FAST));
            CountDownLatch pushedBack = new CountDownLatch(1);
            s.onWritabilityChanged(() -> {
                if (!s.isWritable()) {
                    pushedBack.countDown();
                }
            });
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.ONLINE);
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            while (s.isWritable() && sent < 256L * 1024 * 1024) {
                s.send(chunk);
                sent += chunk.length;
            }
            assertThat(pushedBack.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(s.isWritable()).isFalse();
        }
    }

    @Test
    void sendingWhileDisconnectedFailsAtOnce() throws Exception {
        FakePrinter gone = new FakePrinter(FakePrinter.Mode.ANSWER);
        URI uri = gone.uri();
        gone.close();
        try (Transitions.Auto t = new Transitions.Auto()) {
            PrinterSession s = t.keep(open(uri, t));
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.OFFLINE);
            assertThat(t.last().reason()).startsWith("cannot connect to tcp://127.0.0.1:" + uri.getPort());
            assertThatThrownBy(() -> s.send(new byte[] {1}).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("not connected");
        }
    }

    @Test
    void badUrisAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PrinterSession.open(URI.create("lpt://x"), null, null, null, group, null))
                .hasMessageContaining("must start with tcp:// or serial:");
        assertThatThrownBy(() -> PrinterSession.open(URI.create("tcp://10.0.0.5"), null, null, null, group, null))
                .hasMessageContaining("has no port");
        assertThatThrownBy(() -> PrinterSession.open(URI.create("serial:/dev/ttyS0?baud=fast"), null, null, null, group, null))
                .hasMessage("serial baud must be a number 50..4000000, got 'fast'");
    }
}
