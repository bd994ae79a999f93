package io.yima.sim.plc.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PLC as Modbus TCP server (edge in client mode), as an Inovance H5U with its D registers: the block lives in
 * the PLC's memory at holding registers {@code base} … {@code base}+166; the PLC program reads and writes it
 * directly, the edge polls it. Only the block's addresses exist.
 */
public final class ServerPort implements RegisterPort, ModbusServices {
    private final int base;
    private final int[] memory = new int[Block.SIZE];
    private final ModbusTcpServer server;
    private final java.util.concurrent.atomic.AtomicReference<io.netty.channel.Channel> listening =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicInteger edgeReads = new AtomicInteger();

    public ServerPort(String bind, int listenPort, int base) throws Exception {
        this.base = base;
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(c -> {
            c.bindAddress = bind;
            c.port = listenPort;
            c.bootstrapCustomizer = b -> b.handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void handlerAdded(ChannelHandlerContext ctx) {
                    listening.set(ctx.channel()); // the listening channel: its address tells the port asked as 0
                }
            });
        });
        server = ModbusTcpServer.create(transport, this);
        server.start();
    }

    /** The port the PLC listens on. */
    public int port() {
        io.netty.channel.Channel c = listening.get();
        return c == null ? -1 : ((InetSocketAddress) c.localAddress()).getPort();
    }

    /** Reads of the PLC area the edge has made (its polls). */
    public int edgeReads() {
        return edgeReads.get();
    }

    @Override
    public synchronized int[] read(int offset, int count) {
        int[] w = new int[count];
        System.arraycopy(memory, offset, w, 0, count);
        return w;
    }

    @Override
    public synchronized void write(int offset, int... words) {
        System.arraycopy(words, 0, memory, offset, words.length);
    }

    @Override
    public void drop() {
        // the PLC's own memory has no link to pull
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                                                             ReadHoldingRegistersRequest request)
            throws ModbusResponseException {
        int at = request.address() - base;
        if (at < 0 || at + request.quantity() > Block.SIZE) {
            throw new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        if (at == 0) {
            edgeReads.incrementAndGet();
        }
        int[] w = read(at, request.quantity());
        byte[] b = new byte[2 * w.length];
        for (int i = 0; i < w.length; i++) {
            b[2 * i] = (byte) (w[i] >> 8);
            b[2 * i + 1] = (byte) w[i];
        }
        return new ReadHoldingRegistersResponse(b);
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(ModbusRequestContext context, int unitId,
                                                                 WriteMultipleRegistersRequest request)
            throws ModbusResponseException {
        int at = request.address() - base;
        if (at < 0 || at + request.quantity() > Block.SIZE) {
            throw new ModbusResponseException(FunctionCode.WRITE_MULTIPLE_REGISTERS, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        int[] w = new int[request.quantity()];
        byte[] b = request.values();
        for (int i = 0; i < w.length; i++) {
            w[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        write(at, w);
        return new WriteMultipleRegistersResponse(request.address(), request.quantity());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}
