package io.yima.line;

/**
 * A packing line's counts for the open job (OPC UA's Packing object, docs/opcua.md): cases packed and rejected,
 * items in the open case, pallets packed and rejected, packed cases waiting on the open pallet. Counted by the
 * line's case packing since the job opened; a job resumed after a restart counts its packed cases and pallets
 * from the vault, and its rejections from then on.
 */
public record PackingCounts(long casesPacked, long casesRejected, int openCaseItems, long palletsPacked,
                            long palletsRejected, int openPalletCases) {
    public static final PackingCounts NONE = new PackingCounts(0, 0, 0, 0, 0, 0);
}
