package io.yima.vault;

import io.yima.drivers.symbol.Microcode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Single codes by key, code, URL, matrix, scanner read or (job, item); each one index seek, STAGED rows hidden. */
final class Lookups {
    private static final String NOT_STAGED = " AND state <> " + CodeState.STAGED.stored();
    /** A code whose label left for the printer: SENT and every verdict after it (a VOIDED one only if it was sent). */
    private static final String ISSUED = " AND state IN (" + CodeState.SENT.stored() + ", " + CodeState.BOUND.stored()
            + ", " + CodeState.REJECTED.stored() + ", " + CodeState.VOIDED.stored() + ")";

    private final CodeVault vault;
    private final Applications applications;

    Lookups(CodeVault vault, Applications applications) {
        this.vault = vault;
        this.applications = applications;
    }

    Optional<CodeRecord> byIndex(long applicationId, long index) {
        Long slot = applications.slotOf(applicationId);
        if (slot == null || index < 0 || index > CodeKey.MAX_INDEX) {
            return Optional.empty();
        }
        return one(CodeRecordMapper.SELECT + "WHERE id = ?" + NOT_STAGED, CodeKey.of(slot, index));
    }

    Optional<CodeRecord> byCode(String code) {
        return one(CodeRecordMapper.SELECT + "WHERE code = ?" + NOT_STAGED, code);
    }

    Optional<CodeRecord> byUrl(String url) {
        return one(CodeRecordMapper.SELECT + "WHERE url = ?" + NOT_STAGED, UrlKey.encode(url));
    }

    Optional<CodeRecord> byMatrix(Microcode m) {
        byte[] packed = m.packed();
        return one(CodeRecordMapper.SELECT + "WHERE " + MatrixHash.KEY_EXPRESSION + " = ? AND matrix = ?"
                + NOT_STAGED, MatrixHash.key(packed), packed);
    }

    /** The 28-character URL, the code (up to 9 characters) or the 361-bit matrix. */
    Optional<CodeRecord> resolveRead(String read) {
        if (read == null) {
            return Optional.empty();
        }
        String r = read.strip();
        if (r.length() == Microcode.CELLS && r.chars().allMatch(ch -> ch == '0' || ch == '1')) {
            return byMatrix(Microcode.fromBits(r));
        }
        if (r.length() == 28) {
            return byUrl(r);
        }
        if (!r.isEmpty() && r.length() <= 9) {
            return byCode(r);
        }
        return Optional.empty();
    }

    /**
     * The code whose label was issued to the item in the job; when an item got several labels (a reprint after a
     * reject), the one changed last. A seek on index code_job_item.
     */
    Optional<CodeRecord> issuedTo(String jobId, String itemId) {
        return one(CodeRecordMapper.SELECT + "WHERE job_id = ? AND item_id = ?" + ISSUED
                + " ORDER BY updated DESC, id DESC LIMIT 1", jobId, itemId);
    }

    private Optional<CodeRecord> one(String sql, Object... args) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(CodeRecordMapper.map(rs)) : Optional.empty();
                }
            }
        });
    }
}
