package io.yima.vault;

import java.util.Arrays;

/**
 * How a matrix is found: the {@code code_matrix} index is an expression index on 3 bytes of the packed matrix
 * (cells 160..183, the middle rows, which carry data rather than finder patterns). Indexing bytes the row already
 * holds costs no extra column; the full 46 bytes are compared afterwards, so a shared key costs a row read, never a
 * wrong answer.
 */
public final class MatrixHash {
    /** Must match the expression of {@code code_matrix} in {@link Schema} exactly, or SQLite will not use it. */
    static final String KEY_EXPRESSION = "substr(matrix, 21, 3)";

    private MatrixHash() {
    }

    /** The index key of a packed matrix: what {@link #KEY_EXPRESSION} yields for it. */
    static byte[] key(byte[] packed) {
        return Arrays.copyOfRange(packed, 20, 23);
    }
}
