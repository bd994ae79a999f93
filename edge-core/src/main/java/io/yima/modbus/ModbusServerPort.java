package io.yima.modbus;

import static io.yima.modbus.RegisterMap.*;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadWriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadWriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server mode: the edge is the Modbus TCP server of one line's register block at address 0, the PLC its client.
 * The PLC may write only the PLC area; reads may span the whole block. Requests are answered from memory at once
 * (a write's Modbus reply confirms the registers, not the trigger: the trigger's answer is its echo, written after
 * the commit). At most {@link #MAX_CONNECTIONS} PLC connections at a time.
 */
final class ModbusServerPort implements ModbusLink, ModbusServices {
    private static final Logger log = LoggerFactory.getLogger(ModbusServerPort.class);
    static final int MAX_CONNECTIONS = 4;

    private final ModbusHandshake handshake;
    private final String lineId;
    private final int[] plcArea = new int[PLC_AREA_SIZE];
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicReference<Channel> listening = new AtomicReference<>();
    private ModbusTcpServer server;

    private ModbusServerPort(ModbusHandshake handshake, String lineId) {
        this.handshake = handshake;
        this.lineId = lineId;
    }

    static ModbusServerPort start(LineConfig.Modbus config, ModbusHandshake handshake, EventLoopGroup io,
                                  String lineId) throws InterruptedException {
        ModbusServerPort port = new ModbusServerPort(handshake, lineId);
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(c -> {
            c.bindAddress = config.bindOrDefault();
            c.port = config.portOrDefault();
            c.eventLoopGroup = io;
            c.bootstrapCustomizer = b -> b.handler(port.listenerWatch());
            c.pipelineCustomizer = p -> {
                p.addFirst("connections", port.connectionGuard());
                p.replace(com.digitalpetri.modbus.tcp.ModbusTcpCodec.class, "codec", new BoundedModbusTcpCodec(lineId));
            };
        });
        port.server = ModbusTcpServer.create(transport, port);
        try {
            port.server.start();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot listen on " + config.bindOrDefault() + ":"
                    + config.portOrDefault() + ": " + cause.getMessage(), cause);
        }
        log.info("line {}: Modbus server on {}:{}", lineId, config.bindOrDefault(), port.port());
        return port;
    }

    private ChannelHandler listenerWatch() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                listening.set(ctx.channel());
            }
        };
    }

    private ChannelHandler connectionGuard() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                    log.warn("line {}: Modbus connection from {} refused: {} connections already", lineId,
                            ctx.channel().remoteAddress(), MAX_CONNECTIONS);
                    ctx.close();
                    return;
                }
                log.info("line {}: Modbus client connected from {}", lineId, ctx.channel().remoteAddress());
                super.channelActive(ctx);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                connections.decrementAndGet();
                super.channelInactive(ctx);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                log.warn("line {}: Modbus link error: {}", lineId, cause.toString());
                ctx.close();
            }
        };
    }

    @Override
    public String problem() {
        if (connections.get() <= 0) {
            return "no Modbus client connected";
        }
        return handshake.plcSilence();
    }

    @Override
    public int port() {
        Channel c = listening.get();
        return c == null ? -1 : ((InetSocketAddress) c.localAddress()).getPort();
    }

    // ---- Modbus services (called one at a time on the library's executor; never block, never the vault) ------

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                                                             ReadHoldingRegistersRequest request)
            throws ModbusResponseException {
        return new ReadHoldingRegistersResponse(read(FunctionCode.READ_HOLDING_REGISTERS, request.address(),
                request.quantity()));
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(ModbusRequestContext context, int unitId,
                                                                 WriteMultipleRegistersRequest request)
            throws ModbusResponseException {
        write(FunctionCode.WRITE_MULTIPLE_REGISTERS, request.address(), request.quantity(), request.values());
        return new WriteMultipleRegistersResponse(request.address(), request.quantity());
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(ModbusRequestContext context, int unitId,
                                                           WriteSingleRegisterRequest request)
            throws ModbusResponseException {
        int v = request.value() & 0xFFFF;
        write(FunctionCode.WRITE_SINGLE_REGISTER, request.address(), 1, new byte[] {(byte) (v >> 8), (byte) v});
        return new WriteSingleRegisterResponse(request.address(), request.value());
    }

    @Override
    public ReadWriteMultipleRegistersResponse readWriteMultipleRegisters(ModbusRequestContext context, int unitId,
                                                                         ReadWriteMultipleRegistersRequest request)
            throws ModbusResponseException {
        // the write is performed before the read (Modbus application protocol, function 23)
        write(FunctionCode.READ_WRITE_MULTIPLE_REGISTERS, request.writeAddress(), request.writeQuantity(),
                request.values());
        return new ReadWriteMultipleRegistersResponse(read(FunctionCode.READ_WRITE_MULTIPLE_REGISTERS,
                request.readAddress(), request.readQuantity()));
    }

    private byte[] read(FunctionCode fc, int address, int quantity) throws ModbusResponseException {
        if (quantity < 1 || quantity > 125) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        if (address < 0 || address + quantity > SIZE) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        int[] edge = handshake.edgeArea();
        byte[] out = new byte[2 * quantity];
        synchronized (plcArea) {
            for (int i = 0; i < quantity; i++) {
                int a = address + i;
                int v = a < PLC_AREA_SIZE ? plcArea[a] : a >= EDGE_AREA ? edge[a - EDGE_AREA] : 0;
                out[2 * i] = (byte) (v >> 8);
                out[2 * i + 1] = (byte) v;
            }
        }
        return out;
    }

    /** Writes into the PLC area only: the edge area and the reserved words are the edge's. */
    private void write(FunctionCode fc, int address, int quantity, byte[] values) throws ModbusResponseException {
        if (quantity < 1 || quantity > 123 || values == null || values.length != 2 * quantity) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        if (address < 0 || address + quantity > PLC_AREA_SIZE) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        int[] copy;
        synchronized (plcArea) {
            for (int i = 0; i < quantity; i++) {
                plcArea[address + i] = (values[2 * i] & 0xFF) << 8 | values[2 * i + 1] & 0xFF;
            }
            copy = plcArea.clone();
        }
        handshake.plcWrote(copy);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (ExecutionException e) {
            log.warn("line {}: stopping the Modbus server: {}", lineId, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handshake.close();
    }
}
