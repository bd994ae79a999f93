package io.yima.vault;

/**
 * Life of one packing unit. PACKED holds its children; UNPACKED (rework) and VOIDED hold none. Neither way back to
 * PACKED exists: a case code is never reused. Stored by name in {@code pack_unit.state}.
 */
public enum PackState {
    PACKED, UNPACKED, VOIDED
}
