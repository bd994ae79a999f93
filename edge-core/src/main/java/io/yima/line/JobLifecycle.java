package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.drivers.render.Symbology;
import io.yima.printing.LabelPress;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.JobConflictException;
import io.yima.vault.JobCounts;
import io.yima.vault.JobReport;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's life on the line: START (or the PLC resuming one after a reconnect), resume after a restart, STOP and
 * CLOSE with its account. Closing voids every label still awaiting its scan and releases the unused
 * reservation in one transaction with the job's CLOSED state and event, so the account balances (printed =
 * bound + rejected + voided) and a vault failure leaves the job exactly as it was. Runs on the line's thread.
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
    private final Runnable stateChanged;

    JobLifecycle(LineConfig config, CodeVault vault, LabelPress press, OpenJob job, Dispatcher dispatcher,
                 VerifyStation station, ItemResults results, Runnable stateChanged) {
        this.config = config;
        this.vault = vault;
        this.press = press;
        this.job = job;
        this.dispatcher = dispatcher;
        this.station = station;
        this.results = results;
        this.stateChanged = stateChanged;
    }

    /** START; completes with the job id. */
    String start(JobOrder order) {
        return start(order, null);
    }

    /** START by {@code by} (who asked, for the audit entry; may be null). */
    String start(JobOrder order, String by) {
        JobSpec spec = JobSpecs.from(order, config);
        JobSpec open = job.spec();
        if (open != null) {
            if (!open.jobId().equals(spec.jobId())) {
                throw new LineRefusal(Refusal.JOB_OPEN, open.jobId());
            }
            if (!open.equals(spec)) {
                throw new LineRefusal(Refusal.BAD_FIELD, "job " + spec.jobId() + " is open with other fields");
            }
            return open.jobId(); // the PLC resuming after a reconnect
        }
        Symbology s = Symbology.valueOf(spec.symbol());
        try {
            press.prepare(s);
        } catch (IllegalArgumentException e) {
            throw new LineRefusal(Refusal.BAD_FIELD, "symbol: " + e.getMessage());
        }
        if (!vault.hasApplication(spec.applicationId())) {
            // Accepted, it would open a job that can only ever answer OUT_OF_CODES and hold the line.
            throw new LineRefusal(Refusal.BAD_FIELD, "application " + spec.applicationId()
                    + " has no codes in this edge's vault");
        }
        Optional<JobSpec> stored = vault.job(spec.jobId());
        boolean known = stored.isPresent();
        if (known && vault.jobState(spec.jobId()) == JobState.CLOSED) {
            throw new LineRefusal(Refusal.BAD_FIELD, "job " + spec.jobId() + " is closed already");
        }
        if (known && !stored.get().equals(spec)) {
            throw conflict(stored.get(), spec);
        }

        results.events().job(spec.jobId());
        try {
            results.events().transaction((c, em) -> {
                vault.openJob(spec, by);
                em.note(n -> new LineEvent.JobOpened(n, spec));
                return null;
            });
        } catch (JobConflictException e) {
            results.events().job(null);
            throw conflict(e.existing(), spec); // another line opened the same id between the check and here
        } catch (RuntimeException e) {
            results.events().job(null);
            throw e;
        }
        if (known) {
            // A job the vault already has (not resumed at start-up) may have issued codes: take its counts, so
            // the dispatcher asks the vault about items it has not seen rather than printing them again.
            openFromVault(spec, JobState.OPEN, s);
        } else {
            open(spec, JobState.OPEN, s, 0);
        }
        log.info("line {}: job {} started ({} × {}, {}, {})", config.id(), spec.jobId(), spec.quantity(), spec.sku(),
                spec.mode(), spec.symbol());
        stateChanged.run();
        dispatcher.fill();
        return spec.jobId();
    }

    /**
     * A START for a job id the vault already has with other fields: on another line (a job runs on one line only)
     * or with another SKU, batch, quantity, mode or symbol. Expected from a mistyped job id, so one line of log.
     */
    private LineRefusal conflict(JobSpec stored, JobSpec requested) {
        if (!Objects.equals(stored.line(), requested.line())) {
            log.warn("line {}: START of job {} refused: that job is open on line {}; close it there first or use"
                    + " another job id", config.id(), requested.jobId(), stored.line());
            return new LineRefusal(Refusal.JOB_ON_OTHER_LINE, "job " + requested.jobId() + " is open on line "
                    + stored.line() + "; close it there first or use another job id");
        }
        log.warn("line {}: START of job {} refused: the job exists with other fields", config.id(), requested.jobId());
        return new LineRefusal(Refusal.BAD_FIELD, "job " + requested.jobId() + " exists with other fields (sku "
                + stored.sku() + ", batch " + stored.batch() + ", quantity " + stored.quantity() + ")");
    }

    /** After a restart: the job is still open in the vault; its unconfirmed codes were voided by recovery. */
    void resume(JobSpec spec) {
        results.events().job(spec.jobId());
        long printed = openFromVault(spec, vault.jobState(spec.jobId()), Symbology.valueOf(spec.symbol()));
        log.info("line {}: resumed job {} ({} of {} printed)", config.id(), spec.jobId(), printed, spec.quantity());
        stateChanged.run();
    }

    /** Opens a job the vault already has codes of, with its counters; returns how many labels it printed. */
    private long openFromVault(JobSpec spec, JobState state, Symbology s) {
        JobReport r = vault.jobReport(spec.jobId());
        open(spec, state, s, r.printed());
        results.stats().tally.seed(r); // the account continues from the vault, e.g. rejects after a restart
        return r.printed();
    }

    /** STOP: no more labels; those in flight still get their result. Completes with the job id. */
    String stop() {
        return stop(null);
    }

    String stop(String by) {
        job.requireJob();
        vault.setJobState(job.id(), JobState.STOPPED, by);
        job.state(JobState.STOPPED);
        dispatcher.failPending(new LineRefusal(Refusal.JOB_STOPPED));
        stateChanged.run();
        return job.id();
    }

    /** CLOSE; completes with the job id. */
    String close() {
        return close(null);
    }

    String close(String by) {
        job.requireJob();
        String id = job.id();
        closeJob(by);
        return id;
    }

    /** Closes the open job from the status port or on shutdown; returns the job id, or null if none. */
    String closeCurrent() {
        if (!job.isOpen()) {
            return null;
        }
        String id = job.id();
        closeJob(null);
        return id;
    }

    private void open(JobSpec spec, JobState state, Symbology s, long alreadyIssued) {
        job.open(spec, state, s);
        dispatcher.forJob(spec, alreadyIssued);
        station.forJob();
        results.stats().reset();
        results.stats().tally.start(spec.jobId());
    }

    private void closeJob(String by) {
        results.settle(); // results that waited out a vault fault are committed first, or the close is refused
        String id = job.id();
        List<CodeRef> unconfirmed = station.unconfirmed();
        int[] released = new int[1];
        JobCounts r = results.events().transaction((c, em) -> {
            if (!unconfirmed.isEmpty()) {
                vault.voidCodes(unconfirmed, VoidReason.JOB_CLOSED.name());
                em.note(n -> new LineEvent.CodesVoided(n, unconfirmed.size(), VoidReason.JOB_CLOSED));
            }
            released[0] = dispatcher.release();
            vault.setJobState(id, JobState.CLOSED, by);
            JobCounts counts = JobCounts.of(c, id);
            em.emit(n -> new LineEvent.JobClosed(n, new JobAccount(id, counts.printed(), counts.bound(),
                    counts.rejected(), counts.voided())));
            return counts;
        });
        results.stats().tally.voidedSent(VoidReason.JOB_CLOSED, unconfirmed.size());
        station.clear();
        dispatcher.jobClosed();
        dispatcher.failPending(new LineRefusal(Refusal.JOB_CLOSED));
        log.info("line {}: job {} closed: printed {} = bound {} + rejected {} + voided {}; {} reserved codes released",
                config.id(), id, r.printed(), r.bound(), r.rejected(), r.voided(), released[0]);
        job.clear();
        results.events().job(null);
        stateChanged.run();
    }
}
