package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.drivers.render.Symbology;
import io.yima.plc.JobRequest;
import io.yima.plc.PlcNak;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's life on the line: START (or the PLC resuming one after a reconnect), resume after a restart, STOP and
 * CLOSE with its report. Closing voids every label still awaiting its scan and releases the unused reservation,
 * so the closing report balances: printed = bound + rejected + voided. Runs on the line's thread.
 */
final class JobLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);

    private final LineConfig config;
    private final CodeVault vault;
    private final LabelPress press;
    private final OpenJob job;
    private final Dispatcher dispatcher;
    private final VerifyStation station;
    private final ItemResults results;

    JobLifecycle(LineConfig config, CodeVault vault, LabelPress press, OpenJob job, Dispatcher dispatcher,
                 VerifyStation station, ItemResults results) {
        this.config = config;
        this.vault = vault;
        this.press = press;
        this.job = job;
        this.dispatcher = dispatcher;
        this.station = station;
        this.results = results;
    }

    /** PLC START; the reply fields are the job id. */
    List<String> start(JobRequest r) {
        JobSpec spec = JobSpecs.from(r, config);
        JobSpec open = job.spec();
        if (open != null) {
            if (!open.jobId().equals(spec.jobId())) {
                throw new PlcNak("JOB_OPEN", open.jobId());
            }
            if (!open.equals(spec)) {
                throw new PlcNak("BAD_FIELD", "job " + spec.jobId() + " is open with other fields");
            }
            return List.of(open.jobId()); // the PLC resuming after a reconnect
        }
        Symbology s = Symbology.valueOf(spec.symbol());
        try {
            press.prepare(s);
        } catch (IllegalArgumentException e) {
            throw new PlcNak("BAD_FIELD", "symbol: " + e.getMessage());
        }
        if (vault.job(spec.jobId()).isPresent() && vault.jobState(spec.jobId()) == JobState.CLOSED) {
            throw new PlcNak("BAD_FIELD", "job " + spec.jobId() + " is closed already");
        }
        vault.openJob(spec);
        open(spec, JobState.OPEN, s, 0);
        log.info("line {}: job {} started ({} × {}, {}, {})", config.id(), spec.jobId(), spec.quantity(), spec.sku(),
                spec.mode(), spec.symbol());
        dispatcher.fill();
        return List.of(spec.jobId());
    }

    /** After a restart: the job is still open in the vault; its unconfirmed codes were voided by recovery. */
    void resume(JobSpec spec) {
        Symbology s = Symbology.valueOf(spec.symbol());
        JobReport r = vault.jobReport(spec.jobId());
        open(spec, vault.jobState(spec.jobId()), s, r.printed());
        results.stats().printed = r.printed();
        results.stats().bound = r.bound();
        results.stats().voided = r.voided();
        log.info("line {}: resumed job {} ({} of {} printed)", config.id(), spec.jobId(), r.printed(),
                spec.quantity());
    }

    /** PLC STOP: no more labels; those in flight still get their result. */
    List<String> stop() {
        job.requireJob();
        job.state(JobState.STOPPED);
        vault.setJobState(job.id(), JobState.STOPPED);
        dispatcher.failPending(new PlcNak("JOB_STOPPED"));
        return List.of(job.id());
    }

    /** PLC CLOSE; the reply fields are the job id. */
    List<String> close() {
        job.requireJob();
        String id = job.id();
        closeJob();
        return List.of(id);
    }

    /** Closes the open job from the status port or on shutdown; returns the job id, or null if none. */
    String closeCurrent() {
        if (!job.isOpen()) {
            return null;
        }
        String id = job.id();
        closeJob();
        return id;
    }

    private void open(JobSpec spec, JobState state, Symbology s, long alreadyIssued) {
        job.open(spec, state, s);
        dispatcher.forJob(spec, alreadyIssued);
        station.forJob();
        results.stats().reset();
        results.journal().newJob();
    }

    private void closeJob() {
        dispatcher.failPending(new PlcNak("JOB_CLOSED"));
        List<CodeRef> unconfirmed = station.drain();
        if (!unconfirmed.isEmpty()) {
            vault.voidCodes(unconfirmed, "JOB_CLOSED");
            results.observer().voided(config.id(), unconfirmed.size());
        }
        int released = dispatcher.release();
        String id = job.id();
        vault.setJobState(id, JobState.CLOSED);
        JobReport r = vault.jobReport(id);
        log.info("line {}: job {} closed: printed {} = bound {} + rejected {} + voided {}; {} reserved codes released",
                config.id(), id, r.printed(), r.bound(), r.rejected(), r.voided(), released);
        results.journal().emit("CLOSED", id, Long.toString(r.printed()), Long.toString(r.bound()),
                Long.toString(r.rejected()), Long.toString(r.voided()));
        results.observer().jobClosed(config.id(), id);
        job.clear();
    }
}
