package io.yima.modbus;

import com.digitalpetri.modbus.tcp.ModbusTcpCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.yima.guard.PortGuard;
import java.util.List;

/**
 * The library's Modbus TCP framing with the peer bounded: an MBAP header must carry protocol id 0 and a length of
 * 2–254 (unit id + a PDU of at most 253 bytes, the Modbus limit). Anything else is not a Modbus client speaking
 * (or a corrupted stream): the connection is closed at once instead of buffering up to 64 KB per frame, counted
 * and logged at a bounded rate by the port's {@link PortGuard} (reason {@code not_modbus}).
 */
final class BoundedModbusTcpCodec extends ModbusTcpCodec {
    static final int MAX_LENGTH_FIELD = 254;

    private final PortGuard guard;

    BoundedModbusTcpCodec(PortGuard guard) {
        this.guard = guard;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() >= MBAP_TOTAL_LENGTH) {
            int protocol = in.getUnsignedShort(in.readerIndex() + 2);
            int length = in.getUnsignedShort(in.readerIndex() + MBAP_LENGTH_FIELD_OFFSET);
            if (protocol != 0 || length < 2 || length > MAX_LENGTH_FIELD) {
                in.skipBytes(in.readableBytes());
                guard.refuse(ctx.channel(), "not_modbus", "a header that is not Modbus TCP (protocol id " + protocol
                        + ", length " + length + ")");
                return;
            }
        }
        super.decode(ctx, in, out);
    }
}
