package io.yima.sim.plc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One frame of the PLC link (docs/plc-protocol.md): printable ASCII fields separated by {@code ,}, at most
 * 256 bytes, free text percent-encoded. This class is the codec; it knows nothing of the conversation.
 */
public record PlcFrame(List<String> fields) {
    public static final int MAX_LENGTH = 256;

    public PlcFrame {
        fields = List.copyOf(fields);
    }

    public static PlcFrame of(String... fields) {
        return new PlcFrame(Arrays.asList(fields));
    }

    /** Parses one line (terminator already removed); null when it is not a frame (empty, too long, not ASCII). */
    public static PlcFrame parse(String line) {
        if (line == null || line.isEmpty() || line.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
        }
        return new PlcFrame(Arrays.asList(line.split(",", -1)));
    }

    public String command() {
        return fields.get(0).toUpperCase();
    }

    /** The sequence (requests, replies) or event number (events); -1 when missing or not a number. */
    public long number() {
        if (fields.size() < 2) {
            return -1;
        }
        try {
            return Long.parseLong(fields.get(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Field {@code i} (0 = command), or "" when absent. */
    public String field(int i) {
        return i < fields.size() ? fields.get(i) : "";
    }

    public String encode() {
        return String.join(",", fields);
    }

    /** Percent-encodes free text (UTF-8) so it may hold commas, non-ASCII and '%'. */
    public static String text(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            if (v > 0x20 && v < 0x7F && v != ',' && v != '%') {
                sb.append((char) v);
            } else {
                sb.append('%').append(String.format("%02X", v));
            }
        }
        return sb.toString();
    }

    /** Decodes {@link #text}; malformed escapes are kept as they are. */
    public static String untext(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return encode();
    }
}
