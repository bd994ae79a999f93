package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A job's account read inside the caller's transaction (so a closing line can write the account in the same
 * commit as the close), counted like {@link CodeVault#jobReport}: printed = SENT + BOUND + REJECTED + codes
 * VOIDED after they were sent. Only the job's own application counts: a packing line's WeChat case labels carry
 * the job id too, but they are the cases' account (the packing units), not the items'.
 */
public record JobCounts(long printed, long bound, long rejected, long voided) {

    public static JobCounts of(Connection c, String jobId) throws SQLException {
        long sent = 0;
        long bound = 0;
        long rejected = 0;
        long voided = 0;
        long voidedAfterSent = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT state, count(*), count(item_id) FROM code"
                + " WHERE job_id = ? AND application_id = (SELECT application_id FROM job WHERE id = ?)"
                + " AND state BETWEEN " + CodeState.SENT.stored() + " AND " + CodeState.VOIDED.stored()
                + " GROUP BY state")) {
            ps.setString(1, jobId);
            ps.setString(2, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (CodeState.ofStored(rs.getInt(1))) {
                        case SENT -> sent = rs.getLong(2);
                        case BOUND -> bound = rs.getLong(2);
                        case REJECTED -> rejected = rs.getLong(2);
                        case VOIDED -> {
                            voided = rs.getLong(2);
                            voidedAfterSent = rs.getLong(3);
                        }
                        default -> {
                        }
                    }
                }
            }
        }
        return new JobCounts(sent + bound + rejected + voidedAfterSent, bound, rejected, voided);
    }
}
