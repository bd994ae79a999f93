package io.yima.vault.importing;

import io.yima.drivers.symbol.Microcode;
import io.yima.vault.CodeKey;
import io.yima.vault.UrlKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    ParsedCode parse(byte[] b, int off, int len, int lineNo) {
        int[] start = new int[5];
        int[] end = new int[5];
        int fields = 0;
        int i = off;
        int stop = off + len;
        byte[] packed = null;
        if (len > Microcode.CELLS && isSeparator(b[off + Microcode.CELLS])) {
            // The usual line: a matrix of 0s and 1s (so no whitespace in it) at the start. Packing it validates it
            // and spares scanning its 361 bytes for separators; any other line takes the general path below.
            packed = pack(b, off);
            if (packed != null) {
                start[0] = off;
                end[0] = off + Microcode.CELLS;
                fields = 1;
                i = end[0];
            }
        }
        while (i < stop) {
            while (i < stop && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == stop) {
                break;
            }
            int s = i;
            while (i < stop && b[i] != ' ' && b[i] != '\t') {
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
        byte[] matrix = packed != null ? packed : matrix(b, start[0], end[0], lineNo);
        String code = code(b, start[1], end[1], lineNo);
        long index = index(b, start[2], end[2], lineNo);
        String url = url(b, start[3], end[3], lineNo);
        return new ParsedCode(index, code, UrlKey.encode(url), matrix, file, lineNo);
    }

    private static boolean isSeparator(byte c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Packs the 361 cells at {@code s}, or returns null if any is not '0' or '1'. Eight cells at a time as one
     * long: branch-free (the cells are random, so a branch per cell would mispredict half the time), and the
     * multiply gathers the eight low bits into one byte, first cell in the high bit.
     */
    static byte[] pack(byte[] b, int s) {
        byte[] packed = new byte[Microcode.PACKED_BYTES];
        long bad = 0;
        for (int out = 0; out < Microcode.PACKED_BYTES - 1; out++) {
            long x = (long) EIGHT.get(b, s + out * 8);
            bad |= (x & 0xFEFEFEFEFEFEFEFEL) ^ 0x3030303030303030L;
            packed[out] = (byte) (((x & 0x0101010101010101L) * 0x8040201008040201L) >>> 56);
        }
        int c = b[s + Microcode.CELLS - 1];
        bad |= (c & 0xFE) ^ '0';
        packed[Microcode.PACKED_BYTES - 1] = (byte) ((c & 1) << 7);
        return bad == 0 ? packed : null;
    }

    private static final VarHandle EIGHT =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] matrix(byte[] b, int s, int e, int lineNo) {
        if (e - s != Microcode.CELLS) {
            throw fail(lineNo, "matrix has " + (e - s) + " characters, expected " + Microcode.CELLS);
        }
        byte[] packed = pack(b, s);
        if (packed == null) {
            for (int k = 0; k < Microcode.CELLS; k++) {
                byte x = b[s + k];
                if (x != '0' && x != '1') {
                    throw fail(lineNo, "matrix has " + show(x) + " at position " + (k + 1) + ", expected 0 or 1");
                }
            }
        }
        return packed;
    }

    private String code(byte[] b, int s, int e, int lineNo) {
        if (e - s > MAX_CODE_LENGTH) {
            throw fail(lineNo, "code has " + (e - s) + " characters, expected 1 to " + MAX_CODE_LENGTH);
        }
        return printable("code", b, s, e, lineNo);
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
        return printable("url", b, s, e, lineNo);
    }

    private String printable(String field, byte[] b, int s, int e, int lineNo) {
        for (int i = s; i < e; i++) {
            if (b[i] < 0x21 || b[i] > 0x7E) {
                throw fail(lineNo, field + " has " + show(b[i]) + " at position " + (i - s + 1)
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
