package io.yima.line;

import io.yima.vault.JobReport;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place a job's running account is kept: seeded from the vault's report when the job is opened or
 * resumed (so a restart continues the figures instead of starting at 0), then moved by the line's own committed
 * changes, each right after its commit: codes marked SENT, verdicts (bind, reject, void) and the voids at close.
 * The rules are the report's (see {@link JobAccount}); a code is counted by its state in the vault, never by the
 * item result the PLC is told. Owned by the line's thread; {@link #account()} is an immutable copy.
 */
final class JobTally {
    private String jobId;
    private long printed;
    private long awaiting;
    private long bound;
    private final Map<String, Long> rejected = new HashMap<>();
    private final Map<String, Long> voided = new HashMap<>();
    private long stale;
    private long rejectedWithoutCode;

    /** A new job with no codes yet. */
    void start(String job) {
        jobId = job;
        printed = awaiting = bound = stale = rejectedWithoutCode = 0;
        rejected.clear();
        voided.clear();
    }

    /** A job the vault already has codes of (resumed after a restart, or started again): its account so far. */
    void seed(JobReport r) {
        start(r.jobId());
        printed = r.printed();
        awaiting = r.sent();
        bound = r.bound();
        rejected.putAll(r.rejectedByReason());
        voided.putAll(r.voidedByReason());
        stale = r.stale();
    }

    /** Codes committed SENT: their label bytes leave now. */
    void sent(int n) {
        printed += n;
        awaiting += n;
    }

    /** A SENT code committed BOUND. */
    void bound() {
        awaiting--;
        bound++;
    }

    /** A SENT code committed REJECTED with {@code reason}. */
    void rejected(RejectReason reason) {
        awaiting--;
        rejected.merge(reason.name(), 1L, Long::sum);
    }

    /** An item rejected with no code of the job (PREPRINT packing scan): no code changes. */
    void rejectedWithoutCode() {
        rejectedWithoutCode++;
    }

    /** {@code n} SENT codes committed VOIDED with {@code reason}. */
    void voidedSent(VoidReason reason, int n) {
        if (n > 0) { // a reason with no code is not in the report either
            awaiting -= n;
            voided.merge(reason.name(), (long) n, Long::sum);
        }
    }

    /** A RESERVED code committed VOIDED (its label never left): voided, not printed. */
    void voidedUnsent(VoidReason reason) {
        voided.merge(reason.name(), 1L, Long::sum);
    }

    /** A PLC trigger refused STALE (counted in the vault with the line's next commit, see LineEvents). */
    void stale() {
        stale++;
    }

    /** Bound codes so far: how near the job is to its quantity. */
    long boundCount() {
        return bound;
    }

    JobAccount account() {
        long r = rejected.values().stream().mapToLong(Long::longValue).sum();
        long v = voided.values().stream().mapToLong(Long::longValue).sum();
        return new JobAccount(jobId, printed, bound, r, v, awaiting, rejected, voided, stale, rejectedWithoutCode);
    }
}
