package io.yima.line;

/** The line's state and the open job's counters; jobId null and quantity 0 between jobs. */
public record LineStatus(LineState state, String jobId, long printed, long bound, long rejected, long voided,
                         int quantity) {
}
