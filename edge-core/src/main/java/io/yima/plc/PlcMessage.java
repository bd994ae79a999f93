package io.yima.plc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** One outbound line (reply or event), fields already encoded; {@link PlcMessageEncoder} adds CR LF. */
public record PlcMessage(String line) {

    public static PlcMessage ack(long seq, String... data) {
        return new PlcMessage(join("ACK", Long.toString(seq), data));
    }

    /** The longest NAK detail sent, in characters before encoding: details may echo what the peer sent. */
    static final int MAX_DETAIL = 100;

    public static PlcMessage nak(long seq, String reason, String detail) {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 3) + "...";
        }
        return new PlcMessage(detail == null ? "NAK," + seq + "," + reason
                : "NAK," + seq + "," + reason + "," + encode(detail));
    }

    public static PlcMessage event(String kind, long ev, String... data) {
        return new PlcMessage(join(kind, Long.toString(ev), data));
    }

    private static String join(String head, String seq, String... data) {
        StringBuilder sb = new StringBuilder(head).append(',').append(seq);
        for (String d : data) {
            sb.append(',').append(d == null ? "" : encode(d));
        }
        return sb.toString();
    }

    /**
     * Percent-encodes what would break framing (comma, percent, controls, non-ASCII) and a space at either end of
     * the field (the decoder trims fields, so an unencoded edge space would be lost); the rest stays readable.
     */
    public static String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            boolean edgeSpace = c == ' ' && (i == 0 || i == bytes.length - 1);
            if (c < 0x20 || c > 0x7E || c == ',' || c == '%' || edgeSpace) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** Decodes a free-text field; a malformed escape is a field error, not an exception. */
    public static String decode(String field) {
        if (field.indexOf('%') < 0) {
            return field;
        }
        try {
            return URLDecoder.decode(field.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
