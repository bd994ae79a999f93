package io.yima.upstream;

import io.yima.vault.ActivationFields;
import io.yima.vault.CodeKey;
import io.yima.vault.CodeVault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves bound codes from activation PENDING into QUEUED {@code activation_range} rows, as the
 * {@link RangeCoalescer} decides, in one vault transaction so a range and its codes never disagree.
 */
final class ActivationQueue {
    /** Codes that may share a range: same application, same activation fields. */
    record Group(long applicationId, ActivationFields fields) {
    }

    private record Job(long applicationId, ActivationFields fields, boolean closed) {
    }

    private final CodeVault vault;
    private final RangeCoalescer coalescer;

    ActivationQueue(CodeVault vault, RangeCoalescer coalescer) {
        this.vault = vault;
        this.coalescer = coalescer;
    }

    /** Queues every range that is ready; returns how many ranges were queued. */
    int coalesce(long nowMillis) {
        return vault.inTransaction(c -> {
            Map<String, Job> jobs = jobs(c);
            Map<Group, List<RangeCoalescer.Pending>> pending = new LinkedHashMap<>();
            Map<Group, Long> slots = new HashMap<>();
            Map<Group, String> jobOf = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, job_id, coalesce(updated, 0) FROM code"
                         + " WHERE activation_state = 'PENDING' AND state = 3 ORDER BY id")) {
                while (rs.next()) {
                    long key = rs.getLong(1);
                    Job job = jobs.get(rs.getString(2));
                    if (job == null) {
                        continue;
                    }
                    Group g = new Group(job.applicationId(), job.fields());
                    pending.computeIfAbsent(g, x -> new ArrayList<>())
                            .add(new RangeCoalescer.Pending(CodeKey.index(key), rs.getLong(3)));
                    slots.putIfAbsent(g, key >>> CodeKey.INDEX_BITS);
                    jobOf.putIfAbsent(g, rs.getString(2));
                }
            }
            int queued = 0;
            for (Map.Entry<Group, List<RangeCoalescer.Pending>> e : pending.entrySet()) {
                Group g = e.getKey();
                long slot = slots.get(g);
                boolean open = jobs.values().stream().anyMatch(j -> !j.closed() && j.applicationId() == g.applicationId()
                        && j.fields().equals(g.fields()));
                try (PreparedStatement neighbour = c.prepareStatement(
                        "SELECT state, job_id, activation_state FROM code WHERE id = ?")) {
                    RangeCoalescer.Growth growth = index -> mayJoin(neighbour, slot, index, g, open, jobs);
                    for (CodeRange r : coalescer.cuts(e.getValue(), growth, nowMillis)) {
                        queue(c, g, jobOf.get(g), r, nowMillis);
                        queued++;
                    }
                }
            }
            return queued;
        });
    }

    private void queue(Connection c, Group g, String jobId, CodeRange r, long now) throws SQLException {
        long rangeId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activation_range(application_id, job_id,"
                + " idx_start, idx_end, state, attempts, next_attempt_at, created, updated)"
                + " VALUES (?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, g.applicationId());
            ps.setString(2, jobId);
            ps.setLong(3, r.codeStart());
            ps.setLong(4, r.codeEnd());
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.setLong(7, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                rangeId = keys.getLong(1);
            }
        }
        int marked = vault.setActivation(c, g.applicationId(), r.codeStart(), r.codeEnd(), "QUEUED", rangeId);
        if (marked != r.length()) {
            // Every index of a cut was seen BOUND and PENDING in this transaction; anything else is a bug.
            throw new IllegalStateException("range " + r + " of application " + g.applicationId() + " covers "
                    + marked + " bound codes, expected " + r.length());
        }
        vault.appendEvent(c, "ACTIVATION_QUEUED", Map.of("range", rangeId, "application", g.applicationId(),
                "start", r.codeStart(), "end", r.codeEnd()));
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
                boolean sameOpenGroup = job != null && !job.closed() && job.applicationId() == g.applicationId()
                        && job.fields().equals(g.fields());
                return switch (state) {
                    case 0 -> groupOpen;                       // AVAILABLE: a job of the group may reserve it
                    case 1, 2 -> sameOpenGroup;                // RESERVED / SENT: verdict pending
                    case 3 -> "PENDING".equals(rs.getString(3)) && job != null
                            && job.fields().equals(g.fields()); // BOUND: only while not yet in a range
                    default -> false;                          // REJECTED / VOIDED: a final gap
                };
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
                jobs.put(rs.getString(1), new Job(rs.getLong(2), f, "CLOSED".equals(rs.getString(3))));
            }
        }
        return jobs;
    }
}
