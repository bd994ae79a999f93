package io.yima.status;

import java.util.Optional;

/**
 * What the daemon exposes to the status port. Called from the status port's worker threads, concurrently with
 * the line; implementations must be thread-safe. {@link #snapshot()} is called on every poll and scrape and must
 * stay cheap (in-memory counters); {@link #jobReport} and {@link #health()} may touch the vault.
 */
public interface StatusSource {

    StatusSnapshot snapshot();

    /**
     * The job-close report (or the running totals of an open job), any Jackson-serialisable object; empty when
     * no job has this id. It must account for every code of the job and must not contain keys or secrets.
     */
    Optional<Object> jobReport(String jobId);

    /** Devices and vault writability; see {@link HealthReport#of(StatusSnapshot, boolean)}. */
    HealthReport health();
}
