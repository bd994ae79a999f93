package io.yima.sim.printer;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the body of {@code ^GFa,b,c,d,data} into packed rows: plain hex, ZPL run-length hex ({@code G}–{@code Y},
 * {@code g}–{@code z}, {@code ,}, {@code !}, {@code :}), and ZB64 ({@code :B64:} / {@code :Z64:} with the
 * CRC-16/XMODEM of the base64 text). Like a printer, it prints what it can: counts that do not match are
 * reported and the image padded or cut to the declared size; a bad CRC or an unsupported type skips the field.
 */
final class ZplGraphicField {
    /** Largest image accepted; a format is capped at 1 MB anyway. */
    static final int MAX_BYTES = 4 << 20;

    final byte[] bits;
    final int bytesPerRow;

    private ZplGraphicField(byte[] bits, int bytesPerRow) {
        this.bits = bits;
        this.bytesPerRow = bytesPerRow;
    }

    /** Parses the parameters after {@code ^GF}; returns null (and reports why) when the field is skipped. */
    static ZplGraphicField parse(String params, Consumer<String> error) {
        String[] head = new String[4];
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            int comma = params.indexOf(',', pos);
            if (comma < 0) {
                error.accept("^GF with fewer than 5 parameters");
                return null;
            }
            head[i] = params.substring(pos, comma).trim();
            pos = comma + 1;
        }
        // everything after the 4th comma is data: ZPL RLE uses ',' itself
        String data = params.substring(pos);
        String type = head[0].isEmpty() ? "A" : head[0].toUpperCase();
        int binaryCount;
        int total;
        int perRow;
        try {
            binaryCount = Integer.parseInt(head[1]);
            total = Integer.parseInt(head[2]);
            perRow = Integer.parseInt(head[3]);
        } catch (NumberFormatException e) {
            error.accept("^GF counts are not numbers: " + head[1] + "," + head[2] + "," + head[3]);
            return null;
        }
        if (total <= 0 || perRow <= 0 || total > MAX_BYTES || perRow > total) {
            error.accept("^GF sizes out of range: total " + total + ", bytes per row " + perRow);
            return null;
        }
        if (!type.equals("A")) {
            error.accept("^GF type " + type + " not supported by this emulator");
            return null;
        }
        if (binaryCount != total) {
            error.accept("^GFA byte count " + binaryCount + " differs from field count " + total);
        }
        byte[] bytes;
        String trimmed = data.stripLeading();
        if (trimmed.startsWith(":Z64:") || trimmed.startsWith(":B64:")) {
            bytes = decodeZb64(trimmed, total, error);
            if (bytes == null) {
                return null;
            }
        } else {
            bytes = decodeHex(data, total, perRow, error);
        }
        if (bytes.length != total) {
            error.accept("^GF data has " + bytes.length + " bytes, field count says " + total);
            bytes = java.util.Arrays.copyOf(bytes, total);
        }
        if (total % perRow != 0) {
            error.accept("^GF field count " + total + " is not a multiple of bytes per row " + perRow);
        }
        return new ZplGraphicField(bytes, perRow);
    }

    private static byte[] decodeZb64(String data, int expected, Consumer<String> error) {
        boolean z64 = data.startsWith(":Z64:");
        int end = data.indexOf(':', 5);
        if (end < 0 || data.length() < end + 5) {
            error.accept("ZB64 data without ':crc' trailer");
            return null;
        }
        String b64 = data.substring(5, end).replaceAll("[\\r\\n]", "");
        String crcText = data.substring(end + 1, end + 5);
        int crc;
        try {
            crc = Integer.parseInt(crcText, 16);
        } catch (NumberFormatException e) {
            error.accept("ZB64 CRC is not hex: " + crcText);
            return null;
        }
        if (Crc16Xmodem.of(b64) != crc) {
            error.accept(String.format("ZB64 CRC mismatch: got %s, computed %04X", crcText, Crc16Xmodem.of(b64)));
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            error.accept("ZB64 data is not base64");
            return null;
        }
        if (!z64) {
            return raw;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
            byte[] chunk = new byte[8192];
            while (!inflater.finished() && out.size() <= expected) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    error.accept("Z64 stream truncated");
                    break;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            error.accept("Z64 data is not a zlib stream");
            return null;
        } finally {
            inflater.end();
        }
    }

    /** ASCII hex with Zebra's run-length scheme, decoded row by row. */
    private static byte[] decodeHex(String data, int total, int perRow, Consumer<String> error) {
        byte[] out = new byte[total];
        int rowNibbles = perRow * 2;
        int nibble = 0; // nibbles written in total
        int repeat = 0;
        boolean badChar = false;
        for (int i = 0; i < data.length() && nibble < total * 2; i++) {
            char c = data.charAt(i);
            int v = Character.digit(c, 16);
            if (v >= 0) {
                int n = Math.max(1, repeat);
                repeat = 0;
                for (int k = 0; k < n && nibble < total * 2; k++) {
                    putNibble(out, nibble++, v);
                }
            } else if (c >= 'G' && c <= 'Y') {
                repeat += c - 'G' + 1;
            } else if (c >= 'g' && c <= 'z') {
                repeat += (c - 'g' + 1) * 20;
            } else if (c == ',' || c == '!') {
                int fill = c == '!' ? 0xF : 0;
                int rowEnd = (nibble / rowNibbles + 1) * rowNibbles;
                if (nibble % rowNibbles == 0 && c == ',') {
                    rowEnd = nibble + rowNibbles; // a ',' at row start is a whole blank row
                }
                while (nibble < rowEnd && nibble < total * 2) {
                    putNibble(out, nibble++, fill);
                }
                repeat = 0;
            } else if (c == ':') {
                int row = nibble / rowNibbles;
                int start = row * rowNibbles;
                if (row == 0) {
                    badChar = true;
                    continue;
                }
                nibble = start; // a partial row is overwritten by the repeat, as the printer does
                for (int k = 0; k < rowNibbles && nibble < total * 2; k++) {
                    putNibble(out, nibble++, getNibble(out, start - rowNibbles + k));
                }
                repeat = 0;
            } else if (!Character.isWhitespace(c)) {
                badChar = true;
            }
        }
        if (badChar) {
            error.accept("^GF hex data contains characters that are neither hex nor compression codes");
        }
        if (nibble < total * 2) {
            error.accept("^GF data has " + (nibble / 2) + " bytes, field count says " + total);
        }
        return out;
    }

    private static void putNibble(byte[] out, int index, int v) {
        int b = index >> 1;
        out[b] = (byte) ((index & 1) == 0 ? (out[b] & 0x0F) | (v << 4) : (out[b] & 0xF0) | v);
    }

    private static int getNibble(byte[] out, int index) {
        int b = out[index >> 1] & 0xFF;
        return (index & 1) == 0 ? b >> 4 : b & 0xF;
    }
}
