package io.yima.plc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

@ChannelHandler.Sharable
public final class PlcMessageEncoder extends MessageToByteEncoder<PlcMessage> {
    @Override
    protected void encode(ChannelHandlerContext ctx, PlcMessage msg, ByteBuf out) {
        out.writeCharSequence(msg.line(), StandardCharsets.US_ASCII);
        out.writeByte('\r').writeByte('\n');
    }
}
