package io.yima.vault;

/**
 * Life of one code on the line. Stored as the ordinal in {@code code.state} (AVAILABLE = 0 costs no bytes in a
 * SQLite record), so the order of the constants is part of the schema and must never change.
 */
public enum CodeState {
    AVAILABLE, RESERVED, SENT, BOUND, REJECTED, VOIDED,
    /**
     * Written by an import into a vault that already has codes and not yet published: never reserved, looked up
     * or counted. Publishing makes it AVAILABLE; a failed or interrupted import deletes it.
     */
    STAGED;

    /** Every state but STAGED: what stats and job reports count. */
    public static final java.util.List<CodeState> COUNTED = java.util.List.of(AVAILABLE, RESERVED, SENT, BOUND,
            REJECTED, VOIDED);

    private static final CodeState[] VALUES = values();

    /** The value in {@code code.state}; SQL is built with these, never with bare numbers. */
    public int stored() {
        return ordinal();
    }

    public static CodeState ofStored(int ordinal) {
        return VALUES[ordinal];
    }
}
