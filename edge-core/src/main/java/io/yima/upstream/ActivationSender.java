package io.yima.upstream;

import io.yima.vault.ActivationFields;
import io.yima.vault.CodeVault;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends QUEUED activation ranges whose time has come, one {@code codeactive} call each (the client bounds the
 * request rate), and records the outcome in the vault: ACTIVATED, retried later with backoff, or FAILED after
 * the configured number of attempts or at once for errors retrying cannot fix (raised as an alarm).
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

    record Due(long id, long applicationId, long start, long end, int attempts, ActivationFields fields) {
    }

    private final CodeVault vault;
    private final MarketcodeClient client;
    private final Backoff backoff;
    private final int maxAttempts;
    private final ActivationOutbox.Listener listener;
    private final java.util.function.LongSupplier nanos;
    /** Ranges waiting out a backoff, by id: the monotonic time they are due. */
    private final Map<Long, Long> retryAtNanos = new java.util.concurrent.ConcurrentHashMap<>();

    ActivationSender(CodeVault vault, MarketcodeClient client, UpstreamConfig config,
                     java.util.function.LongSupplier nanos, ActivationOutbox.Listener listener) {
        this.listener = listener;
        this.nanos = nanos;
        this.vault = vault;
        this.client = client;
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax());
        this.maxAttempts = config.activationMaxAttempts();
    }

    /** Sends due ranges until none is left or the quota runs out; returns how many were activated. */
    int sendDue(java.util.function.LongSupplier clockMillis, java.util.function.BooleanSupplier stopping) {
        int activated = 0;
        while (!stopping.getAsBoolean()) {
            List<Due> due = due(clockMillis.getAsLong());
            if (due.isEmpty()) {
                return activated;
            }
            for (Due d : due) {
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

    private List<Due> due(long now) {
        long mono = nanos.getAsLong();
        List<Long> ripe = new ArrayList<>();
        List<Long> waiting = new ArrayList<>();
        retryAtNanos.forEach((id, at) -> (mono - at >= 0 ? ripe : waiting).add(id));
        return vault.inTransaction(c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.application_id, r.idx_start, r.idx_end,"
                    + " r.attempts, j.activity_name, j.product_brand, j.product_title, j.product_code, j.wxa_appid,"
                    + " j.wxa_path, j.wxa_type FROM activation_range r LEFT JOIN job j ON j.id = r.job_id"
                    + " WHERE r.state = 'QUEUED' AND (r.next_attempt_at <= ? OR r.id IN (SELECT value FROM json_each(?)))"
                    + " AND r.id NOT IN (SELECT value FROM json_each(?)) ORDER BY r.next_attempt_at, r.id LIMIT ?")) {
                ps.setLong(1, now);
                ps.setString(2, ripe.toString());
                ps.setString(3, waiting.toString());
                ps.setInt(4, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int type = rs.getInt(12);
                        Integer wxaType = rs.wasNull() ? null : type;
                        out.add(new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                                new ActivationFields(rs.getString(6), rs.getString(7), rs.getString(8),
                                        rs.getString(9), rs.getString(10), rs.getString(11), wxaType)));
                    }
                }
            }
            return out;
        });
    }

    private void activated(Due d) {
        retryAtNanos.remove(d.id());
        vault.inTransaction(c -> {
            update(c, d, "ACTIVATED", d.attempts() + 1, null, null);
            vault.setActivation(c, d.applicationId(), d.start(), d.end(), "ACTIVATED", d.id());
            vault.appendEvent(c, "ACTIVATED", Map.of("range", d.id(), "application", d.applicationId(),
                    "start", d.start(), "end", d.end()));
            return null;
        });
    }

    private void retryLater(Due d, String error, long now) {
        int attempts = d.attempts() + 1;
        if (attempts >= maxAttempts) {
            fail(d, "after " + attempts + " attempts: " + error);
            return;
        }
        java.time.Duration delay = backoff.delay(attempts);
        long next = now + delay.toMillis();
        vault.inTransaction(c -> {
            update(c, d, "QUEUED", attempts, error, next);
            vault.appendEvent(c, "ACTIVATION_RETRY", Map.of("range", d.id(), "attempts", attempts, "error", error));
            return null;
        });
        retryAtNanos.put(d.id(), nanos.getAsLong() + delay.toNanos());
    }

    private void defer(Due d, long until, String reason) {
        retryAtNanos.remove(d.id());
        vault.inTransaction(c -> {
            update(c, d, "QUEUED", d.attempts(), reason, until);
            return null;
        });
    }

    private void fail(Due d, String error) {
        log.error("ALARM activation range {} of application {} ({}..{}) FAILED: {}; requeue with"
                + " 'yima-edge wechat retry-failed'", d.id(), d.applicationId(), d.start(), d.end(), error);
        retryAtNanos.remove(d.id());
        vault.inTransaction(c -> {
            update(c, d, "FAILED", d.attempts() + 1, error, null);
            vault.setActivation(c, d.applicationId(), d.start(), d.end(), "FAILED", d.id());
            vault.appendEvent(c, "ACTIVATION_FAILED", Map.of("range", d.id(), "application", d.applicationId(),
                    "start", d.start(), "end", d.end(), "error", error));
            return null;
        });
        listener.activationFailed();
    }

    private static void update(java.sql.Connection c, Due d, String state, int attempts, String error, Long next)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE activation_range SET state = ?, attempts = ?,"
                + " last_error = ?, next_attempt_at = ?, updated = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setInt(2, attempts);
            ps.setString(3, error);
            if (next == null) {
                ps.setNull(4, java.sql.Types.INTEGER);
            } else {
                ps.setLong(4, next);
            }
            ps.setLong(5, System.currentTimeMillis());
            ps.setLong(6, d.id());
            ps.executeUpdate();
        }
    }
}
