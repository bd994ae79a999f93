package io.yima.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StatusHistory} held in lists, for the status port's handler tests: the vault side has its own tests
 * (JobHistoryTest) and the whole path runs in the simulator's DashboardLineIT. It records which threads asked.
 */
final class MemoryHistory implements StatusHistory {
    final List<JobCode> codes = new ArrayList<>();
    final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger pagesRead = new AtomicInteger();
    volatile LabelPreview label;

    MemoryHistory withCodes(int n) {
        for (int i = 0; i < n; i++) {
            codes.add(new JobCode(String.format("C%08d", i), "item-" + i, "BOUND", null, "PENDING", 7, i,
                    "2026-12-04T14:02:11Z"));
        }
        return this;
    }

    private void asked() {
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public List<JobSummary> recentJobs(int limit) {
        asked();
        List<JobSummary> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            all.add(new JobSummary("J-" + i, "L1", 7, "SKU", "B", 10, "CLOSED", "2026-12-04T14:00:00Z",
                    "2026-12-04T14:10:00Z", 10, 9, 1, 0));
        }
        return all.subList(0, Math.min(limit, all.size()));
    }

    @Override
    public boolean jobExists(String jobId) {
        asked();
        return jobId.equals("J-1");
    }

    @Override
    public CodePage codes(String jobId, Object cursor, int limit) {
        asked();
        pagesRead.incrementAndGet();
        int from = cursor == null ? 0 : (Integer) cursor;
        int to = Math.min(codes.size(), from + limit);
        return new CodePage(List.copyOf(codes.subList(from, to)), to - from < limit ? null : to);
    }

    @Override
    public List<FailedActivation> failedActivations(int limit) {
        asked();
        return List.of(new FailedActivation(3, 7, "J-1", 0, 9, 1, "codeactive: errcode 80301 not yours",
                "2026-12-04T14:02:11Z"));
    }

    @Override
    public List<AuditEntry> auditTail(int limit) {
        asked();
        List<AuditEntry> newestFirst = new ArrayList<>(audit);
        Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    }

    @Override
    public void audit(String kind, Map<String, String> body) {
        asked();
        audit.add(new AuditEntry(audit.size() + 1, "2026-12-04T14:02:11Z", kind, Map.copyOf(body)));
    }

    @Override
    public Optional<LabelPreview> lastLabel(String lineId) {
        asked();
        return lineId.equals("L1") ? Optional.ofNullable(label) : Optional.empty();
    }
}
