package io.yima.plc;

import java.util.List;

/**
 * A decoded request frame. {@code invalid} requests carry the NAK reason instead of a command, so a bad frame
 * travels the pipeline like any other and is answered, never thrown.
 */
public record PlcRequest(Command command, long seq, List<String> args, String nakReason, String nakDetail) {

    public enum Command { HELLO, START, PRINT, STOP, CLOSE, STATUS, PING, ACK, CLOSE_CASE, CLOSE_PALLET,
        UNPACK, REPLACE, VOID_CASE, REPALLET }

    public static PlcRequest of(Command command, long seq, List<String> args) {
        return new PlcRequest(command, seq, List.copyOf(args), null, null);
    }

    public static PlcRequest invalid(long seq, String reason, String detail) {
        return new PlcRequest(null, seq, List.of(), reason, detail);
    }

    public boolean isValid() {
        return nakReason == null;
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }
}
