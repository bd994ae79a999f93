package io.yima.modbus;

import io.yima.config.ModbusMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.config.LineConfig;
import io.yima.guard.RefusalCounters;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Modbus server port's peers over real sockets on loopback (127.0.0.1 is the PLC, 127.0.0.2 another host):
 * probes of functions the edge does not offer are answered, silent connections are closed after three heartbeats,
 * the PLC's reconnect replaces its silent connections, and one connection writes the PLC area.
 */
class ModbusPortPeersTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final String READ_VERSION = "00 01 00 00 00 06 01 03 00 41 00 01";
    private static final String MAP_VERSION_2 = "00 01 00 00 00 05 01 03 02 00 02";

    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Counted counted = new Counted();
    private final ModbusHandshakeTest.HandLine line = new ModbusHandshakeTest.HandLine();
    private final List<Socket> sockets = new ArrayList<>();
    private ModbusLink link;

    /** The refusals the port counted, by reason (what /metrics exports for the port {@code modbus:L1}). */
    static final class Counted implements RefusalCounters {
        final Map<String, AtomicLong> byReason = new ConcurrentHashMap<>();

        @Override
        public void connectionRefused(String port, String reason) {
            assertThat(port).isEqualTo("modbus:L1");
            byReason.computeIfAbsent("connection " + reason, k -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void requestRefused(String port, String reason) {
            assertThat(port).isEqualTo("modbus:L1");
            byReason.computeIfAbsent("request " + reason, k -> new AtomicLong()).incrementAndGet();
        }

        long get(String key) {
            AtomicLong n = byReason.get(key);
            return n == null ? 0 : n.get();
        }
    }

    private void start(Duration heartbeat, boolean takeover) throws Exception {
        LineConfig.Modbus config = new LineConfig.Modbus(ModbusMode.SERVER, "127.0.0.1", 0, null, null, null, null,
                heartbeat, null, takeover);
        link = ModbusLink.start(config, line, io, counted);
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (link != null) {
            link.close();
        }
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), link.port(), InetAddress.getByName(from), 0);
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    private static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(HEX.parseHex(request));
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] mbap = new byte[6];
        in.readFully(mbap);
        byte[] rest = new byte[(mbap[4] & 0xFF) << 8 | mbap[5] & 0xFF];
        in.readFully(rest);
        return HEX.formatHex(mbap) + " " + HEX.formatHex(rest);
    }

    /** True when the edge has closed {@code s} (end of stream); false while it stays open. */
    private static boolean closedByEdge(Socket s) throws IOException {
        s.setSoTimeout(50);
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        } finally {
            if (!s.isClosed()) {
                s.setSoTimeout(5000);
            }
        }
    }

    /** A fresh connection from {@code from} that answers a read; false when the edge closed it. */
    private boolean answered(String from) {
        try {
            Socket s = connect(from);
            return exchange(s, READ_VERSION).equals(MAP_VERSION_2);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void functions43And8AreAnsweredExceptionOneAndTheConnectionStaysOpen() throws Exception {
        start(Duration.ofSeconds(2), false);
        Socket s = connect("127.0.0.1");
        // 43/14 read device identification, as scanners send it
        assertThat(exchange(s, "00 07 00 00 00 05 01 2b 0e 01 00")).isEqualTo("00 07 00 00 00 03 01 ab 01");
        // 8 diagnostics, return query data
        assertThat(exchange(s, "00 08 00 00 00 06 01 08 00 00 12 34")).isEqualTo("00 08 00 00 00 03 01 88 01");
        // 1 read coils: offered by the library, not by the edge
        assertThat(exchange(s, "00 09 00 00 00 06 01 01 00 00 00 01")).isEqualTo("00 09 00 00 00 03 01 81 01");
        // a function-3 request cut short (no quantity) → exception 3
        assertThat(exchange(s, "00 0a 00 00 00 04 01 03 00 00")).isEqualTo("00 0a 00 00 00 03 01 83 03");
        assertThat(exchange(s, READ_VERSION)).as("the same connection still answers").isEqualTo(MAP_VERSION_2);
        assertThat(counted.get("request illegal_function")).isEqualTo(3);
        assertThat(counted.get("request bad_request")).isEqualTo(1);
        assertThat(counted.byReason.keySet()).noneMatch(k -> k.startsWith("connection "));
    }

    @Test
    void fourSilentConnectionsDoNotKeepThePlcOutBeyondThreeHeartbeats() throws Exception {
        Duration heartbeat = Duration.ofMillis(300);
        start(heartbeat, false);
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < ModbusServerPort.MAX_CONNECTIONS; i++) {
            silent.add(connect("127.0.0.2"));
        }
        await().until(() -> ((ModbusServerPort) link).connections() == ModbusServerPort.MAX_CONNECTIONS);
        // the PLC (another host) is refused while the four hold the port, then gets in once they are closed
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> answered("127.0.0.1"));
        for (Socket s : silent) {
            assertThat(closedByEdge(s)).as("a silent connection closed by the edge").isTrue();
        }
        assertThat(counted.get("connection silent")).isGreaterThanOrEqualTo(ModbusServerPort.MAX_CONNECTIONS);
    }

    @Test
    void thePlcsReconnectReplacesItsSilentConnections() throws Exception {
        start(Duration.ofSeconds(2), false); // silent for three heartbeats = 6 s
        List<Socket> old = new ArrayList<>();
        for (int i = 0; i < ModbusServerPort.MAX_CONNECTIONS; i++) {
            Socket s = connect("127.0.0.1");
            assertThat(exchange(s, READ_VERSION)).isEqualTo(MAP_VERSION_2);
            old.add(s); // then the PLC is power-cycled: these are never used again
        }
        // refused while the old connections are fresh; accepted once they have been silent for a heartbeat. Each
        // try leaves again: the old connections were opened a few ms apart, so one try may come when only the
        // first of them has been silent for a heartbeat, and the next try replaces the others
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            boolean in = answered("127.0.0.1");
            sockets.get(sockets.size() - 1).close();
            return in && counted.get("connection replaced") == ModbusServerPort.MAX_CONNECTIONS;
        });
        assertThat(counted.get("connection silent")).as("not the idle timeout").isZero();
        for (Socket s : old) {
            assertThat(closedByEdge(s)).isTrue();
        }
    }

    /**
     * Two programs on the PLC's own host (how issue 19's crossed answers were reproduced) are two clients as much as
     * two hosts are: the second writer is refused whichever host it writes from.
     */
    @ParameterizedTest(name = "second writer from {0}")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2"})
    void aSecondWriterIsRefusedAndItsTriggerNeverReachesTheLine(String from) throws Exception {
        start(Duration.ofSeconds(2), false);
        Socket plc = connect("127.0.0.1");
        Socket other = connect(from);
        // words 0..3: heartbeat, trigger, item (u32); the first write is taken as already handled
        assertThat(exchange(plc, "00 01 00 00 00 0f 01 10 00 00 00 04 08 00 01 00 00 00 00 00 00"))
                .isEqualTo("00 01 00 00 00 06 01 10 00 00 00 04");
        assertThat(exchange(plc, "00 02 00 00 00 0f 01 10 00 00 00 04 08 00 02 00 01 00 00 00 65"))
                .isEqualTo("00 02 00 00 00 06 01 10 00 00 00 04");
        await().until(() -> line.printed.contains("101"));
        // the other client's trigger 2 for item 202: exception 6, nothing written (functions 16, 6 and 23)
        assertThat(exchange(other, "00 03 00 00 00 0f 01 10 00 00 00 04 08 00 03 00 02 00 00 00 ca"))
                .isEqualTo("00 03 00 00 00 03 01 90 06");
        assertThat(exchange(other, "00 04 00 00 00 06 01 06 00 01 00 02")).isEqualTo("00 04 00 00 00 03 01 86 06");
        assertThat(exchange(other, "00 05 00 00 00 13 01 17 00 44 00 01 00 00 00 04 08 00 03 00 02 00 00 00 ca"))
                .isEqualTo("00 05 00 00 00 03 01 97 06");
        // reads stay open to it, and show the PLC's words
        assertThat(exchange(other, "00 06 00 00 00 06 01 03 00 01 00 03"))
                .isEqualTo("00 06 00 00 00 09 01 03 06 00 01 00 00 00 65");
        assertThat(counted.get("request in_use")).isEqualTo(3);
        // the PLC goes on writing; the line only ever heard of its item
        assertThat(exchange(plc, "00 07 00 00 00 06 01 06 00 00 00 03")).isEqualTo("00 07 00 00 00 06 01 06 00 00 00 03");
        assertThat(line.printed).containsExactly("101");
        assertThat(closedByEdge(other)).isFalse();
        assertThat(closedByEdge(plc)).isFalse();
    }

    @Test
    void whenTheWritersConnectionClosesTheNextConnectionToWriteGetsTheBlock() throws Exception {
        start(Duration.ofSeconds(2), false);
        Socket plc = connect("127.0.0.1");
        Socket next = connect("127.0.0.1");
        assertThat(exchange(plc, "00 01 00 00 00 06 01 06 00 00 00 01")).isEqualTo("00 01 00 00 00 06 01 06 00 00 00 01");
        assertThat(exchange(next, "00 02 00 00 00 06 01 06 00 00 00 02")).isEqualTo("00 02 00 00 00 03 01 86 06");
        plc.close();
        // the edge sees the close a moment later; until then the write is still refused
        // (well within a heartbeat: the block passes because the connection closed, not because it fell silent)
        await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(20)).until(() ->
                exchange(next, "00 03 00 00 00 06 01 06 00 00 00 03").equals("00 03 00 00 00 06 01 06 00 00 00 03"));
        assertThat(exchange(next, "00 04 00 00 00 06 01 03 00 00 00 01")).isEqualTo("00 04 00 00 00 05 01 03 02 00 03");
        assertThat(counted.byReason.keySet()).noneMatch(k -> k.startsWith("connection "));
    }

    @Test
    void thePlcsQuickReconnectGetsTheBlockOnceItsOldConnectionHasBeenSilentForAHeartbeat() throws Exception {
        start(Duration.ofSeconds(2), false); // silent for three heartbeats = 6 s
        Socket old = connect("127.0.0.1");
        assertThat(exchange(old, "00 01 00 00 00 06 01 06 00 00 00 01")).isEqualTo("00 01 00 00 00 06 01 06 00 00 00 01");
        // power-cycled: the old connection is half-open, never used again; the PLC is back before a heartbeat
        Socket back = connect("127.0.0.1");
        assertThat(exchange(back, "00 02 00 00 00 06 01 06 00 00 00 02")).as("the old connection is not silent yet")
                .isEqualTo("00 02 00 00 00 03 01 86 06");
        // the PLC writes every cycle: refused until the old connection has been silent for a heartbeat (2 s), well
        // before the idle timeout (6 s) would close it
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() ->
                exchange(back, "00 03 00 00 00 06 01 06 00 00 00 03").equals("00 03 00 00 00 06 01 06 00 00 00 03"));
        assertThat(closedByEdge(old)).isTrue();
        assertThat(counted.get("connection replaced")).isEqualTo(1);
        assertThat(counted.get("connection silent")).as("not the idle timeout").isZero();
        assertThat(closedByEdge(back)).isFalse();
    }

    @Test
    void aReconnectThatReplacesTheWritersSilentConnectionWritesAtOnce() throws Exception {
        start(Duration.ofSeconds(2), false);
        Socket old = connect("127.0.0.1");
        assertThat(exchange(old, "00 01 00 00 00 06 01 06 00 00 00 01")).isEqualTo("00 01 00 00 00 06 01 06 00 00 00 01");
        // the PLC reconnects until the edge replaces its old connection (silent for a heartbeat by then)
        Socket back = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Socket s = connect("127.0.0.1");
            assertThat(exchange(s, READ_VERSION)).isEqualTo(MAP_VERSION_2); // admitted, so its replacing is done
            if (counted.get("connection replaced") > 0) {
                return s;
            }
            s.close();
            return null;
        }, Objects::nonNull);
        assertThat(closedByEdge(old)).isTrue();
        // the block moved with the replaced connection: the first write of the new one is accepted
        assertThat(exchange(back, "00 02 00 00 00 06 01 06 00 00 00 02")).isEqualTo("00 02 00 00 00 06 01 06 00 00 00 02");
        assertThat(counted.get("connection replaced")).isEqualTo(1);
        assertThat(counted.get("request in_use")).isZero();
    }

    @Test
    void withTakeoverTheSecondWriterTakesTheBlockAndOnlyTheFirstWritersConnectionIsClosed() throws Exception {
        start(Duration.ofSeconds(2), true);
        Socket plc = connect("127.0.0.1");
        Socket hmi = connect("127.0.0.1");
        Socket replacement = connect("127.0.0.1");
        assertThat(exchange(plc, "00 01 00 00 00 06 01 06 00 00 00 01")).isEqualTo("00 01 00 00 00 06 01 06 00 00 00 01");
        assertThat(exchange(hmi, READ_VERSION)).isEqualTo(MAP_VERSION_2);
        assertThat(exchange(replacement, "00 02 00 00 00 06 01 06 00 00 00 02"))
                .isEqualTo("00 02 00 00 00 06 01 06 00 00 00 02");
        await().until(() -> closedByEdge(plc));
        assertThat(counted.get("connection taken_over")).isEqualTo(1);
        // the reader on the same host stays; the new writer keeps the block
        assertThat(exchange(hmi, "00 03 00 00 00 06 01 03 00 00 00 01")).isEqualTo("00 03 00 00 00 05 01 03 02 00 02");
        assertThat(exchange(replacement, "00 04 00 00 00 06 01 06 00 00 00 04"))
                .isEqualTo("00 04 00 00 00 06 01 06 00 00 00 04");
    }

    @Test
    void withTakeoverAWriterFromAnotherHostTakesTheBlock() throws Exception {
        start(Duration.ofSeconds(2), true);
        Socket plc = connect("127.0.0.1");
        Socket replacement = connect("127.0.0.2");
        assertThat(exchange(plc, "00 01 00 00 00 06 01 06 00 00 00 01")).isEqualTo("00 01 00 00 00 06 01 06 00 00 00 01");
        assertThat(exchange(replacement, "00 02 00 00 00 06 01 06 00 00 00 02"))
                .isEqualTo("00 02 00 00 00 06 01 06 00 00 00 02");
        await().until(() -> closedByEdge(plc));
        assertThat(counted.get("connection taken_over")).isEqualTo(1);
    }
}
