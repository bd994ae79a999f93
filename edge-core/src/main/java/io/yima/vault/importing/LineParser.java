package io.yima.vault.importing;

import io.yima.drivers.symbol.Microcode;
import io.yima.vault.CodeKey;
import io.yima.vault.MatrixHash;
import io.yima.vault.UrlKey;
import java.nio.charset.StandardCharsets;

/**
 * Validates one plaintext line {@code matrix code index url} (fields separated by spaces or tabs, CR already
 * removed) and packs it. Errors name the file, the line and the field, e.g.
 * {@code codes_0002.b64 line 4711: matrix has 360 characters, expected 361}.
 */
final class LineParser {
    static final int URL_LENGTH = 28;
    static final int MAX_CODE_LENGTH = 9;

    private final String file;

    LineParser(String file) {
        this.file = file;
    }

    ParsedCode parse(byte[] b, int len, int lineNo) {
        int[] start = new int[5];
        int[] end = new int[5];
        int fields = 0;
        int i = 0;
        while (i < len) {
            while (i < len && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == len) {
                break;
            }
            int s = i;
            while (i < len && b[i] != ' ' && b[i] != '\t') {
                i++;
            }
            if (fields < 5) {
                start[fields] = s;
                end[fields] = i;
            }
            fields++;
        }
        if (fields != 4) {
            throw fail(lineNo, "expected 4 fields (matrix code index url), found " + fields);
        }
        byte[] matrix = matrix(b, start[0], end[0], lineNo);
        String code = code(b, start[1], end[1], lineNo);
        long index = index(b, start[2], end[2], lineNo);
        String url = url(b, start[3], end[3], lineNo);
        return new ParsedCode(index, code, UrlKey.encode(url), matrix, MatrixHash.of(matrix), file, lineNo);
    }

    private byte[] matrix(byte[] b, int s, int e, int lineNo) {
        if (e - s != Microcode.CELLS) {
            throw fail(lineNo, "matrix has " + (e - s) + " characters, expected " + Microcode.CELLS);
        }
        byte[] packed = new byte[Microcode.PACKED_BYTES];
        for (int i = 0; i < Microcode.CELLS; i++) {
            byte c = b[s + i];
            if (c == '1') {
                packed[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            } else if (c != '0') {
                throw fail(lineNo, "matrix has " + show(c) + " at position " + (i + 1) + ", expected 0 or 1");
            }
        }
        return packed;
    }

    private String code(byte[] b, int s, int e, int lineNo) {
        if (e - s > MAX_CODE_LENGTH) {
            throw fail(lineNo, "code has " + (e - s) + " characters, expected 1 to " + MAX_CODE_LENGTH);
        }
        for (int i = s; i < e; i++) {
            if (b[i] < 0x21 || b[i] > 0x7E) {
                throw fail(lineNo, "code has " + show(b[i]) + " at position " + (i - s + 1)
                        + ", expected a printable character");
            }
        }
        return new String(b, s, e - s, StandardCharsets.US_ASCII);
    }

    private long index(byte[] b, int s, int e, int lineNo) {
        long v = 0;
        if (e - s > 12) {
            throw fail(lineNo, "index " + text(b, s, e) + " is out of range 0.." + CodeKey.MAX_INDEX);
        }
        for (int i = s; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw fail(lineNo, "index " + text(b, s, e) + " is not a non-negative integer");
            }
            v = v * 10 + (b[i] - '0');
        }
        if (v > CodeKey.MAX_INDEX) {
            throw fail(lineNo, "index " + v + " is out of range 0.." + CodeKey.MAX_INDEX);
        }
        return v;
    }

    private String url(byte[] b, int s, int e, int lineNo) {
        if (e - s != URL_LENGTH) {
            throw fail(lineNo, "url has " + (e - s) + " characters, expected " + URL_LENGTH);
        }
        for (int i = s; i < e; i++) {
            if (b[i] < 0x21 || b[i] > 0x7E) {
                throw fail(lineNo, "url has " + show(b[i]) + " at position " + (i - s + 1)
                        + ", expected a printable character");
            }
        }
        return new String(b, s, e - s, StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b, int s, int e) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = s; i < Math.min(e, s + 20); i++) {
            sb.append(b[i] >= 0x20 && b[i] < 0x7F ? String.valueOf((char) b[i]) : String.format("\\x%02x", b[i] & 0xFF));
        }
        return sb.append(e - s > 20 ? "...'" : "'").toString();
    }

    private static String show(byte c) {
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02x", c & 0xFF);
    }

    ImportException fail(int lineNo, String what) {
        return new ImportException(file + " line " + lineNo + ": " + what);
    }
}
