package io.yima.sim.printer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames a ZPL byte stream that may be split anywhere: collects {@code ^XA…^XZ} formats (handed to
 * {@link ZplFormat}) and acts on control commands between them ({@code ~HS}, {@code ~HQES}, {@code ~JA},
 * {@code ~PS}). A format longer than {@link #MAX_FORMAT} is discarded up to its {@code ^XZ}, so memory stays
 * bounded whatever arrives.
 */
final class ZplStreamParser implements StreamParser {
    static final int MAX_FORMAT = 1 << 20;

    private enum State { IDLE, FORMAT, DISCARD }

    private final ParserOutput out;
    private byte[] buf = new byte[4096];
    private int len;
    private int pos;          // next byte to look at
    private int formatStart;  // in FORMAT: first byte after ^XA
    private State state = State.IDLE;
    private boolean inGarbage;

    ZplStreamParser(ParserOutput out) {
        this.out = out;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, 64 * 1024);
            append(bytes, offset + done, n);
            done += n;
            process();
            compact();
        }
    }

    @Override
    public int buffered() {
        return len;
    }

    private void append(byte[] bytes, int offset, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        }
        System.arraycopy(bytes, offset, buf, len, n);
        len += n;
    }

    private void process() {
        while (true) {
            switch (state) {
                case IDLE -> {
                    if (!idle()) {
                        return;
                    }
                }
                case FORMAT -> {
                    int end = find(pos);
                    if (end < 0) {
                        pos = Math.max(formatStart, len - 2);
                        if (len - formatStart > MAX_FORMAT) {
                            out.error("format longer than " + MAX_FORMAT + " bytes discarded");
                            state = State.DISCARD;
                            formatStart = pos;
                        }
                        return;
                    }
                    String text = new String(buf, formatStart, end - formatStart, StandardCharsets.ISO_8859_1);
                    pos = end + 3;
                    state = State.IDLE;
                    ZplFormat.interpret(text, end - formatStart + 6, out);
                }
                case DISCARD -> {
                    int end = find(pos);
                    if (end < 0) {
                        pos = Math.max(pos, len - 2);
                        formatStart = pos;
                        return;
                    }
                    pos = end + 3;
                    state = State.IDLE;
                }
            }
        }
    }

    /** Handles bytes between formats; false when more bytes are needed. */
    private boolean idle() {
        while (pos < len) {
            byte b = buf[pos];
            if (b == '^') {
                if (len - pos < 3) {
                    return false;
                }
                if (upper(buf[pos + 1]) == 'X' && upper(buf[pos + 2]) == 'A') {
                    pos += 3;
                    formatStart = pos;
                    state = State.FORMAT;
                    inGarbage = false;
                    return true;
                }
                garbage("format command outside ^XA…^XZ");
                pos++;
            } else if (b == '~') {
                if (len - pos < 3) {
                    return false;
                }
                String cmd = "" + upper(buf[pos + 1]) + upper(buf[pos + 2]);
                switch (cmd) {
                    case "HS" -> {
                        out.query(StatusQuery.ZPL_HOST_STATUS);
                        pos += 3;
                    }
                    case "HQ" -> {
                        if (len - pos < 5) {
                            return false;
                        }
                        if (upper(buf[pos + 3]) == 'E' && upper(buf[pos + 4]) == 'S') {
                            out.query(StatusQuery.ZPL_HOST_QUERY_ES);
                            pos += 5;
                        } else {
                            out.error("~HQ query type not supported");
                            pos += 3;
                        }
                    }
                    case "JA", "PS", "PP" -> {
                        out.control(cmd);
                        pos += 3;
                    }
                    default -> {
                        out.error("unknown control command ~" + cmd);
                        pos += 3;
                    }
                }
                inGarbage = false;
            } else if (b == ' ' || b == '\r' || b == '\n' || b == '\t' || b == 0) {
                pos++;
            } else {
                garbage("bytes outside a format");
                pos++;
            }
        }
        return false;
    }

    private void garbage(String what) {
        if (!inGarbage) {
            out.error(what);
            inGarbage = true;
        }
    }

    /** Index of the next ^XZ at or after {@code from}, or -1. */
    private int find(int from) {
        for (int i = from; i + 2 < len; i++) {
            if (buf[i] == '^' && upper(buf[i + 1]) == 'X' && upper(buf[i + 2]) == 'Z') {
                return i;
            }
        }
        return -1;
    }

    private void compact() {
        int keep = state == State.IDLE ? pos : Math.min(pos, formatStart);
        if (state == State.DISCARD) {
            keep = pos;
        }
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, len - keep);
            len -= keep;
            pos -= keep;
            formatStart -= keep;
        }
        if (buf.length > 64 * 1024 && len < buf.length / 4) {
            buf = Arrays.copyOf(buf, Math.max(4096, len * 2));
        }
    }

    private static char upper(byte b) {
        return Character.toUpperCase((char) (b & 0xFF));
    }
}
