package io.yima.plc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Frame → {@link PlcRequest}. Never throws: garbage becomes an invalid request that the session NAKs. */
public final class PlcRequestDecoder extends MessageToMessageDecoder<Object> {

    @Override
    protected void decode(ChannelHandlerContext ctx, Object frame, List<Object> out) {
        out.add(decode(frame));
    }

    static PlcRequest decode(Object frame) {
        if (frame == PlcFrameDecoder.TOO_LONG) {
            return PlcRequest.invalid(0, "TOO_LONG", null);
        }
        String line = (String) frame;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return PlcRequest.invalid(0, "BAD_FRAME", "non-ASCII byte at column " + (i + 1));
            }
        }
        List<String> fields = split(line);
        if (fields.size() < 2 || fields.get(0).isEmpty()) {
            return PlcRequest.invalid(0, "BAD_FRAME", "expected COMMAND,seq");
        }
        long seq = parseSeq(fields.get(1));
        if (seq < 0) {
            String seqField = fields.get(1);
            return PlcRequest.invalid(0, "BAD_SEQ", seqField.length() <= 16 ? seqField : seqField.substring(0, 13) + "...");
        }
        PlcRequest.Command command;
        try {
            command = PlcRequest.Command.valueOf(fields.get(0).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return PlcRequest.invalid(seq, "UNKNOWN_COMMAND", null);
        }
        return PlcRequest.of(command, seq, fields.subList(2, fields.size()));
    }

    private static long parseSeq(String s) {
        if (s.isEmpty() || s.length() > 8) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v == 0 ? -1 : v;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                out.add(line.substring(start, i).trim());
                start = i + 1;
            }
        }
        return out;
    }
}
