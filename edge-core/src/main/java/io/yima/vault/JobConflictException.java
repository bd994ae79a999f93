package io.yima.vault;

/** Opening a job whose id the vault already has with other fields (another line, SKU, quantity ...). */
public final class JobConflictException extends IllegalArgumentException {
    private final transient JobSpec existing;

    JobConflictException(JobSpec existing, JobSpec requested) {
        super("job " + existing.jobId() + " is already open with other fields: " + existing + ", requested "
                + requested);
        this.existing = existing;
    }

    /** The job as the vault has it. */
    public JobSpec existing() {
        return existing;
    }
}
