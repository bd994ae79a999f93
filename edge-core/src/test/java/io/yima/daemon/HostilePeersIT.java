package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import io.yima.edge.ConfigLoader;
import io.yima.ops.LogFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import io.yima.vault.CodeVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile and confused peers against a running daemon over real sockets on 127.0.0.1: slow senders, too many
 * connections, a second PLC, a stranger outside the allow-list, a flood of bad frames. Each refusal must close
 * or answer as documented, show in the daemon's /metrics, and cost the log a bounded number of lines. The
 * printer and scanner point at a closed port: the PLC and status ports do not depend on them.
 */
class HostilePeersIT {
    @TempDir
    Path dir;

    private EdgeDaemon start(String plcExtra, String statusExtra) throws Exception {
        String yaml = """
                vault: { path: vault.db }
                applications: [ { id: 581865877 } ]
                status: { port: 0, request_timeout: 1s, max_connections: 4%s }
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcp://127.0.0.1:9" }
                    scanner: { uri: "tcp://127.0.0.1:9" }
                    plc: { port: 0, hello_timeout: 1s, max_connections: 3%s }
                """.formatted(statusExtra, plcExtra);
        Path config = Files.writeString(dir.resolve("edge.yaml"), yaml);
        if (!Files.exists(dir.resolve("vault.db"))) {
            CodeVault.open(dir.resolve("vault.db")).close(); // run never creates a vault
        }
        return EdgeDaemon.start(ConfigLoader.load(config), null);
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    /** True when the edge closes the connection within the socket's timeout (reads end, or the peer resets). */
    private static boolean closedByEdge(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // replies before the close are fine
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String call(Socket s, String frame) throws IOException {
        s.getOutputStream().write((frame + "\r\n").getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        while (line != null && line.startsWith("HB,")) {
            line = in.readLine();
        }
        return line;
    }

    /** GET /metrics on a connection of its own, closed after the answer (a pooled one would count against the cap). */
    private static String scrape(int statusPort) throws Exception {
        try (Socket s = connect(statusPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200 OK");
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    /** The value of one counter sample in a Prometheus text scrape, 0 when absent. */
    private static double metric(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A client that sends one byte every {@code pace}, never finishing what it started. */
    private static ScheduledExecutorService trickle(Socket s, byte b, Duration pace) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor();
        t.scheduleAtFixedRate(() -> {
            try {
                s.getOutputStream().write(b);
            } catch (IOException closed) {
                t.shutdown();
            }
        }, 0, pace.toMillis(), TimeUnit.MILLISECONDS);
        return t;
    }

    @Test
    void slowSendersAreClosedOnBothPortsAndCounted() throws Exception {
        try (EdgeDaemon edge = start(", heartbeat: 300ms", "")) {
            // PLC port before HELLO: bytes that never make a frame
            try (Socket plc = connect(edge.plcPort("L1"))) {
                ScheduledExecutorService t = trickle(plc, (byte) 'H', Duration.ofMillis(200));
                assertThat(closedByEdge(plc)).as("a byte trickle on the PLC port is closed").isTrue();
                t.shutdownNow();
            }
            // PLC port after HELLO: a greeted session that only trickles is silent for three heartbeats
            try (Socket plc = connect(edge.plcPort("L1"))) {
                assertThat(call(plc, "HELLO,1,1,SLOW")).startsWith("ACK,1,YIMA");
                ScheduledExecutorService t = trickle(plc, (byte) 'P', Duration.ofMillis(200));
                assertThat(closedByEdge(plc)).as("a greeted PLC that never completes a frame is closed").isTrue();
                t.shutdownNow();
            }
            // status port: a request whose headers never end
            try (Socket http = connect(edge.statusPort())) {
                http.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: edge\r\n".getBytes(StandardCharsets.US_ASCII));
                ScheduledExecutorService t = trickle(http, (byte) 'X', Duration.ofMillis(200));
                assertThat(closedByEdge(http)).as("slowloris on the status port is closed").isTrue();
                t.shutdownNow();
            }
            String m = scrape(edge.statusPort());
            assertThat(metric(m, "yima_connections_refused_total", "port=\"plc:L1\",reason=\"silent\"")
                    + metric(m, "yima_connections_refused_total", "port=\"plc:L1\",reason=\"no_hello\"")).isEqualTo(2);
            assertThat(metric(m, "yima_connections_refused_total", "port=\"status\",reason=\"slow_request\""))
                    .isEqualTo(1);
        }
    }

    @Test
    void aConnectionOverTheCapIsClosedAtOnceAndCounted() throws Exception {
        try (EdgeDaemon edge = start("", "")) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = connect(edge.plcPort("L1"));
                    held.add(s);
                    assertThat(call(s, "PING," + (i + 1))).isEqualTo("ACK," + (i + 1));
                }
                try (Socket fourth = connect(edge.plcPort("L1"))) {
                    assertThat(closedByEdge(fourth)).as("the fourth PLC connection").isTrue();
                }
                for (int i = 0; i < 3; i++) { // the status port holds 4: three idle keep-alive clients and a scrape
                    Socket s = connect(edge.statusPort());
                    held.add(s);
                    s.getOutputStream().write("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(new BufferedReader(new InputStreamReader(s.getInputStream())).readLine())
                            .isEqualTo("HTTP/1.1 404 Not Found");
                }
                Socket fourth = connect(edge.statusPort());
                held.add(fourth);
                fourth.getOutputStream().write("GET /health HTTP/1.1\r\nHost: edge\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new BufferedReader(new InputStreamReader(fourth.getInputStream())).readLine())
                        .startsWith("HTTP/1.1 ");
                try (Socket fifth = connect(edge.statusPort())) {
                    assertThat(closedByEdge(fifth)).as("the fifth status connection").isTrue();
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            // the closed ones free their places: a new PLC connection is served again
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket again = connect(edge.plcPort("L1"))) {
                    assertThat(call(again, "PING,9")).isEqualTo("ACK,9");
                }
            });
            String m = scrape(edge.statusPort());
            assertThat(metric(m, "yima_connections_refused_total", "port=\"plc:L1\",reason=\"over_cap\""))
                    .isEqualTo(1);
            assertThat(metric(m, "yima_connections_refused_total", "port=\"status\",reason=\"over_cap\""))
                    .isEqualTo(1);
            assertThat(metric(m, "yima_requests_refused_total", "port=\"status\",reason=\"404\"")).isEqualTo(3);
        }
    }

    @Test
    void aSecondPlcIsRefusedWithTheHoldersAddressAndTheFirstKeepsTheLine() throws Exception {
        try (EdgeDaemon edge = start("", "");
             Socket first = connect(edge.plcPort("L1"));
             Socket second = connect(edge.plcPort("L1"))) {
            assertThat(call(first, "HELLO,1,1,PLC-A")).isEqualTo("ACK,1,YIMA,1,L1,");
            assertThat(call(second, "HELLO,1,1,PLC-B")).isEqualTo("NAK,1,IN_USE,PLC-A at 127.0.0.1:"
                    + first.getLocalPort());
            assertThat(closedByEdge(second)).isTrue();
            assertThat(call(first, "STATUS,2")).startsWith("ACK,2,");
            String m = scrape(edge.statusPort());
            assertThat(metric(m, "yima_connections_refused_total", "port=\"plc:L1\",reason=\"in_use\""))
                    .isEqualTo(1);
        }
    }

    @Test
    void withTakeoverTheSecondPlcGetsTheLineAndTheFirstIsClosed() throws Exception {
        try (EdgeDaemon edge = start(", takeover: true", "");
             Socket first = connect(edge.plcPort("L1"));
             Socket second = connect(edge.plcPort("L1"))) {
            assertThat(call(first, "HELLO,1,1,PLC-A")).startsWith("ACK,1,YIMA");
            assertThat(call(second, "HELLO,1,1,PLC-B")).startsWith("ACK,1,YIMA");
            assertThat(closedByEdge(first)).isTrue();
        }
    }

    @Test
    void aStrangerOutsideTheAllowListIsClosedAtOnceAndCounted() throws Exception {
        try (EdgeDaemon edge = start(", allow: [10.9.9.0/24]", "")) {
            try (Socket stranger = connect(edge.plcPort("L1"))) {
                assertThat(closedByEdge(stranger)).isTrue();
            }
            String m = scrape(edge.statusPort());
            assertThat(metric(m, "yima_connections_refused_total", "port=\"plc:L1\",reason=\"not_allowed\""))
                    .isEqualTo(1);
        }
        try (EdgeDaemon edge = start(", allow: [10.9.9.0/24, 127.0.0.1]", "");
             Socket plc = connect(edge.plcPort("L1"))) {
            assertThat(call(plc, "HELLO,1,1,PLC-A")).startsWith("ACK,1,YIMA");
        }
    }

    @Test
    void aFloodOfBadFramesCostsTheLogAFewLinesAndIsCounted() throws Exception {
        Path logFile = dir.resolve("edge.log");
        LogFiles.appendTo(logFile);
        try (EdgeDaemon edge = start("", ", max_connections: 8");
             Socket flood = connect(edge.plcPort("L1"))) {
            assertThat(call(flood, "HELLO,1,1,FLOOD")).startsWith("ACK,1,YIMA");
            int frames = 100_000;
            AtomicLong naks = new AtomicLong();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    BufferedReader in = new BufferedReader(new InputStreamReader(flood.getInputStream(),
                            StandardCharsets.US_ASCII));
                    for (String line; naks.get() < frames && (line = in.readLine()) != null; ) {
                        if (line.startsWith("NAK,0,BAD_FRAME")) {
                            naks.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] bad = new byte[] {(byte) 0xFF, '\r', '\n'};
            byte[] burst = new byte[bad.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(bad, 0, burst, i * bad.length, bad.length);
            }
            OutputStream out = flood.getOutputStream();
            long sizeBefore = Files.size(logFile);
            for (int i = 0; i < frames / 1000; i++) {
                out.write(burst);
            }
            reader.get(60, TimeUnit.SECONDS);
            assertThat(naks.get()).as("every bad frame is answered").isEqualTo(frames);
            String m = scrape(edge.statusPort());
            assertThat(metric(m, "yima_requests_refused_total", "port=\"plc:L1\",reason=\"BAD_FRAME\""))
                    .isEqualTo(frames);
            // the summary of the interval comes when it ends; then the whole flood is two lines
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(logFile).contains("more in the last"));
            long written = Files.size(logFile) - sizeBefore;
            List<String> refusals = Files.readAllLines(logFile).stream().filter(l -> l.contains("PLC port: refused"))
                    .toList();
            assertThat(refusals).hasSize(2);
            assertThat(refusals.get(1)).contains("refused 99999 more in the last 10 s (99999 request BAD_FRAME)");
            assertThat(written).as("log bytes for 100,000 bad frames").isLessThan(2_000);
        } finally {
            LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
            ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            var appender = root.getAppender("FILE");
            if (appender != null) {
                root.detachAppender(appender);
                appender.stop();
            }
        }
    }
}
