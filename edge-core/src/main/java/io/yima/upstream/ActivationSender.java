package io.yima.upstream;

import io.yima.vault.Activations;
import io.yima.vault.Activations.DueRange;
import io.yima.vault.CodeVault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends QUEUED activation ranges whose time has come, one {@code codeactive} call each (the client bounds the
 * request rate), and records the outcome in the vault ({@link Activations}): ACTIVATED, retried later with
 * backoff, or FAILED after the configured number of attempts or at once for errors retrying cannot fix (raised as
 * an alarm).
 * Re-sending a range is harmless upstream, so a crash between the call and the commit only costs a repeat.
 *
 * <p>The backoff is a duration, so it is timed on the monotonic clock: a range this process put back to wait is
 * due when its monotonic deadline has passed, whatever the wall clock says (set back an hour, the wall clock held
 * every retry back that hour). {@code next_attempt_at} (wall clock) still records the retry for the status page
 * and for the next start, when the monotonic deadlines are gone. A quota wait is a wall-clock instant (WeChat's
 * minute or day boundary) and stays one.
 */
final class ActivationSender {
    private static final Logger log = LoggerFactory.getLogger(ActivationSender.class);
    private static final int BATCH = 200;

    private final Activations activations;
    private final MarketcodeClient client;
    private final Backoff backoff;
    private final int maxAttempts;
    private final ActivationOutbox.Listener listener;
    private final LongSupplier nanos;
    /** Ranges waiting out a backoff, by id: the monotonic time they are due. */
    private final Map<Long, Long> retryAtNanos = new ConcurrentHashMap<>();

    ActivationSender(CodeVault vault, MarketcodeClient client, UpstreamConfig config,
                     LongSupplier nanos, ActivationOutbox.Listener listener) {
        this.listener = listener;
        this.nanos = nanos;
        this.activations = new Activations(vault);
        this.client = client;
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax());
        this.maxAttempts = config.activationMaxAttempts();
    }

    /** Sends due ranges until none is left or the quota runs out; returns how many were activated. */
    int sendDue(LongSupplier clockMillis, BooleanSupplier stopping) {
        int activated = 0;
        while (!stopping.getAsBoolean()) {
            List<DueRange> due = due(clockMillis.getAsLong());
            if (due.isEmpty()) {
                return activated;
            }
            for (DueRange d : due) {
                if (stopping.getAsBoolean()) {
                    return activated;
                }
                try {
                    List<String> missing = ActivationCheck.missing(d.fields());
                    if (!missing.isEmpty()) {
                        fail(d, "job has no activation fields: " + String.join(", ", missing));
                        continue;
                    }
                    client.activate(d.applicationId(), new CodeRange(d.start(), d.end()), d.fields());
                    activated(d);
                    listener.activated(d.end() - d.start() + 1);
                    activated++;
                } catch (UpstreamException.Quota q) {
                    defer(d, q.until().toEpochMilli(), q.getMessage());
                    return activated;
                } catch (UpstreamException.Alarm a) {
                    fail(d, a.getMessage());
                } catch (UpstreamException e) {
                    retryLater(d, e.getMessage(), clockMillis.getAsLong());
                }
            }
        }
        return activated;
    }

    private List<DueRange> due(long now) {
        long mono = nanos.getAsLong();
        List<Long> ripe = new ArrayList<>();
        List<Long> waiting = new ArrayList<>();
        retryAtNanos.forEach((id, at) -> (mono - at >= 0 ? ripe : waiting).add(id));
        return activations.due(now, ripe, waiting, BATCH);
    }

    private void activated(DueRange d) {
        retryAtNanos.remove(d.id());
        activations.activated(d);
    }

    private void retryLater(DueRange d, String error, long now) {
        int attempts = d.attempts() + 1;
        if (attempts >= maxAttempts) {
            fail(d, "after " + attempts + " attempts: " + error);
            return;
        }
        Duration delay = backoff.delay(attempts);
        activations.retryLater(d, attempts, error, now + delay.toMillis());
        retryAtNanos.put(d.id(), nanos.getAsLong() + delay.toNanos());
    }

    private void defer(DueRange d, long until, String reason) {
        retryAtNanos.remove(d.id());
        activations.defer(d, reason, until);
    }

    private void fail(DueRange d, String error) {
        log.error("ALARM activation range {} of application {} ({}..{}) FAILED: {}; requeue with"
                + " 'yima-edge wechat retry-failed'", d.id(), d.applicationId(), d.start(), d.end(), error);
        retryAtNanos.remove(d.id());
        activations.failed(d, error);
        listener.activationFailed();
    }
}
