package io.yima.line;

/**
 * Where an item's result goes: the job's counters (STATUS, status page), the metrics observer and the PLC event,
 * in that order, so the three never tell different stories about the same item.
 */
record ItemResults(String lineId, LineStats stats, EventJournal journal, LineObserver observer) {

    void bound(String itemId, String code) {
        stats.bound++;
        observer.bound(lineId);
        journal.emit("OK", itemId, code);
    }

    void rejected(String itemId, RejectReason reason) {
        stats.reject(reason);
        observer.rejected(lineId, reason);
        journal.emit("REJECT", itemId, reason.name());
    }
}
