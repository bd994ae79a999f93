package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up recovery. RESERVED codes go back to stock (SENT is committed before bytes leave, so a RESERVED code never
 * reached a printer); SENT codes without a verdict are VOIDED with reason CRASH, never re-issued. Both updates seek
 * the partial index code_issued (RESERVED and SENT rows only), so recovery time does not grow with the stock.
 * Imports cut off while staging are discarded, those cut off while publishing are finished. The items of the
 * voided codes are handed to a {@link RecoveryJournal} in the same transaction, so each still gets a result.
 */
final class Recovery {
    /**
     * SQLite uses a partial index only when the query repeats its WHERE term word for word: {@code state = 1} alone
     * does not count as {@code state IN (1, 2)}, and recovery would read every code.
     */
    private static final String ISSUED = "state IN (" + CodeState.RESERVED.stored() + ", " + CodeState.SENT.stored()
            + ") AND ";
    private final CodeVault vault;
    private final ImportBatches imports;

    Recovery(CodeVault vault, ImportBatches imports) {
        this.vault = vault;
        this.imports = imports;
    }

    /** The SENT codes about to be voided, with the item and the job's line each was issued to (a partial-index seek). */
    private static List<RecoveryJournal.VoidedItem> voidedItems(Connection c) throws SQLException {
        List<RecoveryJournal.VoidedItem> items = new ArrayList<>();
        Map<String, String> lines = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT application_id, idx, job_id, item_id FROM code WHERE "
                + ISSUED + "state = " + CodeState.SENT.stored() + " ORDER BY job_id, updated, id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String job = rs.getString(3);
                    String item = rs.getString(4);
                    if (job == null || item == null) {
                        continue;
                    }
                    String line = lines.containsKey(job) ? lines.get(job) : lineOf(c, job);
                    lines.put(job, line);
                    if (line != null) {
                        items.add(new RecoveryJournal.VoidedItem(line, job, item, rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
        }
        return items;
    }

    private static String lineOf(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT line FROM job WHERE id = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    RecoveryReport run(RecoveryJournal journal) {
        RecoveryReport report = vault.inTransaction(c -> {
            long now = System.currentTimeMillis();
            int released;
            int voided;
            try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = "
                    + CodeState.AVAILABLE.stored() + ", job_id = NULL, item_id = NULL, updated = ?"
                    + " WHERE " + ISSUED + "state = " + CodeState.RESERVED.stored())) {
                ps.setLong(1, now);
                released = ps.executeUpdate();
            }
            journal.voided(c, voidedItems(c));
            try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = " + CodeState.VOIDED.stored()
                    + ", reason = 'CRASH', updated = ? WHERE " + ISSUED + "state = " + CodeState.SENT.stored())) {
                ps.setLong(1, now);
                voided = ps.executeUpdate();
            }
            vault.appendEvent(c, "RECOVER", Map.of("released", released, "voided", voided));
            return new RecoveryReport(released, voided);
        });
        ImportBatches.ImportRecovery imported = imports.recoverAll();
        vault.forgetReserveFloors();
        if (imported.discarded() + imported.published() == 0) {
            return report;
        }
        return new RecoveryReport(report.released(), report.voided(), imported.discarded(), imported.codesDiscarded(),
                imported.published(), imported.codesPublished());
    }
}
