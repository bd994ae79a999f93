package io.yima.vault;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/** Reads and writes the {@code job} row of a {@link JobSpec}. */
final class JobSpecMapper {
    static final String INSERT = "INSERT INTO job(id, line, application_id, sku, batch, quantity, symbol, mode,"
            + " activity_name, product_brand, product_title, product_code, wxa_appid, wxa_path, wxa_type, state,"
            + " opened, production_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String SELECT = "SELECT line, application_id, sku, batch, quantity, symbol, mode, activity_name,"
            + " product_brand, product_title, product_code, wxa_appid, wxa_path, wxa_type, production_date FROM job WHERE id = ?";
    private static final ActivationFields NONE = new ActivationFields(null, null, null, null, null, null, null);

    private JobSpecMapper() {
    }

    /** Binds the parameters of {@link #INSERT}; the job starts OPEN at {@code now}. */
    static void bindInsert(PreparedStatement ps, JobSpec job, long now) throws SQLException {
        ActivationFields a = job.activation() == null ? NONE : job.activation();
        ps.setString(1, job.jobId());
        ps.setString(2, job.line());
        ps.setLong(3, job.applicationId());
        ps.setString(4, job.sku());
        ps.setString(5, job.batch());
        ps.setInt(6, job.quantity());
        ps.setString(7, job.symbol());
        ps.setString(8, job.mode());
        ps.setString(9, a.activityName());
        ps.setString(10, a.productBrand());
        ps.setString(11, a.productTitle());
        ps.setString(12, a.productCode());
        ps.setString(13, a.wxaAppid());
        ps.setString(14, a.wxaPath());
        if (a.wxaType() == null) {
            ps.setNull(15, Types.INTEGER);
        } else {
            ps.setInt(15, a.wxaType());
        }
        ps.setString(16, JobState.OPEN.name());
        ps.setLong(17, now);
        ps.setString(18, job.productionDate() == null ? null : job.productionDate().toString());
    }

    /** Maps a row of {@link #SELECT}; a job without any activation field has {@code activation() == null}. */
    static JobSpec map(String jobId, ResultSet rs) throws SQLException {
        int wxaType = rs.getInt(14);
        Integer type = rs.wasNull() ? null : wxaType;
        ActivationFields a = new ActivationFields(rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), type);
        return new JobSpec(jobId, rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), a.equals(NONE) ? null : a,
                rs.getString(15) == null ? null : LocalDate.parse(rs.getString(15)));
    }
}
