package io.yima.vault;

import java.sql.PreparedStatement;
import java.util.Map;

/**
 * Start-up recovery. RESERVED codes go back to stock (SENT is committed before bytes leave, so a RESERVED code never
 * reached a printer); SENT codes without a verdict are VOIDED with reason CRASH, never re-issued. Both updates seek
 * the partial index code_issued (RESERVED and SENT rows only), so recovery time does not grow with the stock.
 * Imports cut off while staging are discarded, those cut off while publishing are finished.
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

    RecoveryReport run() {
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
