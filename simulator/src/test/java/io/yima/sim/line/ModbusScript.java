package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusExecutionException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A Modbus conversation as a script of request → expected response (PLC4X style), against the edge's register
 * block at holding register 0. Register offsets are docs/modbus.md's, written out here, not taken from the edge.
 */
final class ModbusScript implements AutoCloseable {
    private final ModbusTcpClient client;

    ModbusScript(int port) throws ModbusExecutionException {
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(c -> {
            c.hostname = "127.0.0.1";
            c.port = port;
            c.connectPersistent = false;
        });
        client = ModbusTcpClient.create(transport, c -> c.requestTimeout = Duration.ofSeconds(3));
        client.connect();
    }

    /** Function 16 → the echo of address and quantity. */
    ModbusScript write(int offset, int... words) throws Exception {
        WriteMultipleRegistersResponse r = client.writeMultipleRegisters(1,
                new WriteMultipleRegistersRequest(offset, words.length, bytes(words)));
        assertThat(r).isEqualTo(new WriteMultipleRegistersResponse(offset, words.length));
        return this;
    }

    /**
     * Function 16, repeated (as a PLC writes every cycle) while the edge answers exception 6: the block's writer is
     * still another connection, e.g. this client's previous one whose close the edge has not seen yet.
     */
    ModbusScript awaitWrite(int offset, int... words) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> writeOrException(offset, words) == 0);
        return this;
    }

    /** Function 16 → 0 when the edge took the words, else the exception code it answered. */
    int writeOrException(int offset, int... words) throws Exception {
        try {
            write(offset, words);
            return 0;
        } catch (ModbusResponseException e) {
            return e.getExceptionCode();
        }
    }

    /** Function 16 → a Modbus exception response with {@code exceptionCode}. */
    ModbusScript writeRefused(int offset, int count, int exceptionCode) {
        assertThatThrownBy(() -> client.writeMultipleRegisters(1,
                new WriteMultipleRegistersRequest(offset, count, new byte[2 * count])))
                .isInstanceOfSatisfying(ModbusResponseException.class,
                        e -> assertThat(e.getExceptionCode()).isEqualTo(exceptionCode));
        return this;
    }

    /** Function 3 → a Modbus exception response with {@code exceptionCode}. */
    ModbusScript readRefused(int offset, int count, int exceptionCode) {
        assertThatThrownBy(() -> client.readHoldingRegisters(1, new ReadHoldingRegistersRequest(offset, count)))
                .isInstanceOfSatisfying(ModbusResponseException.class,
                        e -> assertThat(e.getExceptionCode()).isEqualTo(exceptionCode));
        return this;
    }

    /** Function 3 → the registers. */
    int[] read(int offset, int count) throws Exception {
        byte[] b = client.readHoldingRegisters(1, new ReadHoldingRegistersRequest(offset, count)).registers();
        int[] w = new int[count];
        for (int i = 0; i < count; i++) {
            w[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        return w;
    }

    /** Function 3, repeated (as a PLC polls) until the registers read {@code expected}. */
    ModbusScript awaitRead(int offset, int... expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(read(offset, expected.length)).as("registers %d..", offset)
                        .containsExactly(expected));
        return this;
    }

    String text(int offset) throws Exception {
        int[] w = read(offset, 16);
        byte[] b = new byte[32];
        int n = 0;
        for (int i = 0; i < 32 && ((w[i / 2] >> (i % 2 == 0 ? 8 : 0)) & 0xFF) != 0; i++) {
            b[n++] = (byte) (w[i / 2] >> (i % 2 == 0 ? 8 : 0));
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    static int[] text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int[] w = new int[16];
        for (int i = 0; i < b.length; i++) {
            w[i / 2] |= (b[i] & 0xFF) << (i % 2 == 0 ? 8 : 0);
        }
        return w;
    }

    static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static byte[] bytes(int[] words) {
        byte[] b = new byte[2 * words.length];
        for (int i = 0; i < words.length; i++) {
            b[2 * i] = (byte) (words[i] >> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return b;
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
    }
}
