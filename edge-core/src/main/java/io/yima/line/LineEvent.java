package io.yima.line;

import io.yima.vault.CodeRef;
import io.yima.vault.JobSpec;

/**
 * What happened on a line, in the order it happened, as typed facts. The facts a peer must never miss — labels
 * printed, item results, device faults and clears, a job's closing account — are <em>journaled</em>: numbered
 * 1, 2, 3 … per line without gaps, never reused, kept in the vault across restarts (after a crash the
 * numbering may jump ahead once), so an adapter that tells its peer "event n" can later replay exactly what the
 * peer has not seen. The others — {@link JobOpened}, {@link CodesVoided}, {@link LineStateChanged},
 * {@link CodesReserved}, {@link TriggerStale} — are notes:
 * they carry the number of the last journaled event before them ("as of event n") and are not replayed.
 * Events that report a vault change are published only after that change is committed. Adapters (the ASCII
 * PLC port, Modbus, OPC UA, metrics, the status view, the MQTT export's drain wake-up) subscribe with a
 * {@link LineListener} and translate these into their own words; the line knows no wire format.
 */
public sealed interface LineEvent {
    long number();

    /** A label's bytes were handed to the printer. */
    record LabelPrinted(long number, String itemId, CodeRef code, long triggerToPrintNanos) implements LineEvent {
    }

    /** The scanner read the item's label; its code is bound to the job. {@code triggerToResultNanos} < 0: unknown. */
    record ItemBound(long number, String itemId, String code, long triggerToResultNanos) implements LineEvent {
    }

    /**
     * The item must be kicked out; if it had a code, the code is REJECTED (or VOIDED for PRINTER_FAULT, and for
     * VOIDED: written by start-up recovery, {@link RecoveredResults}).
     */
    record ItemRejected(long number, String itemId, RejectReason reason, long triggerToResultNanos)
            implements LineEvent {
    }

    /** Codes the line voided (labels whose result will never come). */
    record CodesVoided(long number, int count, VoidReason reason) implements LineEvent {
    }

    /** A device the line depends on failed; the line is paused until {@link DeviceCleared}. */
    record DeviceFault(long number, Device device, String reason) implements LineEvent {
    }

    record DeviceCleared(long number, Device device) implements LineEvent {
    }

    record JobOpened(long number, JobSpec spec) implements LineEvent {
    }

    /** The job's closing account: printed = bound + rejected + voided. */
    record JobClosed(long number, JobAccount account) implements LineEvent {
    }

    record LineStateChanged(long number, LineState state) implements LineEvent {
    }

    /** Codes reserved from the vault for the open job (AVAILABLE → RESERVED, one committed block). */
    record CodesReserved(long number, int count) implements LineEvent {
    }

    /** A note: a PLC trigger was refused STALE after waiting {@code waitedNanos}; no label, no code. */
    record TriggerStale(long number, String itemId, long waitedNanos) implements LineEvent {
    }

    /**
     * Aggregation (io.yima.line.packing): a case was closed — its label printed and read, its {@code items} child
     * codes packed into it in one vault transaction. Journaled, written with the next commit (like a label
     * printed): the vault's packing rows are the record, this event only reports them.
     */
    record CasePacked(long number, long caseNumber, String caseCode, int items) implements LineEvent {
    }

    /**
     * Aggregation: a case refused; none of its items was packed (they stay BOUND, unpacked) and the PLC kicks the
     * case out for rework. {@code caseCode} is null when no case label was read.
     */
    record CaseRejected(long number, long caseNumber, String caseCode, CaseRejectReason reason, int items)
            implements LineEvent {
    }

    /**
     * Aggregation: a pallet packed ({@code palletCode}: its SSCC's 18 digits) — its SSCC label sent to the pallet printer, then its {@code cases} case codes
     * packed onto it in one vault transaction. Like {@link CasePacked}, the vault's rows are the record.
     */
    record PalletPacked(long number, long palletNumber, String palletCode, int cases) implements LineEvent {
    }

    /**
     * Aggregation: a pallet refused (its label could not be sent, its code not reserved, or the vault refused the
     * pack): its {@code cases} stay packed in their cases and on no pallet. {@code palletCode} is null when no
     * pallet code was reserved.
     */
    record PalletRejected(long number, long palletNumber, String palletCode, CaseRejectReason reason, int cases)
            implements LineEvent {
    }
}
