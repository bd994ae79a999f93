package io.yima.vault;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where start-up recovery tells the lines about the items whose labels it voids (sent, no verdict): called inside
 * the recovery's transaction, so their results are on disk exactly when the voids are. The line package writes
 * them as the lines' journaled events, which the PLC adapters replay like any result.
 */
@FunctionalInterface
public interface RecoveryJournal {
    /** Only for tools that have no line to tell (tests of the vault alone). */
    RecoveryJournal NONE = (c, items) -> { };

    void voided(Connection c, List<VoidedItem> items) throws SQLException;

    /** A SENT code recovery voids: its job's line, the job, the item it was issued to, the code. */
    record VoidedItem(String line, String jobId, String itemId, long applicationId, long index) {
    }
}
