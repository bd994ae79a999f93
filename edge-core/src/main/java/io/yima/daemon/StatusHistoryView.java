package io.yima.daemon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.printing.LastLabel;
import io.yima.line.TechnicianControls;
import io.yima.printing.LabelPng;
import io.yima.status.StatusHistory;
import io.yima.vault.CodeVault;
import io.yima.vault.JobHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vault's history ({@link JobHistory}) and the lines' last labels in the status port's terms. Called on the
 * status port's blocking pool only. The preview PNG is made once per label and kept until the next one.
 */
final class StatusHistoryView implements StatusHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobHistory jobs;
    private final Map<String, ? extends TechnicianControls> lines;
    private volatile Preview cached;

    private record Preview(LastLabel label, LabelPreview preview) {
    }

    StatusHistoryView(CodeVault vault, Map<String, ? extends TechnicianControls> lines) {
        this.jobs = new JobHistory(vault);
        this.lines = lines;
    }

    @Override
    public List<JobSummary> recentJobs(int limit) {
        return jobs.recentJobs(limit).stream().map(j -> new JobSummary(j.id(), j.line(), j.applicationId(), j.sku(),
                j.batch(), j.quantity(), j.state(), iso(j.openedMillis()), iso(j.closedMillis()), j.counts().printed(),
                j.counts().bound(), j.counts().rejected(), j.counts().voided())).toList();
    }

    @Override
    public boolean jobExists(String jobId) {
        return jobs.exists(jobId);
    }

    @Override
    public CodePage codes(String jobId, Object cursor, int limit) {
        JobHistory.Page page = jobs.codes(jobId, cursor == null ? JobHistory.Cursor.START : (JobHistory.Cursor) cursor,
                limit);
        return new CodePage(page.codes().stream().map(c -> new JobCode(c.code(), c.itemId(), c.state().name(),
                c.reason(), c.activationState(), c.applicationId(), c.index(), iso(c.updatedMillis()))).toList(),
                page.next());
    }

    @Override
    public List<FailedActivation> failedActivations(int limit) {
        return jobs.failedActivations(limit).stream().map(f -> new FailedActivation(f.rangeId(), f.applicationId(),
                f.jobId(), f.fromIndex(), f.toIndex(), f.attempts(), f.lastError(), iso(f.updatedMillis()))).toList();
    }

    @Override
    public List<AuditEntry> auditTail(int limit) {
        return jobs.auditTail(limit).stream().map(a -> new AuditEntry(a.seq(), iso(a.atMillis()), a.kind(),
                body(a.json()))).toList();
    }

    @Override
    public void audit(String kind, Map<String, String> body) {
        jobs.audit(kind, body);
    }

    @Override
    public Optional<LabelPreview> lastLabel(String lineId) {
        TechnicianControls line = lines.get(lineId);
        LastLabel last = line == null ? null : line.lastLabel();
        if (last == null) {
            return Optional.empty();
        }
        Preview p = cached;
        if (p == null || p.label() != last) {
            String language = line.config().printer().language().configName();
            p = new Preview(last, new LabelPreview(lineId, last.applicationId(), last.codeIndex(), last.code(),
                    iso(last.renderedAtMillis()), language, last.bytes(), LabelPng.png(last.preview())));
            cached = p;
        }
        return Optional.of(p.preview());
    }

    private static Map<String, Object> body(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return Map.of("text", json);
        }
    }

    private static String iso(long millis) {
        return millis <= 0 ? null : Instant.ofEpochMilli(millis).toString();
    }
}
