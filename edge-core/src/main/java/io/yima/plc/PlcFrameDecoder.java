package io.yima.plc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bytes → frames: one line ending LF (CR LF accepted), at most {@link #MAX_FRAME} bytes. An over-long frame is
 * skipped up to its terminator and surfaces as {@link #TOO_LONG} so the session can NAK it; the connection
 * and every other line stay up.
 */
public final class PlcFrameDecoder extends ByteToMessageDecoder {
    public static final int MAX_FRAME = 256;
    /** Marker emitted in place of a frame that exceeded {@link #MAX_FRAME}. */
    public static final Object TOO_LONG = new Object() {
        @Override
        public String toString() {
            return "TOO_LONG";
        }
    };

    private boolean discarding;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (discarding) {
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(lf + 1);
                discarding = false;
                out.add(TOO_LONG);
                continue;
            }
            if (lf < 0) {
                if (in.readableBytes() > MAX_FRAME + 1) {
                    in.skipBytes(in.readableBytes());
                    discarding = true;
                }
                return;
            }
            int length = lf - in.readerIndex();
            if (length > 0 && in.getByte(lf - 1) == '\r') {
                length--;
            }
            if (length > MAX_FRAME) {
                out.add(TOO_LONG);
            } else {
                out.add(in.toString(in.readerIndex(), length, StandardCharsets.ISO_8859_1));
            }
            in.readerIndex(lf + 1);
        }
    }
}
