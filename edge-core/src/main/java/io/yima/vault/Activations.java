package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The activation side of the vault: bound codes waiting to be activated upstream ({@code code.activation_state})
 * and the ranges they are sent in ({@code activation_range}). The upstream outbox decides when and how codes are
 * cut into ranges and talks to WeChat; every read and write of these columns and that table happens here, each
 * change in one vault transaction so a range and its codes never disagree.
 *
 * <p>A code's activation state and a range's state are one of PENDING (bound, in no range yet), QUEUED,
 * ACTIVATED, FAILED.
 */
public final class Activations {
    static final String PENDING = "PENDING";
    static final String QUEUED = "QUEUED";
    static final String ACTIVATED = "ACTIVATED";
    static final String FAILED = "FAILED";

    private static final int AVAILABLE = CodeState.AVAILABLE.stored();
    private static final int RESERVED = CodeState.RESERVED.stored();
    private static final int SENT = CodeState.SENT.stored();
    private static final int BOUND = CodeState.BOUND.stored();

    /** Codes that may share a range: same application, same activation fields. */
    public record Group(long applicationId, ActivationFields fields) {
    }

    /** A bound code waiting for a range: its index and when it was bound (epoch millis, 0 when unknown). */
    public record Pending(long index, long boundAtMillis) {
    }

    /** An inclusive run of code indexes to queue as one range. */
    public record Run(long start, long end) {
        long length() {
            return end - start + 1;
        }
    }

    /** Decides which runs of a group's pending codes to queue now. */
    public interface Cutter {
        /**
         * @param pending the group's pending codes, ascending by index
         * @param mayJoin whether the code at an index may still become a pending member of the group (so a run
         *                next to it is not final yet)
         */
        List<Run> cuts(Group group, List<Pending> pending, LongPredicate mayJoin);
    }

    /** A QUEUED range whose time has come, with the activation fields of its job. */
    public record DueRange(long id, long applicationId, long start, long end, int attempts, ActivationFields fields) {
    }

    /** Counts for the status page: bound codes in no range, and ranges and their codes per range state. */
    public record Counts(long pendingCodes, long queuedRanges, long queuedCodes, long activatedRanges,
                         long activatedCodes, long failedRanges, long failedCodes) {
    }

    private record Job(long applicationId, ActivationFields fields, boolean closed) {
        boolean in(Group g) {
            return applicationId == g.applicationId() && fields.equals(g.fields());
        }
    }

    private final CodeVault vault;

    public Activations(CodeVault vault) {
        this.vault = vault;
    }

