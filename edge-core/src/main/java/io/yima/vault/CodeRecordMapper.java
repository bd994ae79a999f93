package io.yima.vault;

import io.yima.drivers.symbol.Microcode;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns a {@code code} row selected with {@link #COLUMNS} into a {@link CodeRecord}. */
final class CodeRecordMapper {
    static final String COLUMNS = "application_id, idx, code, url, matrix, state, job_id, item_id, reason,"
            + " activation_state, updated";
    /** Every lookup starts here; STAGED rows belong to an unfinished import and are never shown. */
    static final String SELECT = "SELECT " + COLUMNS + " FROM code ";

    private CodeRecordMapper() {
    }

    static CodeRecord map(ResultSet rs) throws SQLException {
        return new CodeRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), UrlKey.decode(rs.getObject(4)),
                Microcode.fromPacked(rs.getBytes(5)), CodeState.ofStored(rs.getInt(6)), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11));
    }
}
