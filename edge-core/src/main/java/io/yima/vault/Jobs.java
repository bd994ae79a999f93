package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Jobs: open (idempotent for the same spec), state changes, and the report that accounts for a job's codes. */
final class Jobs {
    private final CodeVault vault;

    Jobs(CodeVault vault) {
        this.vault = vault;
    }

    void open(JobSpec job) {
        open(job, null);
    }

    /** {@code by}: who asked (an OPC UA user and address, a Modbus peer), recorded in the JOB_OPEN entry; may be null. */
    void open(JobSpec job, String by) {
        Objects.requireNonNull(job.jobId(), "jobId");
        vault.inTransaction(c -> {
            Optional<JobSpec> existing = find(c, job.jobId());
            if (existing.isPresent()) {
                if (!existing.get().equals(job)) {
                    throw new JobConflictException(existing.get(), job);
                }
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(JobSpecMapper.INSERT)) {
                JobSpecMapper.bindInsert(ps, job, System.currentTimeMillis());
                ps.executeUpdate();
            }
            vault.appendEvent(c, "JOB_OPEN", by(Map.of("job", job.jobId(), "application", job.applicationId(),
                    "quantity", job.quantity()), by));
            return null;
        });
    }

    Optional<JobSpec> job(String jobId) {
        return vault.read(c -> find(c, jobId));
    }

    private static Optional<JobSpec> find(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(JobSpecMapper.SELECT)) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(JobSpecMapper.map(jobId, rs)) : Optional.empty();
            }
        }
    }

    Optional<JobSpec> openJobOnLine(String line) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM job WHERE line = ? AND state IN ('OPEN', 'STOPPED') ORDER BY opened DESC LIMIT 1")) {
                ps.setString(1, line);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? find(c, rs.getString(1)) : Optional.<JobSpec>empty();
                }
            }
        });
    }

    JobState state(String jobId) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM job WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no job " + jobId);
                    }
                    return JobState.valueOf(rs.getString(1));
                }
            }
        });
    }

    void setState(String jobId, JobState state) {
        setState(jobId, state, null);
    }

    private static Map<String, ?> by(Map<String, ?> body, String by) {
        if (by == null) {
            return body;
        }
        Map<String, Object> out = new LinkedHashMap<>(body);
        out.put("by", by);
        return out;
    }

    /** As above; {@code by} (who asked, may be null) is recorded in the JOB_ entry. */
    void setState(String jobId, JobState state, String by) {
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE job SET state = ?, closed = CASE WHEN ? THEN ? ELSE closed END WHERE id = ?")) {
                ps.setString(1, state.name());
                ps.setBoolean(2, state == JobState.CLOSED);
                ps.setLong(3, System.currentTimeMillis());
                ps.setString(4, jobId);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no job " + jobId);
                }
            }
            vault.appendEvent(c, "JOB_" + state.name(), by(Map.of("job", jobId), by));
            return null;
        });
    }

    /**
     * Every code of the job's application the job touched, per state; a seek on the job's codes (index
     * code_job_item). A packing line's WeChat case labels (another application) are the cases' account.
     */
    JobReport report(String jobId) {
        return vault.read(c -> {
            Map<CodeState, List<Long>> byState = new EnumMap<>(CodeState.class);
            for (CodeState s : CodeState.COUNTED) {
                byState.put(s, new ArrayList<>());
            }
            Map<String, Long> reasons = new LinkedHashMap<>();
            Map<String, Long> voidReasons = new LinkedHashMap<>();
            long voidedAfterSent = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT idx, state, reason, item_id FROM code"
                    + " WHERE job_id = ? AND application_id = (SELECT application_id FROM job WHERE id = ?)"
                    + " AND state <> " + CodeState.STAGED.stored() + " ORDER BY id")) {
                ps.setString(1, jobId);
                ps.setString(2, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CodeState s = CodeState.ofStored(rs.getInt(2));
                        byState.get(s).add(rs.getLong(1));
                        if (s == CodeState.REJECTED) {
                            reasons.merge(String.valueOf(rs.getString(3)), 1L, Long::sum);
                        } else if (s == CodeState.VOIDED) {
                            voidReasons.merge(String.valueOf(rs.getString(3)), 1L, Long::sum);
                            if (rs.getString(4) != null) {
                                voidedAfterSent++;
                            }
                        }
                    }
                }
            }
            long reserved = byState.get(CodeState.RESERVED).size();
            long sent = byState.get(CodeState.SENT).size();
            long bound = byState.get(CodeState.BOUND).size();
            long rejected = byState.get(CodeState.REJECTED).size();
            long voided = byState.get(CodeState.VOIDED).size();
            long stale = JobStale.of(c, jobId);
            Map<CodeState, List<Long>> frozen = new EnumMap<>(CodeState.class);
            byState.forEach((s, l) -> frozen.put(s, List.copyOf(l)));
            return new JobReport(jobId, reserved, sent, bound, rejected, reasons, voided, voidedAfterSent,
                    sent + bound + rejected + voidedAfterSent, frozen, reserved == 0 && sent == 0, voidReasons,
                    stale);
        });
    }
}
