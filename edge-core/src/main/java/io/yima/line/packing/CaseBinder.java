package io.yima.line.packing;

import io.yima.line.CaseRejectReason;
import java.util.List;
import java.util.Optional;

/**
 * The vault's side of packing, as the line uses it. Both calls commit before they return (they run on the line's
 * thread, never on a Netty event loop), so a case label is printed only with its code on disk, and a case counts
 * as packed only once its children are.
 */
public interface CaseBinder {
    /** How many cases of the job the vault holds (packed, unpacked or voided): case numbering continues above. */
    long casesPacked(String jobId);

    /** Reserves the next case code of the job's case codes; committed before the case label's bytes leave. */
    CaseCode reserve(String jobId);

    /**
     * Packs {@code children} (item codes as read, or as the vault names them) into the case in one transaction,
     * checking there are exactly {@code expected}; empty when packed, else why nothing was.
     */
    Optional<CaseRejectReason> pack(String jobId, CaseCode caseCode, int expected, List<String> children);

    /** Reserves the next pallet SSCC; committed before the pallet label's bytes leave. */
    CaseCode reservePallet(String jobId);

    /** Packs {@code cases} (case codes as the vault names them) onto the pallet in one transaction. */
    Optional<CaseRejectReason> packPallet(String jobId, CaseCode pallet, List<String> cases);

    /** How many pallets of the job the vault holds: pallet numbering continues above. */
    long palletsPacked(String jobId);

    /** The job's packed cases on no pallet, in packing order: the open pallet a resumed job takes up. */
    List<String> casesOnNoPallet(String jobId);

    /**
     * A pallet reader's read of a case label as the vault names the case (an SSCC's 18 digits, a WeChat code's
     * code); the read itself, stripped, when the vault knows no such code.
     */
    String caseKey(String read);

    /**
     * Why a case read on a pallet it was not closed with may not be there: {@code FOREIGN} (not a packed case of
     * this job), {@code ALREADY_PACKED} (on a pallet already) or {@code EXTRA} (a packed case of this job on no
     * pallet). Reads only.
     */
    CaseRejectReason strayCase(String jobId, String caseKey);
}
