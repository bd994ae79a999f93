package io.yima.daemon;

import io.yima.line.JobAccount;
import io.yima.line.LineSnapshot;
import io.yima.status.StatusSnapshot;

/** The open job as the status page (and /metrics) shows it: the line's one account, the same as job report. */
public final class JobView {
    private JobView() {
    }

    /** The snapshot's open job with its account, or null when no job is open. */
    public static StatusSnapshot.Job of(LineSnapshot s) {
        if (s.jobId() == null) {
            return null;
        }
        JobAccount a = s.account();
        return new StatusSnapshot.Job(s.jobId(), s.sku(), s.batch(), s.quantity(), a.printed(), a.bound(),
                a.rejected(), a.voided(), a.stale(), a.awaiting(), a.rejectedByReason(), a.voidedByReason(),
                a.rejectedWithoutCode());
    }
}
