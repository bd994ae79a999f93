package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The applications the vault holds and their slots (the high part of every code key, see {@link CodeKey}). */
final class Applications {
    private final CodeVault vault;
    private final Map<Long, Long> slots = new ConcurrentHashMap<>();

    Applications(CodeVault vault) {
        this.vault = vault;
    }

    /** The application's slot, registering the application on first use. */
    long ensure(long applicationId) {
        Long known = slots.get(applicationId);
        if (known != null) {
            return known;
        }
        return vault.inTransaction(c -> {
            Long slot = find(c, applicationId);
            if (slot == null) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT coalesce(max(slot), 0) + 1 FROM application")) {
                    rs.next();
                    slot = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO application(id, slot, wechat_application_id, created) VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, applicationId);
                    ps.setLong(2, slot);
                    ps.setLong(3, applicationId);
                    ps.setLong(4, System.currentTimeMillis());
                    ps.executeUpdate();
                }
            }
            slots.put(applicationId, slot);
            return slot;
        });
    }

    /** The application's slot, or null when the vault does not know the application. */
    Long slotOf(long applicationId) {
        Long known = slots.get(applicationId);
        if (known != null) {
            return known;
        }
        Long slot = vault.read(c -> find(c, applicationId));
        if (slot != null) {
            slots.put(applicationId, slot);
        }
        return slot;
    }

    /** The code's row key; an unknown application is refused like a code that was never imported. */
    long key(long applicationId, long index) {
        Long slot = slotOf(applicationId);
        if (slot == null) {
            throw new IllegalTransitionException(new CodeRef(applicationId, index), "an imported code", null);
        }
        return CodeKey.of(slot, index);
    }

    /** True when the vault holds no code at all; reads the counters, so it costs the same for 20 million codes. */
    boolean vaultIsEmpty() {
        return vault.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT EXISTS(SELECT 1 FROM code_count WHERE n > 0)")) {
                return rs.next() && rs.getInt(1) == 0;
            }
        });
    }

    /** Undoes {@link #ensure} after a failed first import, so a refused package leaves no trace. */
    void forgetIfEmpty(long applicationId) {
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM application WHERE id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM code_count WHERE application_id = ? AND n > 0)")) {
                ps.setLong(1, applicationId);
                ps.setLong(2, applicationId);
                if (ps.executeUpdate() > 0) {
                    slots.remove(applicationId);
                }
            }
            return null;
        });
    }

    private static Long find(Connection c, long applicationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT slot FROM application WHERE id = ?")) {
            ps.setLong(1, applicationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
