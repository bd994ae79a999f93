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
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.yima.config.LineConfig;
import io.yima.guard.AddressAllowList;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalCounters;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server mode: the edge is the Modbus TCP server of one line's register block at address 0, the PLC its client.
 * The PLC may write only the PLC area; reads may span the whole block. Requests are answered from memory at once
 * (a write's Modbus reply confirms the registers, not the trigger: the trigger's answer is its echo, written after
 * the commit). The port's peers are kept like the ASCII PLC port's ({@link ModbusPeers}): at most
 * {@link #MAX_CONNECTIONS} connections, a connection without a request for three heartbeats is closed, the same
 * host's reconnect replaces its silent connections, and one connection writes the PLC area. Refusals are counted in
 * the metrics under the port {@code modbus:<line>} and logged at a bounded rate.
 */
final class ModbusServerPort implements ModbusLink, ModbusServices {
    private static final Logger log = LoggerFactory.getLogger(ModbusServerPort.class);
    static final int MAX_CONNECTIONS = 4;

    private final ModbusHandshake handshake;
    private final String lineId;
    private final int[] plcArea = new int[PLC_AREA_SIZE];
    private final AtomicReference<Channel> listening = new AtomicReference<>();
    private final PortGuard guard;
    private final ModbusPeers peers;
    private ModbusTcpServer server;

    private ModbusServerPort(ModbusHandshake handshake, String lineId, PortGuard guard, ModbusPeers peers) {
        this.handshake = handshake;
        this.lineId = lineId;
        this.guard = guard;
        this.peers = peers;
    }

    static ModbusServerPort start(LineConfig.Modbus config, ModbusHandshake handshake, EventLoopGroup io,
                                  String lineId, RefusalCounters counters) throws InterruptedException {
        PortGuard guard = new PortGuard("modbus:" + lineId, "line " + lineId + " Modbus port", MAX_CONNECTIONS,
                AddressAllowList.everyone(), counters, io);
        ModbusPeers peers = new ModbusPeers(lineId, MAX_CONNECTIONS, config.heartbeat(),
                config.takeover(), guard);
        ModbusServerPort port = new ModbusServerPort(handshake, lineId, guard, peers);
        long silence = 3 * config.heartbeat().toMillis();
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(c -> {
            c.bindAddress = config.bind();
            c.port = config.port();
            c.eventLoopGroup = io;
            c.bootstrapCustomizer = b -> b.handler(port.listenerWatch());
            c.pipelineCustomizer = p -> {
                p.addFirst("connections", port.connectionGuard());
                p.replace(com.digitalpetri.modbus.tcp.ModbusTcpCodec.class, "codec", new BoundedModbusTcpCodec(guard));
                // after the codec: only whole requests are life, a byte trickle is silence
                p.addAfter("codec", "idle", new IdleStateHandler(silence, 0, 0, TimeUnit.MILLISECONDS));
                p.addAfter("idle", "life", port.lifeWatch());
            };
        });
        port.server = new GuardedModbusTcpServer(transport, port, port::refusedRequest);
        try {
            port.server.start();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot listen on " + config.bind() + ":"
                    + config.port() + ": " + cause.getMessage(), cause);
        }
        log.info("line {}: Modbus server on {}:{}", lineId, config.bind(), port.port());
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
                if (!peers.admit(ctx.channel())) {
                    return;
                }
                super.channelActive(ctx);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // a reset by the peer, say: closed, counted and logged at a bounded rate, without a stack trace
                guard.refuse(ctx.channel(), "link_error", String.valueOf(cause.getMessage()));
            }
        };
    }

    /** Marks each whole request as life and closes a connection silent for three heartbeats. */
    private ChannelHandler lifeWatch() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                peers.heard(ctx.channel());
                ctx.fireChannelRead(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
                    peers.silent(ctx.channel());
                    return;
                }
                super.userEventTriggered(ctx, evt);
            }
        };
    }

    private void refusedRequest(ModbusRequestContext.ModbusTcpRequestContext context, String reason, String detail) {
        Channel ch = peers.channel(context.remoteAddress());
        if (ch != null) {
            guard.refusedRequest(ch, reason, detail);
        }
    }

    @Override
    public String problem() {
        if (peers.size() <= 0) {
            return "no Modbus client connected";
        }
        return handshake.plcSilence();
    }

    /** Connections the port holds now. */
    int connections() {
        return peers.size();
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
        write(context, unitId, FunctionCode.WRITE_MULTIPLE_REGISTERS, request.address(), request.quantity(),
                request.values());
        return new WriteMultipleRegistersResponse(request.address(), request.quantity());
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(ModbusRequestContext context, int unitId,
                                                           WriteSingleRegisterRequest request)
            throws ModbusResponseException {
        int v = request.value() & 0xFFFF;
        write(context, unitId, FunctionCode.WRITE_SINGLE_REGISTER, request.address(), 1,
                new byte[] {(byte) (v >> 8), (byte) v});
        return new WriteSingleRegisterResponse(request.address(), request.value());
    }

    @Override
    public ReadWriteMultipleRegistersResponse readWriteMultipleRegisters(ModbusRequestContext context, int unitId,
                                                                         ReadWriteMultipleRegistersRequest request)
            throws ModbusResponseException {
        // the write is performed before the read (Modbus application protocol, function 23)
        write(context, unitId, FunctionCode.READ_WRITE_MULTIPLE_REGISTERS, request.writeAddress(),
                request.writeQuantity(), request.values());
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

    /**
     * Writes into the PLC area only: the edge area and the reserved words are the edge's. Only the writer's
     * connection may write ({@link ModbusPeers#claimWrite}); another connection's write, from the same host or
     * not, is refused with exception 6 (server device busy) and changes nothing, so its trigger can never be
     * answered with the writer's item.
     */
    private void write(ModbusRequestContext context, int unitId, FunctionCode fc, int address, int quantity,
                       byte[] values)
            throws ModbusResponseException {
        if (quantity < 1 || quantity > 123 || values == null || values.length != 2 * quantity) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        if (address < 0 || address + quantity > PLC_AREA_SIZE) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        SocketAddress remote = ((ModbusRequestContext.ModbusTcpRequestContext) context).remoteAddress();
        String held = peers.claimWrite(remote);
        if (held != null) {
            refusedRequest((ModbusRequestContext.ModbusTcpRequestContext) context, "in_use", held
                    + "; answered exception 6");
            throw new ModbusResponseException(fc, ExceptionCode.SLAVE_DEVICE_BUSY);
        }
        int[] copy;
        synchronized (plcArea) {
            for (int i = 0; i < quantity; i++) {
                plcArea[address + i] = (values[2 * i] & 0xFF) << 8 | values[2 * i + 1] & 0xFF;
            }
            copy = plcArea.clone();
        }
        handshake.plcWrote(copy, "modbus " + PortGuard.peer(remote) + " unit " + unitId);
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
