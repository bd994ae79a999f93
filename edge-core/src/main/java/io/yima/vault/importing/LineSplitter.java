package io.yima.vault.importing;

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
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                emit();
            } else {
                if (length == MAX_LINE) {
                    throw new ImportException(file + " line " + (lineNo + 1) + ": line is longer than " + MAX_LINE
                            + " bytes (a code line is at most 409); not a code package or no line breaks");
                }
                line[length++] = c;
            }
        }
    }

    private void emit() {
        lineNo++;
        int len = length;
        length = 0;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        if (len == 0) {
            throw new ImportException(file + " line " + lineNo + ": empty line");
        }
        sink.accept(parser.parse(line, len, lineNo));
        codes++;
    }

    /** Ends the file: a last line without a line break still counts. */
    long finish() {
        if (length > 0) {
            emit();
        }
        if (codes == 0) {
            throw new ImportException(file + ": package contains no codes");
        }
        return codes;
    }
}
