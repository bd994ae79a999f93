package io.yima.vault;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the status page reads about the past: recent jobs with their accounts, a job's codes page by page, the
 * activation ranges that FAILED with the upstream's reason, and the tail of the audit log. Every call is one short
 * read on the vault's reader connection; a job's codes come in keyset pages so a download never holds the reader
 * while the bytes travel. Callers must not be on a Netty event loop (the vault refuses them).
 */
public final class JobHistory {

    /**
     * Audit kinds written per batch of codes, per reserve block, per activation range or per upstream call: the
     * line writes them all the time, so the tail a technician glances at leaves them out (they stay in the vault).
     */
    static final List<String> QUIET_KINDS = List.of("SENT", "BIND", "REJECT", "VOID", "RESERVE", "RELEASE",
            "ACTIVATION_QUEUED", "ACTIVATED", "ACTIVATION_RETRY", "upstream.call");
    /** How far back the audit tail looks for non-quiet entries, so a vault of busy years answers quickly. */
    private static final long AUDIT_SCAN = 50_000;

    private final CodeVault vault;

    public JobHistory(CodeVault vault) {
        this.vault = vault;
    }

    /** One job and its account, counted like {@link JobCounts}. Times are epoch millis; closed is 0 while open. */
    public record JobSummary(String id, String line, long applicationId, String sku, String batch, long quantity,
                             String state, long openedMillis, long closedMillis, JobCounts counts) {
    }

    /** One code of a job; {@code updatedMillis} is its last transition (0 when unknown). */
    public record JobCode(long rowId, long applicationId, long index, String code, String itemId, CodeState state,
                          String reason, String activationState, long updatedMillis) {
    }

    /** A FAILED activation range and the upstream's last answer (errcode and message). */
    public record FailedActivation(long rangeId, long applicationId, String jobId, long fromIndex, long toIndex,
                                   int attempts, String lastError, long updatedMillis) {
    }

    /** An audit log entry: when, what kind, and its JSON body as written. */
    public record AuditEntry(long seq, long atMillis, String kind, String json) {
    }

    /** Where a page of a job's codes ends; pass it back for the next page. Codes without an item come first. */
    public record Cursor(boolean pastUnassigned, String itemId, long rowId) {
        public static final Cursor START = new Cursor(false, null, 0);
    }

    /** A page of codes and the cursor after it; {@code next} is null when the job has no more. */
    public record Page(List<JobCode> codes, Cursor next) {
    }

    /** The most recently opened jobs, newest first, each with its account. */
    public List<JobSummary> recentJobs(int limit) {
        return vault.read(c -> {
            List<JobSummary> jobs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, line, application_id, sku, batch, quantity,"
                    + " state, opened, coalesce(closed, 0) FROM job ORDER BY opened DESC, rowid DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(new JobSummary(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getLong(9), null));
                    }
                }
            }
            List<JobSummary> counted = new ArrayList<>(jobs.size());
            for (JobSummary j : jobs) {
                counted.add(new JobSummary(j.id(), j.line(), j.applicationId(), j.sku(), j.batch(), j.quantity(),
                        j.state(), j.openedMillis(), j.closedMillis(), JobCounts.of(c, j.id())));
            }
            return counted;
        });
    }

    /** True when a job with this id exists. */
    public boolean exists(String jobId) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM job WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Up to {@code limit} codes of a job after {@code after}: first those without an item (taken but never sent),
     * by row, then the rest by item and row — both orders follow the index {@code code_job_item}, so each page is a
     * seek, not a scan of the job.
     */
    public Page codes(String jobId, Cursor after, int limit) {
        return vault.read(c -> {
            List<JobCode> out = new ArrayList<>(limit);
            Cursor cursor = after;
            if (!cursor.pastUnassigned()) {
                try (PreparedStatement ps = c.prepareStatement(SELECT_CODE + " WHERE job_id = ? AND item_id IS NULL"
                        + " AND id > ? AND state <> " + CodeState.STAGED.stored() + " ORDER BY id LIMIT ?")) {
                    ps.setString(1, jobId);
                    ps.setLong(2, cursor.rowId());
                    ps.setInt(3, limit);
                    read(ps, out);
                }
                if (out.size() == limit) {
                    return new Page(out, new Cursor(false, null, out.get(out.size() - 1).rowId()));
                }
                cursor = new Cursor(true, "", Long.MIN_VALUE);
            }
            try (PreparedStatement ps = c.prepareStatement(SELECT_CODE + " WHERE job_id = ? AND item_id IS NOT NULL"
                    + " AND (item_id, id) > (?, ?) AND state <> " + CodeState.STAGED.stored()
                    + " ORDER BY item_id, id LIMIT ?")) {
                ps.setString(1, jobId);
                ps.setString(2, cursor.itemId());
                ps.setLong(3, cursor.rowId());
                ps.setInt(4, limit - out.size());
                read(ps, out);
            }
            if (out.size() < limit) {
                return new Page(out, null);
            }
            JobCode last = out.get(out.size() - 1);
            return new Page(out, new Cursor(true, last.itemId(), last.rowId()));
        });
    }

    private static final String SELECT_CODE = "SELECT id, application_id, idx, code, item_id, state, reason,"
            + " activation_state, coalesce(updated, 0) FROM code";

    private static void read(PreparedStatement ps, List<JobCode> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new JobCode(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        CodeState.ofStored(rs.getInt(6)), rs.getString(7), rs.getString(8), rs.getLong(9)));
            }
        }
    }

    /** The FAILED activation ranges, most recently failed first. */
    public List<FailedActivation> failedActivations(int limit) {
        return vault.read(c -> {
            List<FailedActivation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, application_id, job_id, idx_start, idx_end,"
                    + " attempts, last_error, updated FROM activation_range WHERE state = 'FAILED'"
                    + " ORDER BY updated DESC, id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FailedActivation(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                                rs.getLong(5), rs.getInt(6), rs.getString(7), rs.getLong(8)));
                    }
                }
            }
            return out;
        });
    }

    /** The newest audit entries, newest first, without the per-block bookkeeping kinds. */
    public List<AuditEntry> auditTail(int limit) {
        return vault.read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, ts, kind, json FROM event"
                    + " WHERE kind NOT IN (" + String.join(", ", QUIET_KINDS.stream().map(k -> "'" + k + "'").toList())
                    + ") AND seq > (SELECT coalesce(max(seq), 0) FROM event) - ?"
                    + " ORDER BY seq DESC LIMIT ?")) {
                ps.setLong(1, AUDIT_SCAN);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** Appends one entry to the audit log in its own transaction (a technician's control, say). */
    public void audit(String kind, Map<String, ?> body) {
        vault.inTransaction(c -> {
            vault.appendEvent(c, kind, body);
            return null;
        });
    }
}
