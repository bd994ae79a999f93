package io.yima.vault;

import java.util.zip.CRC32;

/**
 * The indexed 24-bit hash of a packed matrix. A microcode reader's 361 bits resolve through it in O(log n); the
 * full 46 bytes are compared afterwards, so collisions cost a row read, never a wrong answer. 24 bits keep the
 * value in SQLite's 3-byte integer form, row and index alike.
 */
public final class MatrixHash {
    private MatrixHash() {
    }

    public static int of(byte[] packed) {
        CRC32 crc = new CRC32();
        crc.update(packed);
        return ((int) crc.getValue() << 8) >> 8;
    }
}
