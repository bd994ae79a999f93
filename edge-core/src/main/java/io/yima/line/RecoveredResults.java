package io.yima.line;

import io.yima.vault.LineEventLog;
import io.yima.vault.RecoveryJournal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every issued item gets a result, also when the edge died with its label on the way: start-up recovery voids
 * such codes (sent, no verdict — the kill came before the scan, or while a vault fault held the results in memory)
 * and, in the same transaction, this writes an {@link LineEvent.ItemRejected} {@link RejectReason#VOIDED} per item
 * into its line's journal, numbered above anything the line may have handed out. The PLC adapters replay them
 * after the restart like any result, so the PLC kicks those products out.
 */
public final class RecoveredResults implements RecoveryJournal {
    private static final Logger log = LoggerFactory.getLogger(RecoveredResults.class);

    @Override
    public void voided(Connection c, List<VoidedItem> items) throws SQLException {
        Map<String, List<VoidedItem>> byLine = new LinkedHashMap<>();
        for (VoidedItem i : items) {
            byLine.computeIfAbsent(i.line(), l -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<VoidedItem>> e : byLine.entrySet()) {
            String line = e.getKey();
            long n = LineEventLog.highestIssued(c, line);
            List<LineEventLog.Row> rows = new ArrayList<>(e.getValue().size());
            for (VoidedItem i : e.getValue()) {
                rows.add(LineEvents.row(new LineEvent.ItemRejected(++n, i.itemId(), RejectReason.VOIDED, -1),
                        i.jobId()));
            }
            LineEventLog.append(c, line, rows);
            LineEventLog.reserve(c, line, n); // the line's numbering continues above these
            log.warn("line {}: {} item(s) had a label on its way when the edge stopped; their codes are voided and"
                    + " the PLC gets REJECT VOIDED for each (events up to {})", line, rows.size(), n);
        }
    }
}
