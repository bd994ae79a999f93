package io.yima.drivers.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.drivers.transport.Backoff;
import io.yima.drivers.transport.LinkState;
import io.yima.drivers.transport.NioLoop;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ScannerSessionIT {
    @RegisterExtension
    static final NioLoop LOOP = new NioLoop();
    static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));

    static String readExactly(InputStream in, int n) throws Exception {
        return new String(in.readNBytes(n), StandardCharsets.US_ASCII);
    }

    @Test
    void tcpReaderAsServerTriggerReadAndReconnect() throws Exception {
        List<ScanRead> reads = new CopyOnWriteArrayList<>();
        List<LinkState> states = new CopyOnWriteArrayList<>();
        try (ServerSocket reader = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("tcp://127.0.0.1:" + reader.getLocalPort());
            ScannerSession s = ScannerSession.open(uri, ScannerOptions.defaults().withTrigger(Trigger.KEYENCE), LOOP.group(),
                    reads::add, (st, why, status) -> states.add(st), FAST);
            try {
                s.start();
                try (Socket c = reader.accept()) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.ONLINE);
                    s.trigger().get(5, TimeUnit.SECONDS);
                    // Keyence SR: LON CR starts reading; it answers OK,LON then the data (docs/device-protocols.md §3.2)
                    assertThat(readExactly(c.getInputStream(), 4)).isEqualTo("LON\r");
                    c.getOutputStream().write("OK,LON\r0436Z31$0\r".getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    await().atMost(Duration.ofSeconds(5)).until(() -> reads.size() == 1);
                    assertThat(reads.get(0).text()).isEqualTo("0436Z31$0");
                }
                // the reader dropped us: offline, then back
                await().atMost(Duration.ofSeconds(5)).until(() -> states.contains(LinkState.OFFLINE));
                try (Socket c = reader.accept()) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.ONLINE);
                    c.getOutputStream().write("ERROR\r".getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    await().atMost(Duration.ofSeconds(5)).until(() -> reads.size() == 2);
                    assertThat(reads.get(1).noRead()).isTrue();
                }
            } finally {
                s.close();
            }
        }
    }

    @Test
    void readerPushingToUsIsOnlineWhileConnected() throws Exception {
        BlockingQueue<ScanRead> reads = new LinkedBlockingQueue<>();
        ScannerSession s = ScannerSession.open(URI.create("listen://127.0.0.1:0"),
                ScannerOptions.defaults().withTrigger(Trigger.COGNEX), LOOP.group(), reads::add, null);
        try {
            s.start();
            // the port is known before the listening state is set (both on the event loop): wait for both
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(((ListeningScanner) s).boundPort()).isPositive();
                assertThat(s.state()).isEqualTo(LinkState.OFFLINE);
            });
            try (Socket c = new Socket()) {
                c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ((ListeningScanner) s).boundPort()));
                await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.ONLINE);
                OutputStream out = c.getOutputStream();
                out.write("\u0000\u00ff garbage\r\nP.URL.CN/0V/IXO*FWWYLZLXUXGR\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(reads.poll(5, TimeUnit.SECONDS).noRead()).isFalse(); // the garbage line: not a code, but a read
                assertThat(reads.poll(5, TimeUnit.SECONDS).text()).isEqualTo("P.URL.CN/0V/IXO*FWWYLZLXUXGR");
                s.trigger().get(5, TimeUnit.SECONDS);
                // Cognex DMCC software trigger (§3.1)
                assertThat(readExactly(c.getInputStream(), 15)).isEqualTo("||>TRIGGER ON\r\n");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == LinkState.OFFLINE);
        } finally {
            s.close();
        }
    }

    @Test
    void serialReaderOverAPtyPair(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("ttyA");
        Path b = dir.resolve("ttyB");
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<ScanRead> reads = new LinkedBlockingQueue<>();
        ScannerSession s = null;
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(a) && Files.exists(b));
            s = ScannerSession.open(URI.create("serial:" + a + "?baud=9600"),
                    ScannerOptions.defaults().withTrigger(Trigger.KEYENCE), LOOP.group(), reads::add, null, FAST);
            s.start();
            ScannerSession session = s;
            await().atMost(Duration.ofSeconds(5)).until(() -> session.state() == LinkState.ONLINE);
            try (InputStream in = Files.newInputStream(b);
                 OutputStream out = Files.newOutputStream(b, java.nio.file.StandardOpenOption.APPEND)) {
                s.trigger().get(5, TimeUnit.SECONDS);
                assertThat(readExactly(in, 4)).isEqualTo("LON\r");
                out.write("\u0002CODE42\u0003".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(reads.poll(5, TimeUnit.SECONDS).text()).isEqualTo("CODE42");
            }
        } finally {
            if (s != null) {
                s.close();
            }
            socat.destroy();
            socat.waitFor();
        }
    }
}
