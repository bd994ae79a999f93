package io.yima.modbus;

import io.yima.config.ModbusMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.config.LineConfig;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server port over a real socket, byte for byte (Modbus TCP application protocol framing: MBAP transaction,
 * protocol 0, length, unit; then the PDU), against a line the test answers by hand.
 */
class ModbusServerPortTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ModbusLink link;

    ModbusServerPortTest() throws Exception {
        LineConfig.Modbus config = new LineConfig.Modbus(ModbusMode.SERVER, "127.0.0.1", 0, null, null, null, null,
                Duration.ofSeconds(1), null);
        link = ModbusLink.start(config, new ModbusHandshakeTest.HandLine(), io);
    }

    @AfterEach
    void close() {
        link.close();
        io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", link.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static String exchange(Socket s, String request) throws Exception {
        s.getOutputStream().write(HEX.parseHex(request));
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] mbap = new byte[6];
        in.readFully(mbap);
        byte[] rest = new byte[(mbap[4] & 0xFF) << 8 | mbap[5] & 0xFF];
        in.readFully(rest);
        return HEX.formatHex(mbap) + " " + HEX.formatHex(rest);
    }

    @Test
    void readsAndWritesAreAnsweredByteForByte() throws Exception {
        try (Socket s = connect()) {
            // function 3, MAP_VERSION (offset 65) → one register, 2
            assertThat(exchange(s, "00 01 00 00 00 06 01 03 00 41 00 01")).isEqualTo("00 01 00 00 00 05 01 03 02 00 02");
            // function 16, words 0..1 (heartbeat 7, trigger 0) → echo of address and quantity
            assertThat(exchange(s, "00 02 00 00 00 0b 01 10 00 00 00 02 04 00 07 00 00"))
                    .isEqualTo("00 02 00 00 00 06 01 10 00 00 00 02");
            // reading them back
            assertThat(exchange(s, "00 03 00 00 00 06 01 03 00 00 00 02")).isEqualTo("00 03 00 00 00 07 01 03 04 00 07 00 00");
            // function 16 into the edge area → exception 2 (illegal data address)
            assertThat(exchange(s, "00 04 00 00 00 09 01 10 00 40 00 01 02 00 07")).isEqualTo("00 04 00 00 00 03 01 90 02");
            // function 6 into the PLC area is accepted and echoed
            assertThat(exchange(s, "00 05 00 00 00 06 01 06 00 00 00 08")).isEqualTo("00 05 00 00 00 06 01 06 00 00 00 08");
            // function 1 (coils) is not offered → exception 1
            assertThat(exchange(s, "00 06 00 00 00 06 01 01 00 00 00 01")).isEqualTo("00 06 00 00 00 03 01 81 01");
        }
    }

    @Test
    void aHeaderThatIsNotModbusTcpClosesTheConnection() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(HEX.parseHex("00 01 00 00 ff ff 01 03 00 00"));
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("closed by the edge").isEqualTo(-1);
        }
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void theLinkIsOnlineWhileAClientIsConnectedAndItsHeartbeatChanges() throws Exception {
        assertThat(link.problem()).isEqualTo("no Modbus client connected");
        try (Socket s = connect()) {
            await().until(() -> !"no Modbus client connected".equals(link.problem()));
            assertThat(link.problem()).isEqualTo("the PLC has not written its registers yet");
            exchange(s, "00 01 00 00 00 06 01 06 00 00 00 01");
            await().until(() -> link.problem() == null);
            // still reading, but the heartbeat word unchanged for three heartbeats (3 s here) → offline with the
            // reason (a connection without any request would be closed instead)
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200)).until(() -> {
                exchange(s, "00 02 00 00 00 06 01 03 00 41 00 01");
                return link.problem() != null;
            });
            assertThat(link.problem()).startsWith("the PLC heartbeat (register 0) has not changed for ");
        }
    }

    @Test
    void aFifthConnectionIsClosed() throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < ModbusServerPort.MAX_CONNECTIONS; i++) {
                Socket s = connect();
                open.add(s);
                assertThat(exchange(s, "00 01 00 00 00 06 01 03 00 41 00 01")).endsWith("02 00 02");
            }
            try (Socket fifth = connect()) {
                assertThat(fifth.getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
