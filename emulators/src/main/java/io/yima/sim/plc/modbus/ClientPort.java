package io.yima.sim.plc.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.io.IOException;
import java.time.Duration;

/** The PLC as Modbus TCP client of the edge (edge in server mode), as an S7-1200 with MB_CLIENT would be. */
public final class ClientPort implements RegisterPort {
    private final ModbusTcpClient client;
    private final int unit;

    public ClientPort(String host, int port, int unit) {
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(c -> {
            c.hostname = host;
            c.port = port;
            c.connectTimeout = Duration.ofSeconds(2);
            c.connectPersistent = false;
        });
        this.client = ModbusTcpClient.create(transport, c -> c.requestTimeout = Duration.ofSeconds(2));
        this.unit = unit;
    }

    private void connected() throws IOException {
        if (!client.isConnected()) {
            try {
                client.connect();
            } catch (Exception e) {
                throw new IOException("connect: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public int[] read(int offset, int count) throws IOException {
        connected();
        try {
            byte[] b = client.readHoldingRegisters(unit, new ReadHoldingRegistersRequest(offset, count)).registers();
            int[] w = new int[count];
            for (int i = 0; i < count; i++) {
                w[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
            }
            return w;
        } catch (Exception e) {
            drop();
            throw new IOException("read " + offset + "+" + count + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(int offset, int... words) throws IOException {
        connected();
        byte[] b = new byte[2 * words.length];
        for (int i = 0; i < words.length; i++) {
            b[2 * i] = (byte) (words[i] >> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        try {
            client.writeMultipleRegisters(unit, new WriteMultipleRegistersRequest(offset, words.length, b));
        } catch (Exception e) {
            drop();
            throw new IOException("write " + offset + "+" + words.length + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void drop() {
        try {
            client.disconnect();
        } catch (Exception ignored) {
            // already down
        }
    }

    @Override
    public void close() {
        drop();
    }
}
