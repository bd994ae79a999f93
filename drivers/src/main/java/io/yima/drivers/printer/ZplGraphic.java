package io.yima.drivers.printer;

import java.util.Base64;
import java.util.zip.Deflater;

/**
 * The data part of a ZPL {@code ^GFA} field in its three forms (docs/device-protocols.md §1.4, §1.5): plain ASCII hex,
 * Zebra's run-length compressed hex, and {@code :Z64:} (zlib, base64, CRC-16/XMODEM of the base64 text).
 * Each method appends ASCII bytes to a {@link ByteSink}.
 */
final class ZplGraphic {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED));
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private ZplGraphic() {
    }

    static void hex(byte[] rows, ByteSink out) {
        out.ensure(rows.length * 2);
        for (byte b : rows) {
            out.put(HEX[(b >>> 4) & 0xF]);
            out.put(HEX[b & 0xF]);
        }
    }

    /**
     * Zebra's ASCII compression: {@code G..Y} = 1..19 and {@code g..z} = 20..400 repeat the next hex digit,
     * {@code ,} = rest of row 0, {@code !} = rest of row F, {@code :} = same row as the previous one.
     */
    static void rle(byte[] rows, int bytesPerRow, ByteSink out) {
        int chars = bytesPerRow * 2;
        byte[] line = new byte[chars];
        for (int y = 0, off = 0; off < rows.length; y++, off += bytesPerRow) {
            if (y > 0 && java.util.Arrays.equals(rows, off, off + bytesPerRow, rows, off - bytesPerRow, off)) {
                out.put((byte) ':');
                continue;
            }
            for (int i = 0; i < bytesPerRow; i++) {
                byte b = rows[off + i];
                line[2 * i] = HEX[(b >>> 4) & 0xF];
                line[2 * i + 1] = HEX[b & 0xF];
            }
            int i = 0;
            while (i < chars) {
                byte c = line[i];
                int j = i + 1;
                while (j < chars && line[j] == c) {
                    j++;
                }
                if (j == chars && (c == '0' || c == 'F')) {
                    out.put(c == '0' ? (byte) ',' : (byte) '!');
                } else {
                    repeat(j - i, c, out);
                }
                i = j;
            }
        }
    }

    /** A run of {@code n} copies of hex digit {@code c} in Zebra's count letters. */
    static void repeat(int n, byte c, ByteSink out) {
        if (n == 1) {
            out.put(c);
            return;
        }
        while (n > 400) {
            out.put((byte) 'z');
            n -= 400;
        }
        int high = n / 20;
        int low = n % 20;
        if (high > 0) {
            out.put((byte) ('g' + high - 1));
        }
        if (low > 0) {
            out.put((byte) ('G' + low - 1));
        }
        out.put(c);
    }

    static void z64(byte[] rows, ByteSink out) {
        Deflater deflater = DEFLATER.get();
        byte[] scratch = SCRATCH.get();
        deflater.reset();
        deflater.setInput(rows);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == scratch.length) {
                scratch = java.util.Arrays.copyOf(scratch, scratch.length * 2);
                SCRATCH.set(scratch);
            }
            n += deflater.deflate(scratch, n, scratch.length - n);
        }
        out.put(Z64_PREFIX);
        byte[] b64 = Base64.getEncoder().encode(java.util.Arrays.copyOf(scratch, n));
        out.put(b64);
        int crc = Crc16Xmodem.of(b64);
        out.put((byte) ':');
        out.put(HEX[(crc >>> 12) & 0xF]);
        out.put(HEX[(crc >>> 8) & 0xF]);
        out.put(HEX[(crc >>> 4) & 0xF]);
        out.put(HEX[crc & 0xF]);
    }

    private static final byte[] Z64_PREFIX = ":Z64:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
