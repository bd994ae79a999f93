package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses an import whose codes this edge already issued from another vault, as its {@link Ledger} records: a vault
 * deleted and rebuilt from the same packages, or a blank disk mounted in place of the real one, would otherwise print
 * every one of those codes a second time. Runs inside the import, before its commit point, on the codes it added.
 * An operator who knows better overrides it with a reason, which goes to the vault's audit events.
 */
public final class ReissueGuard {
    private ReissueGuard() {
    }

    /**
     * Counts the codes of this import (rows of {@code batch}, or every row of the application when {@code batch} is
     * null: the first import into an empty vault) that the ledger says another vault issued. Refuses with a
     * {@link VaultException} when there are any and {@code acceptReason} is null; otherwise records the override.
     */
    public static void check(CodeVault vault, Connection c, long applicationId, long slot, Long batch,
                             String acceptReason) throws SQLException {
        Map<String, Ranges> elsewhere = vault.ledger().issuedElsewhere(vault.vaultId(), applicationId);
        if (elsewhere.isEmpty()) {
            return;
        }
        Map<String, Long> found = new LinkedHashMap<>();
        long total = 0;
        String sql = "SELECT count(*) FROM code WHERE id BETWEEN ? AND ?"
                + (batch == null ? "" : " AND import_batch = " + batch);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, Ranges> e : elsewhere.entrySet()) {
                long n = 0;
                for (long[] run : e.getValue().runs()) {
                    ps.setLong(1, CodeKey.of(slot, run[0]));
                    ps.setLong(2, CodeKey.of(slot, Math.min(run[1], CodeKey.MAX_INDEX)));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getLong(1);
                    }
                }
                if (n > 0) {
                    found.put(e.getKey(), n);
                    total += n;
                }
            }
        }
        if (total == 0) {
            return;
        }
        if (acceptReason == null) {
            throw new VaultException("refused: " + total + " codes of application " + applicationId + " in this"
                    + " import were already issued by this edge from another vault (vault id "
                    + String.join(", ", found.keySet()) + ", per the ledger " + vault.ledger().file() + "); importing"
                    + " them again would print them twice. If the old vault was restored from a backup, put the"
                    + " backup back instead (docs/operations.md, \"Backup and restore\"); to import anyway, give"
                    + " --accept-reissue-risk REASON");
        }
        vault.appendEvent(c, "REISSUE_RISK_ACCEPTED", Map.of("application", applicationId, "codes", total,
                "issuedBy", found, "reason", acceptReason));
    }
}
