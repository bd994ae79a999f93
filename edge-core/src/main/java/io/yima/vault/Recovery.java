package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up recovery. RESERVED codes go back to stock (SENT is committed before bytes leave, so a RESERVED code never
 * reached a printer); SENT codes without a verdict are VOIDED with reason CRASH, never re-issued. Both updates seek
 * the partial index code_issued (RESERVED and SENT rows only), so recovery time does not grow with the stock.
 * Imports cut off while staging are discarded, those cut off while publishing are finished. The items of the
 * voided codes are handed to a {@link RecoveryJournal} in the same transaction, so each still gets a result.
 *
 * <p>That reasoning holds only for a vault that kept all its commits. The {@link Ledger} says which codes were
 * handed out; when the vault has one of them AVAILABLE, or the running edge saw its file or WAL deleted (a LOST
 * line), the vault is behind what happened: then its RESERVED codes may have been SENT in a lost commit, and every
 * code the ledger says is out and the vault has AVAILABLE or RESERVED is VOIDED with reason LEDGER instead.
 */
final class Recovery {
    /**
     * SQLite uses a partial index only when the query repeats its WHERE term word for word: {@code state = 1} alone
     * does not count as {@code state IN (1, 2)}, and recovery would read every code.
     */
    private static final String ISSUED = "state IN (" + CodeState.RESERVED.stored() + ", " + CodeState.SENT.stored()
            + ") AND ";
    private static final int AVAILABLE = CodeState.AVAILABLE.stored();
    private static final int RESERVED = CodeState.RESERVED.stored();
    private final CodeVault vault;
    private final ImportBatches imports;
    private final Applications applications;

    Recovery(CodeVault vault, ImportBatches imports, Applications applications) {
        this.vault = vault;
        this.imports = imports;
        this.applications = applications;
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
        Ledger ledger = vault.ledger();
        String id = vault.vaultId();
        Map<Long, Ranges> outstanding = ledger.outstanding(id);
        boolean lostPending = ledger.lostPending(id);
        Map<Long, List<Long>> releasedIndexes = new LinkedHashMap<>();
        int[] ledgerVoided = new int[1];
        RecoveryReport report = vault.inTransaction(c -> {
            long now = System.currentTimeMillis();
            releasedIndexes.clear();
            ledgerVoided[0] = 0;
            if (lostPending || anyInState(c, outstanding, "state = " + AVAILABLE)) {
                ledgerVoided[0] = voidOutstanding(c, outstanding, now);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT application_id, idx FROM code WHERE " + ISSUED
                    + "state = " + RESERVED + " ORDER BY id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        releasedIndexes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
            }
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
            vault.appendEvent(c, "RECOVER", Map.of("released", released, "voided", voided,
                    "ledgerVoided", ledgerVoided[0]));
            return new RecoveryReport(released, voided, 0, 0, 0, 0, ledgerVoided[0]);
        });
        if (!releasedIndexes.isEmpty()) {
            Transitions.released(vault, releasedIndexes);
        }
        if (lostPending) {
            ledger.append(List.of(new Ledger.Entry(0, Ledger.Kind.RECOVERED, id, 0, 0, 0)));
        }
        ImportBatches.ImportRecovery imported = imports.recoverAll();
        vault.forgetReserveFloors();
        if (imported.discarded() + imported.published() == 0) {
            return report;
        }
        return new RecoveryReport(report.released(), report.voided(), imported.discarded(), imported.codesDiscarded(),
                imported.published(), imported.codesPublished(), report.ledgerVoided());
    }

    /** True when a code in the outstanding runs is in the given state: the vault is behind its ledger. */
    private boolean anyInState(Connection c, Map<Long, Ranges> outstanding, String state) throws SQLException {
        for (Map.Entry<Long, Ranges> e : outstanding.entrySet()) {
            Long slot = applications.slotOf(e.getKey());
            if (slot == null) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM code WHERE id BETWEEN ? AND ? AND "
                    + state + " LIMIT 1")) {
                for (long[] run : e.getValue().runs()) {
                    ps.setLong(1, CodeKey.of(slot, run[0]));
                    ps.setLong(2, CodeKey.of(slot, Math.min(run[1], CodeKey.MAX_INDEX)));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** AVAILABLE or RESERVED codes the ledger says are out → VOIDED (LEDGER); returns how many. */
    private int voidOutstanding(Connection c, Map<Long, Ranges> outstanding, long now) throws SQLException {
        int n = 0;
        for (Map.Entry<Long, Ranges> e : outstanding.entrySet()) {
            Long slot = applications.slotOf(e.getKey());
            if (slot == null) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = " + CodeState.VOIDED.stored()
                    + ", reason = 'LEDGER', updated = ? WHERE id BETWEEN ? AND ? AND state IN (" + AVAILABLE + ", "
                    + RESERVED + ")")) {
                for (long[] run : e.getValue().runs()) {
                    ps.setLong(1, now);
                    ps.setLong(2, CodeKey.of(slot, run[0]));
                    ps.setLong(3, CodeKey.of(slot, Math.min(run[1], CodeKey.MAX_INDEX)));
                    n += ps.executeUpdate();
                }
            }
        }
        return n;
    }
}
