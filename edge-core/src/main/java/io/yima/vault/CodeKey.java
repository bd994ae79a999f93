package io.yima.vault;

/**
 * The row key of {@code code}: {@code (application slot << 25) | index}. WeChat caps an application at 20,000,000
 * codes, below 2^25, so one 64-bit rowid replaces a two-column primary key and its separate unique index (about
 * 17 MB per million codes); {@code idx} is a virtual column derived from it. Range queries on one application's
 * indexes become rowid ranges: use {@link #of} for {@code id BETWEEN ? AND ?}.
 */
public final class CodeKey {
    public static final int INDEX_BITS = 25;
    public static final long MAX_INDEX = (1L << INDEX_BITS) - 1;

    private CodeKey() {
    }

    public static long of(long slot, long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("index " + index + " is outside 0.." + MAX_INDEX);
        }
        return (slot << INDEX_BITS) | index;
    }

    public static long index(long key) {
        return key & MAX_INDEX;
    }
}
