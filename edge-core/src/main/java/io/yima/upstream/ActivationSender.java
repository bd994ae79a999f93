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

    ActivationSender(CodeVault vault, MarketcodeClient client, UpstreamConfig config, ActivationOutbox.Listener listener) {
        this.listener = listener;
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
        return vault.inTransaction(c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.application_id, r.idx_start, r.idx_end,"
                    + " r.attempts, j.activity_name, j.product_brand, j.product_title, j.product_code, j.wxa_appid,"
                    + " j.wxa_path, j.wxa_type FROM activation_range r LEFT JOIN job j ON j.id = r.job_id"
                    + " WHERE r.state = 'QUEUED' AND r.next_attempt_at <= ? ORDER BY r.next_attempt_at, r.id LIMIT ?")) {
                ps.setLong(1, now);
                ps.setInt(2, BATCH);
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
        long next = now + backoff.delay(attempts).toMillis();
        vault.inTransaction(c -> {
            update(c, d, "QUEUED", attempts, error, next);
            vault.appendEvent(c, "ACTIVATION_RETRY", Map.of("range", d.id(), "attempts", attempts, "error", error));
            return null;
        });
    }

    private void defer(Due d, long until, String reason) {
        vault.inTransaction(c -> {
            update(c, d, "QUEUED", d.attempts(), reason, until);
            return null;
        });
    }

    private void fail(Due d, String error) {
        log.error("ALARM activation range {} of application {} ({}..{}) FAILED: {}; requeue with"
                + " 'yima-edge wechat retry-failed'", d.id(), d.applicationId(), d.start(), d.end(), error);
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
