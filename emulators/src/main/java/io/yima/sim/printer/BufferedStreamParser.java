package io.yima.sim.printer;

import java.util.Arrays;

/**
 * The buffering the ESC/POS and TSPL parsers share: bytes are appended as they arrive (at most 64 KiB at a time),
 * {@link #parse} acts on the complete commands at the buffer's start, and what it consumed leaves the buffer. A
 * command whose declared size is beyond the parser's cap sets {@link #skip}: that many bytes are thrown away, the
 * part already buffered first, the rest as it arrives, so memory stays bounded whatever a peer sends.
 */
abstract class BufferedStreamParser implements StreamParser {
    byte[] buf = new byte[4096];
    /** Bytes buffered from the start of {@link #buf}. */
    int len;
    /** Bytes of an oversized command still to throw away; set by {@link #parse}. */
    long skip;

    /** Acts on complete commands from the buffer's start; returns the bytes consumed. */
    abstract int parse();

    /** {@code n} bytes of an oversized command were thrown away unparsed. */
    abstract void skipped(long n);

    /** {@code n} bytes were consumed by {@link #parse} (after it returned). */
    void parsed(int n) {
    }

    @Override
    public final int buffered() {
        return len;
    }

    @Override
    public final void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (skip > 0) {
                int n = (int) Math.min(skip, end - i);
                skip -= n;
                skipped(n);
                i += n;
                continue;
            }
            int n = Math.min(end - i, 64 * 1024);
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
            }
            System.arraycopy(bytes, i, buf, len, n);
            len += n;
            i += n;
            consume(parse());
            if (skip > 0 && len > 0) {
                int k = (int) Math.min(skip, len); // the oversized command's tail is already in the buffer
                skip -= k;
                skipped(k);
                drop(k);
                consume(parse());
            }
            if (buf.length > 256 * 1024 && len < buf.length / 4) {
                buf = Arrays.copyOf(buf, Math.max(4096, len * 2));
            }
        }
    }

    private void consume(int n) {
        drop(n);
        parsed(n);
    }

    private void drop(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }
}
