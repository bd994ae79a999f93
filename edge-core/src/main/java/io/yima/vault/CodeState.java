package io.yima.vault;

import java.util.List;

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
    public static final List<CodeState> COUNTED = List.of(AVAILABLE, RESERVED, SENT, BOUND,
            REJECTED, VOIDED);

    private static final CodeState[] VALUES = values();

    /**
     * The value in {@code code.state}. Every SQL string in edge-core (queries, triggers, partial indexes, views)
     * takes its state numbers from here, never from bare literals; a partial index and the query that must use it
     * are built from the same constants, so they match word for word.
     */
    public int stored() {
        return ordinal();
    }

    public static CodeState ofStored(int ordinal) {
        return VALUES[ordinal];
    }
}
