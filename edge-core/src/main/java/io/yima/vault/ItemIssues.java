package io.yima.vault;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Which code a job issued to an item, from the vault (the line's in-memory map is only a cache): a PLC repeating
 * a trigger after an edge restart gets the same code and no second label. Temporary home of the query until the
 * vault branch's {@code CodeVault.issuedTo(jobId, itemId)} is merged.
 */
public final class ItemIssues {
    private final CodeVault vault;

    public ItemIssues(CodeVault vault) {
        this.vault = vault;
    }

    /** The index of the code issued (SENT or later) to {@code itemId} in {@code jobId}, if any. */
    public Optional<Long> issuedTo(String jobId, String itemId) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT idx FROM code WHERE job_id = ? AND item_id = ? AND state >= 2 AND state <= 5 LIMIT 1")) {
                ps.setString(1, jobId);
                ps.setString(2, itemId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }
}
