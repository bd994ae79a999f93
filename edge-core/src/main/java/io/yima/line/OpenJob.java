package io.yima.line;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;

/**
 * The job the line is running, as the line's thread sees it. {@link JobLifecycle} is the only writer; the
 * dispatcher and the verify station read it, so they never disagree about which job a label or a scan is for.
 * The spec is volatile because adapters read the job id (HELLO) without waiting on the line's thread.
 */
final class OpenJob {
    private final LineMode lineMode;
    private volatile JobSpec spec;
    private JobState state;
    private Symbology symbol;

    OpenJob(LineMode lineMode) {
        this.lineMode = lineMode;
    }

    void open(JobSpec spec, JobState state, Symbology symbol) {
        this.spec = spec;
        this.state = state;
        this.symbol = symbol;
    }

    void clear() {
        spec = null;
        state = null;
    }

    boolean isOpen() {
        return spec != null;
    }

    /** The open job's spec, or null between jobs. */
    JobSpec spec() {
        return spec;
    }

    String id() {
        JobSpec s = spec;
        return s == null ? null : s.jobId();
    }

    JobState state() {
        return state;
    }

    void state(JobState state) {
        this.state = state;
    }

    Symbology symbol() {
        return symbol;
    }

    /** The job's mode; between jobs the line's configured one. */
    LineMode mode() {
        JobSpec s = spec;
        return s == null ? lineMode : LineMode.valueOf(s.mode());
    }

    /** True while labels may be issued: a job is open and not stopped. */
    boolean isRunning() {
        return spec != null && state == JobState.OPEN;
    }

    void requireJob() {
        if (spec == null) {
            throw new LineRefusal(Refusal.NO_JOB);
        }
    }

    void requireRunning() {
        requireJob();
        if (state != JobState.OPEN) {
            throw new LineRefusal(Refusal.JOB_STOPPED);
        }
    }
}
