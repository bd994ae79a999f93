package io.yima.line;

import io.yima.vault.VaultException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vault that fails on the line's path (disk full, I/O error, read-only file, another process holding SQLite's
 * write lock past the busy timeout) is a device fault like a printer's: the line pauses with the vault's reason,
 * every waiting request is refused {@link Refusal#VAULT}, and a probe write is retried on the line's thread with
 * backoff until it succeeds, when the line clears the fault and resumes. Nothing is half-done meanwhile: each
 * change is one transaction, and results that could not be committed wait in memory (see {@link VerifyStation}).
 *
 * <p>Only failures that surface as a {@link VaultException} reach this class. That includes a writer in this same
 * process that keeps the vault busy: the vault's writer bounds every caller's wait (VaultWriter, 10 s) and answers
 * a caller it could not serve in time with a VaultException, so a stuck writer is a vault fault like any other.
 */
final class VaultFault {
    private static final Logger log = LoggerFactory.getLogger(VaultFault.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    /** What the line does when the vault goes and when it comes back. */
    interface Reactions {
        /** Refuse everything waiting; called once per fault. */
        void faulted(Refusal reason, String detail);

        /** The probe write succeeded: commit what waited, resume dispatch. */
        void cleared();
    }

    private final String lineId;
    private final DeviceLink link;
    private final LineEvents events;
    private final ScheduledExecutorService loop;
    private Reactions reactions;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private boolean probing;

    VaultFault(String lineId, DeviceLink link, LineEvents events, ScheduledExecutorService loop) {
        this.lineId = lineId;
        this.link = link;
        this.events = events;
        this.loop = loop;
    }

    void reactions(Reactions reactions) {
        this.reactions = reactions;
    }

    boolean active() {
        return link.fault() != null;
    }

    /** A vault call on the line's path failed: pause, refuse what waits, start probing. */
    void failed(RuntimeException e) {
        String reason = reason(e);
        if (!active()) {
            log.error("line {}: vault failed, line paused until a write succeeds again: {}", lineId, reason, e);
            link.update(DeviceState.FAULT, reason, events);
            retryMillis = FIRST_RETRY_MILLIS;
        }
        reactions.faulted(Refusal.VAULT, reason);
        scheduleProbe();
    }

    /** True for the failures this class handles: the vault's own (SQLite) failures. */
    static boolean isVault(Throwable e) {
        return e instanceof VaultException;
    }

    private void scheduleProbe() {
        if (probing) {
            return;
        }
        probing = true;
        loop.schedule(this::probe, retryMillis, TimeUnit.MILLISECONDS);
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
    }

    private void probe() {
        probing = false;
        if (!active()) {
            return;
        }
        try {
            events.probe();
        } catch (RuntimeException e) {
            log.debug("line {}: vault probe failed: {}", lineId, e.toString());
            scheduleProbe();
            return;
        }
        log.info("line {}: vault writable again, line resumes", lineId);
        link.update(DeviceState.ONLINE, null, events);
        events.flush();
        reactions.cleared();
    }

    /** SQLite's reason, short enough for a PLC frame and a status tile. */
    static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 160 ? m.substring(0, 160) : m;
    }
}
