package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.cli.YimaEdge;
import io.yima.edge.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code listen://} scanner's port on a running daemon over real sockets: whoever connects there can send reads
 * the line binds, so it holds only {@code scanner.max_connections} readers, only from {@code scanner.allow}, and
 * every refusal shows in /metrics. 127.0.0.2 and .3 are two more sources on this machine's loopback.
 */
class ScannerPortIT {
    @TempDir
    Path dir;

    private EdgeDaemon start(String scannerExtra) throws Exception {
        String yaml = """
                vault: { path: vault.db }
                applications: [ { id: 581865877 } ]
                status: { port: 0 }
                lines:
                  - id: L1
                    application: 581865877
                    printer: { uri: "tcp://127.0.0.1:9" }
                    scanner: { uri: "listen://127.0.0.1:0"%s }
                    plc: { port: 0 }
                """.formatted(scannerExtra);
        Path config = Files.writeString(dir.resolve("edge.yaml"), yaml);
        // run never creates a vault: the site makes one first
        assertThat(YimaEdge.commandLine().execute("vault", "init", "--vault", dir.resolve("vault.db").toString()))
                .isZero();
        EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(config), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> edge.scannerPort("L1") > 0);
        return edge;
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    /** True when the edge closes the connection within the socket's timeout (reads end, or the peer resets). */
    private static boolean closedByEdge(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // the scanner port sends nothing but triggers
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String scrape(int statusPort) throws Exception {
        return get(statusPort, "/metrics");
    }

    private static String get(int statusPort, String path) throws Exception {
        try (Socket s = connect("127.0.0.1", statusPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200 OK");
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private static double metric(String scrape, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote("yima_connections_refused_total{" + labels + "}")
                + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void oneReaderIsHeldAStrangerIsRefusedAndTheReaderMayReconnect() throws Exception {
        try (EdgeDaemon edge = start("")) {
            int port = edge.scannerPort("L1");
            try (Socket reader = connect("127.0.0.2", port)) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(edge.statusPort(),
                        "/api/status")).contains("\"scanner\":{\"state\":\"ONLINE\""));
                try (Socket stranger = connect("127.0.0.3", port)) {
                    assertThat(closedByEdge(stranger)).as("a second reader over the cap of 1").isTrue();
                }
                // the reader restarted: it connects again while its old connection still looks open to the edge
                try (Socket again = connect("127.0.0.2", port)) {
                    assertThat(closedByEdge(reader)).as("the old connection is replaced").isTrue();
                    try (Socket stranger = connect("127.0.0.3", port)) {
                        assertThat(closedByEdge(stranger)).as("the new connection holds the place").isTrue();
                    }
                }
            }
            String m = scrape(edge.statusPort());
            assertThat(metric(m, "port=\"scanner:L1\",reason=\"over_cap\"")).isEqualTo(2);
        }
    }

    @Test
    void aReaderOutsideTheAllowListIsClosedAtOnceAndCounted() throws Exception {
        try (EdgeDaemon edge = start(", allow: [127.0.0.2], max_connections: 2")) {
            int port = edge.scannerPort("L1");
            try (Socket stranger = connect("127.0.0.3", port)) {
                assertThat(closedByEdge(stranger)).isTrue();
            }
            try (Socket reader = connect("127.0.0.2", port)) {
                // allowed: it is held, so a second stranger is still refused only for not being on the list
                try (Socket stranger = connect("127.0.0.3", port)) {
                    assertThat(closedByEdge(stranger)).isTrue();
                }
                String m = scrape(edge.statusPort());
                assertThat(metric(m, "port=\"scanner:L1\",reason=\"not_allowed\"")).isEqualTo(2);
                assertThat(metric(m, "port=\"scanner:L1\",reason=\"over_cap\"")).isZero();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(edge.statusPort(),
                        "/api/status")).as("the allowed reader is held").contains("\"scanner\":{\"state\":\"ONLINE\""));
            }
        }
    }
}
