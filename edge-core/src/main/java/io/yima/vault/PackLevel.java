package io.yima.vault;

/** A packing level: items go into a CASE, cases onto a PALLET. Stored by name in {@code pack_unit.level}. */
public enum PackLevel {
    CASE, PALLET;

    /** The level of the children a unit of this level holds (null for items). */
    public PackLevel childLevel() {
        return this == PALLET ? CASE : null;
    }
}
