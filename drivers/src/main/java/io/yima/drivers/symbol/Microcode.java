package io.yima.drivers.symbol;

import java.util.Arrays;

/**
 * Tencent's 19×19 microcode matrix: 361 cells read row by row, {@code 1} = black.
 *
 * <p>The canonical external form is the 361-character {@code 0/1} string of the download package; the stored
 * form is 46 bytes, bit {@code i} (row-major) at byte {@code i / 8}, most significant bit first, the last 7
 * bits zero. Both the vault (storage, lookup) and the renderers use this one type so the bit order can never
 * disagree between them.
 */
public final class Microcode {
    public static final int SIZE = 19;
    public static final int CELLS = SIZE * SIZE;
    public static final int PACKED_BYTES = (CELLS + 7) / 8;

    private final byte[] packed;

    private Microcode(byte[] packed) {
        this.packed = packed;
    }

    /** Parses the package's 361-character form; the message names what is wrong. */
    public static Microcode fromBits(CharSequence bits) {
        if (bits.length() != CELLS) {
            throw new IllegalArgumentException(
                    "matrix has " + bits.length() + " characters, expected " + CELLS);
        }
        byte[] packed = new byte[PACKED_BYTES];
        for (int i = 0; i < CELLS; i++) {
            char c = bits.charAt(i);
            if (c == '1') {
                packed[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            } else if (c != '0') {
                throw new IllegalArgumentException(
                        "matrix has '" + printable(c) + "' at position " + (i + 1) + ", expected 0 or 1");
            }
        }
        return new Microcode(packed);
    }

    public static Microcode fromPacked(byte[] packed) {
        if (packed.length != PACKED_BYTES) {
            throw new IllegalArgumentException("packed matrix has " + packed.length + " bytes, expected " + PACKED_BYTES);
        }
        if ((packed[PACKED_BYTES - 1] & 0x7F) != 0) {
            throw new IllegalArgumentException("packed matrix has bits set past cell " + CELLS);
        }
        return new Microcode(packed.clone());
    }

    /** True when the cell at (row, column) is black. */
    public boolean isBlack(int row, int column) {
        int i = row * SIZE + column;
        return (packed[i >>> 3] & (0x80 >>> (i & 7))) != 0;
    }

    public byte[] packed() {
        return packed.clone();
    }

    public String bits() {
        StringBuilder sb = new StringBuilder(CELLS);
        for (int i = 0; i < CELLS; i++) {
            sb.append((packed[i >>> 3] & (0x80 >>> (i & 7))) != 0 ? '1' : '0');
        }
        return sb.toString();
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Microcode m && Arrays.equals(packed, m.packed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(packed);
    }

    @Override
    public String toString() {
        return "Microcode[" + bits() + "]";
    }
}
