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

    /** Longest ~DG header (name and counts) looked for before its data. */
    static final int MAX_DG_HEADER = 200;

    private final ParserOutput out;
    private final StoredObjects stored;
    private byte[] buf = new byte[4096];
    private int len;
    private int pos;          // next byte to look at
    private int formatStart;  // in FORMAT: first byte after ^XA
    private State state = State.IDLE;
    private boolean inGarbage;

    ZplStreamParser(ParserOutput out) {
        this(out, new StoredObjects());
    }

    ZplStreamParser(ParserOutput out, StoredObjects stored) {
        this.out = out;
        this.stored = stored;
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
                    ZplFormat.interpret(text, end - formatStart + 6, out, stored);
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
                    case "DG" -> {
                        if (!downloadGraphic()) {
                            return false;
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

    /**
     * {@code ~DGd:name.GRF,t,w,data}: t bytes of graphic, w per row, as 2t hex digits. False while the command is
     * not all here yet; a malformed one is reported and skipped (its data then reads as bytes outside a format).
     */
    private boolean downloadGraphic() {
        int start = pos + 3;
        int[] commas = new int[3];
        int found = 0;
        for (int i = start; i < len && i - start < MAX_DG_HEADER && found < 3; i++) {
            if (buf[i] == ',') {
                commas[found++] = i;
            }
        }
        if (found < 3) {
            if (len - start < MAX_DG_HEADER) {
                return false;
            }
            out.error("~DG without name, total and bytes per row");
            pos += 3;
            return true;
        }
        String name = new String(buf, start, commas[0] - start, StandardCharsets.ISO_8859_1).trim().toUpperCase();
        int total;
        int perRow;
        try {
            total = Integer.parseInt(new String(buf, commas[0] + 1, commas[1] - commas[0] - 1,
                    StandardCharsets.ISO_8859_1).trim());
            perRow = Integer.parseInt(new String(buf, commas[1] + 1, commas[2] - commas[1] - 1,
                    StandardCharsets.ISO_8859_1).trim());
        } catch (NumberFormatException e) {
            out.error("~DG counts are not numbers");
            pos = commas[2] + 1;
            return true;
        }
        if (total <= 0 || perRow <= 0 || perRow > total || total > ZplGraphicField.MAX_BYTES) {
            out.error("~DG sizes out of range: total " + total + ", bytes per row " + perRow);
            pos = commas[2] + 1;
            return true;
        }
        int data = commas[2] + 1;
        if (len - data < 2 * total) {
            return false;
        }
        byte[] bits = new byte[total];
        for (int i = 0; i < total; i++) {
            int hi = Character.digit(buf[data + 2 * i], 16);
            int lo = Character.digit(buf[data + 2 * i + 1], 16);
            if (hi < 0 || lo < 0) {
                out.error("~DG " + name + ": data is not " + 2 * total + " hex digits");
                pos = data + 2 * i;
                return true;
            }
            bits[i] = (byte) (hi << 4 | lo);
        }
        pos = data + 2 * total;
        String refused = stored.putGraphic(name, bits, perRow);
        if (refused != null) {
            out.error("~DG " + name + ": " + refused);
        }
        return true;
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
