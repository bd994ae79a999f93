package io.yima.vault;

/**
 * Why a case (or pallet) was not packed, or a rework was refused. The line turns a refusal into a kick-out for
 * rework; the PLC protocols carry the name. Add values at the end, never rename (they cross module boundaries).
 */
public enum PackRefusal {
    /** Fewer children than the case is closed with. */
    MISSING,
    /** More children than the case is closed with. */
    EXTRA,
    /** A child is not a code of this vault, or belongs to another job. */
    FOREIGN,
    /** A child is already in a case (or the case already on a pallet). */
    ALREADY_PACKED,
    /** The same child read twice in one case. */
    DUPLICATE,
    /** The case label was not read (the line reports it; the vault refuses an empty case code the same way). */
    CASE_NO_READ,
    /** An item child is in this job but not BOUND (sent, rejected or voided: it never passed verification). */
    NOT_BOUND,
    /** A pallet child is a case of this job that is not PACKED (unpacked or voided). */
    NOT_PACKED,
    /** The case code was already used for a case (packed, unpacked or voided): a case code is never reused. */
    CASE_CODE_USED,
    /** The case code is not a code of this vault and job (WeChat), or not a valid SSCC-18. */
    CASE_CODE_FOREIGN,
    /** The case code is a WeChat code whose label was never sent, or was rejected or voided. */
    CASE_CODE_NOT_ISSUED,
    /** Rework: no packing unit has this code. */
    UNKNOWN_UNIT,
    /** Rework: the code is not a child of this unit. */
    NOT_A_CHILD,
    /** Rework: the case is on a pallet; unpack the pallet (or replace the case on it) first. */
    ON_PALLET,
    /** Rework from a line's PLC or OPC UA: the case or pallet belongs to a job of another line; rework it there. */
    OTHER_LINE
}
