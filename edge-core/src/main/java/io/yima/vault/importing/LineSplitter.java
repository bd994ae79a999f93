package io.yima.vault.importing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Cuts plaintext chunks into lines (LF or CRLF) and hands each to the {@link LineParser}. A line may not exceed
 * {@link #MAX_LINE} bytes, so a package without line breaks fails at once instead of filling memory.
 */
final class LineSplitter {
    /** A valid line is 361 + 1 + 9 + 1 + 8 + 1 + 28 = 409 bytes at most; leave room for odd whitespace. */
    static final int MAX_LINE = 1024;

    private final LineParser parser;
    private final String file;
    private final Consumer<ParsedCode> sink;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private int lineNo;
    private long codes;

    LineSplitter(String file, Consumer<ParsedCode> sink) {
        this.file = file;
        this.parser = new LineParser(file);
        this.sink = sink;
    }

    void accept(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int nl = newline(b, i, end);
            int piece = nl - i;
            if (length + piece > MAX_LINE) {
                throw new ImportException(file + " line " + (lineNo + 1) + ": line is longer than " + MAX_LINE
                        + " bytes (a code line is at most 409); not a code package or no line breaks");
            }
            if (nl == end) {
                // the line continues in the next chunk
                System.arraycopy(b, i, line, length, piece);
                length += piece;
                return;
            }
            if (length == 0) {
                emit(b, i, piece);
            } else {
                System.arraycopy(b, i, line, length, piece);
                int whole = length + piece;
                length = 0;
                emit(line, 0, whole);
            }
            i = nl + 1;
        }
    }

    private static final VarHandle EIGHT =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long NEWLINES = ONES * '\n';

    /** Index of the first LF in {@code b[from, to)}, or {@code to}; looks at eight bytes per step (lines are long). */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) EIGHT.get(b, i) ^ NEWLINES;
            long zero = (x - ONES) & ~x & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private void emit(byte[] b, int off, int len) {
        lineNo++;
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        if (len == 0) {
            throw new ImportException(file + " line " + lineNo + ": empty line");
        }
        sink.accept(parser.parse(b, off, len, lineNo));
        codes++;
    }

    /** Ends the file: a last line without a line break still counts. */
    long finish() {
        if (length > 0) {
            int whole = length;
            length = 0;
            emit(line, 0, whole);
        }
        if (codes == 0) {
            throw new ImportException(file + ": package contains no codes");
        }
        return codes;
    }
}