    /** Queues the runs {@code cutter} picks out of every group's pending codes; returns how many ranges. */
    public int queueReady(Cutter cutter, long nowMillis) {
        return vault.inTransaction(c -> {
            Map<String, Job> jobs = jobs(c);
            Map<Group, List<Pending>> pending = new LinkedHashMap<>();
            Map<Group, Long> slots = new HashMap<>();
            Map<Group, String> jobOf = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, job_id, coalesce(updated, 0) FROM code"
                         + " WHERE activation_state = '" + PENDING + "' AND state = " + BOUND + " ORDER BY id")) {
                while (rs.next()) {
                    long key = rs.getLong(1);
                    Job job = jobs.get(rs.getString(2));
                    if (job == null) {
                        continue;
                    }
                    Group g = new Group(job.applicationId(), job.fields());
                    pending.computeIfAbsent(g, x -> new ArrayList<>()).add(new Pending(CodeKey.index(key), rs.getLong(3)));
                    slots.putIfAbsent(g, key >>> CodeKey.INDEX_BITS);
                    jobOf.putIfAbsent(g, rs.getString(2));
                }
            }
            int queued = 0;
            for (Map.Entry<Group, List<Pending>> e : pending.entrySet()) {
                Group g = e.getKey();
                long slot = slots.get(g);
                boolean open = jobs.values().stream().anyMatch(j -> !j.closed() && j.in(g));
                try (PreparedStatement neighbour = c.prepareStatement(
                        "SELECT state, job_id, activation_state FROM code WHERE id = ?")) {
                    for (Run r : cutter.cuts(g, e.getValue(), index -> mayJoin(neighbour, slot, index, g, open, jobs))) {
                        queue(c, g, jobOf.get(g), r, nowMillis);
                        queued++;
                    }
                }
            }
            return queued;
        });
    }

    private void queue(Connection c, Group g, String jobId, Run r, long now) throws SQLException {
        long rangeId;
        // RETURNING, not getGeneratedKeys: the vault's connections run without the driver's generated-keys support,
        // which parsed every statement they executed (CodeVault.connect)
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activation_range(application_id, job_id,"
                + " idx_start, idx_end, state, attempts, next_attempt_at, created, updated)"
                + " VALUES (?, ?, ?, ?, '" + QUEUED + "', 0, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, g.applicationId());
            ps.setString(2, jobId);
            ps.setLong(3, r.start());
            ps.setLong(4, r.end());
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.setLong(7, now);
            try (ResultSet inserted = ps.executeQuery()) {
                if (!inserted.next()) {
                    throw new SQLException("the new activation range's id was not returned");
                }
                rangeId = inserted.getLong(1);
            }
        }
        int marked = vault.setActivation(c, g.applicationId(), r.start(), r.end(), QUEUED, rangeId);
        if (marked != r.length()) {
            // Every index of a cut was seen BOUND and PENDING in this transaction; anything else is a bug.
            throw new IllegalStateException("range " + r.start() + ".." + r.end() + " of application "
                    + g.applicationId() + " covers " + marked + " bound codes, expected " + r.length());
        }
        vault.appendEvent(c, "ACTIVATION_QUEUED", Map.of("range", rangeId, "application", g.applicationId(),
                "start", r.start(), "end", r.end()));
    }

    /** Whether the code at {@code index} may still become a pending member of group {@code g}. */
    private static boolean mayJoin(PreparedStatement neighbour, long slot, long index, Group g, boolean groupOpen,
                                   Map<String, Job> jobs) {
        if (index < 0 || index > CodeKey.MAX_INDEX) {
            return false;
        }
        try {
            neighbour.setLong(1, CodeKey.of(slot, index));
            try (ResultSet rs = neighbour.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                int state = rs.getInt(1);
                Job job = jobs.get(rs.getString(2));
                boolean sameOpenGroup = job != null && !job.closed() && job.in(g);
                if (state == AVAILABLE) {
                    return groupOpen;                               // a job of the group may reserve it
                } else if (state == RESERVED || state == SENT) {
                    return sameOpenGroup;                           // verdict pending
                } else if (state == BOUND) {
                    return PENDING.equals(rs.getString(3)) && job != null
                            && job.fields().equals(g.fields());     // only while not yet in a range
                }
                return false;                                       // REJECTED / VOIDED: a final gap
            }
        } catch (SQLException e) {
            throw new IllegalStateException("vault read failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Job> jobs(Connection c) throws SQLException {
        Map<String, Job> jobs = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, application_id, state, activity_name, product_brand,"
                     + " product_title, product_code, wxa_appid, wxa_path, wxa_type FROM job")) {
            while (rs.next()) {
                int type = rs.getInt(10);
                Integer wxaType = rs.wasNull() ? null : type;
                ActivationFields f = new ActivationFields(rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), wxaType);
                jobs.put(rs.getString(1), new Job(rs.getLong(2), f, JobState.CLOSED.name().equals(rs.getString(3))));
            }
        }
        return jobs;
    }

    /**
     * Up to {@code limit} QUEUED ranges due at {@code nowMillis} (wall clock), oldest first. Ranges in
     * {@code ripe} are due whatever their stamp says; ranges in {@code waiting} are not (both are the caller's
     * monotonic backoff deadlines, which outrank the wall-clock stamp).
     */
    public List<DueRange> due(long nowMillis, Collection<Long> ripe, Collection<Long> waiting, int limit) {
        return vault.inTransaction(c -> {
            List<DueRange> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.application_id, r.idx_start, r.idx_end,"
                    + " r.attempts, j.activity_name, j.product_brand, j.product_title, j.product_code, j.wxa_appid,"
                    + " j.wxa_path, j.wxa_type FROM activation_range r LEFT JOIN job j ON j.id = r.job_id"
                    + " WHERE r.state = '" + QUEUED + "' AND (r.next_attempt_at <= ? OR r.id IN"
                    + " (SELECT value FROM json_each(?))) AND r.id NOT IN (SELECT value FROM json_each(?))"
                    + " ORDER BY r.next_attempt_at, r.id LIMIT ?")) {
                ps.setLong(1, nowMillis);
                ps.setString(2, List.copyOf(ripe).toString());
                ps.setString(3, List.copyOf(waiting).toString());
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int type = rs.getInt(12);
                        Integer wxaType = rs.wasNull() ? null : type;
                        out.add(new DueRange(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                                new ActivationFields(rs.getString(6), rs.getString(7), rs.getString(8),
                                        rs.getString(9), rs.getString(10), rs.getString(11), wxaType)));
                    }
                }
            }
            return out;
        });
    }

    /** WeChat accepted the range: the range and its codes become ACTIVATED. */
    public void activated(DueRange d) {
        vault.inTransaction(c -> {
            update(c, d, ACTIVATED, d.attempts() + 1, null, null);
            vault.setActivation(c, d.applicationId(), d.start(), d.end(), ACTIVATED, d.id());
            vault.appendEvent(c, "ACTIVATED", Map.of("range", d.id(), "application", d.applicationId(),
                    "start", d.start(), "end", d.end()));
            return null;
        });
    }

    /** A failure worth retrying: the range stays QUEUED with {@code attempts} and is next due at {@code nextAtMillis}. */
    public void retryLater(DueRange d, int attempts, String error, long nextAtMillis) {
        vault.inTransaction(c -> {
            update(c, d, QUEUED, attempts, error, nextAtMillis);
            vault.appendEvent(c, "ACTIVATION_RETRY", Map.of("range", d.id(), "attempts", attempts, "error", error));
            return null;
        });
    }

    /** Out of quota: the range stays QUEUED, attempts unchanged, until {@code untilMillis}. */
    public void defer(DueRange d, String reason, long untilMillis) {
        vault.inTransaction(c -> {
            update(c, d, QUEUED, d.attempts(), reason, untilMillis);
            return null;
        });
    }

    /** Given up: the range and its codes become FAILED until requeued by hand ({@link #requeueFailed}). */
    public void failed(DueRange d, String error) {
        vault.inTransaction(c -> {
            update(c, d, FAILED, d.attempts() + 1, error, null);
            vault.setActivation(c, d.applicationId(), d.start(), d.end(), FAILED, d.id());
            vault.appendEvent(c, "ACTIVATION_FAILED", Map.of("range", d.id(), "application", d.applicationId(),
                    "start", d.start(), "end", d.end(), "error", error));
            return null;
        });
    }

    private static void update(Connection c, DueRange d, String state, int attempts, String error, Long next)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE activation_range SET state = ?, attempts = ?,"
                + " last_error = ?, next_attempt_at = ?, updated = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setInt(2, attempts);
            ps.setString(3, error);
            if (next == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setLong(4, next);
            }
            ps.setLong(5, System.currentTimeMillis());
            ps.setLong(6, d.id());
            ps.executeUpdate();
        }
    }

    /** Puts every FAILED range and its codes back to QUEUED, due at once; returns how many ranges. */
    public int requeueFailed(long nowMillis) {
        return vault.inTransaction(c -> {
            List<long[]> failed = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, application_id, idx_start, idx_end FROM activation_range"
                         + " WHERE state = '" + FAILED + "'")) {
                while (rs.next()) {
                    failed.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE activation_range SET state = '" + QUEUED + "',"
                    + " attempts = 0, next_attempt_at = ?, updated = ? WHERE id = ?")) {
                for (long[] f : failed) {
                    ps.setLong(1, nowMillis);
                    ps.setLong(2, nowMillis);
                    ps.setLong(3, f[0]);
                    ps.executeUpdate();
                    vault.setActivation(c, f[1], f[2], f[3], QUEUED, f[0]);
                }
            }
            if (!failed.isEmpty()) {
                vault.appendEvent(c, "ACTIVATION_REQUEUED", Map.of("ranges", failed.size()));
            }
            return failed.size();
        });
    }

    /** What waits and what was done, for the status page. */
    public Counts counts() {
        return vault.inTransaction(c -> {
            long pending;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM code WHERE activation_state = '" + PENDING + "'")) {
                rs.next();
                pending = rs.getLong(1);
            }
            long[] byState = new long[6];
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT state, count(*), sum(idx_end - idx_start + 1)"
                         + " FROM activation_range GROUP BY state")) {
                while (rs.next()) {
                    int at = switch (rs.getString(1)) {
                        case QUEUED -> 0;
                        case ACTIVATED -> 2;
                        case FAILED -> 4;
                        default -> -1;
                    };
                    if (at >= 0) {
                        byState[at] = rs.getLong(2);
                        byState[at + 1] = rs.getLong(3);
                    }
                }
            }
            return new Counts(pending, byState[0], byState[1], byState[2], byState[3], byState[4], byState[5]);
        });
    }
}
