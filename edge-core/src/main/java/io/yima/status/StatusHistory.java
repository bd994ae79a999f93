package io.yima.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard shows of the past and of the last label: recent jobs with their accounts, a job's codes for
 * download, FAILED activations with the upstream's reason, the audit log's tail, and the preview of the label a
 * line sent last. Every method may touch the vault or encode an image: the status port calls them only on its
 * bounded {@link BlockingWork} pool, never on an I/O thread. Nothing returned may hold a key, secret or token.
 */
public interface StatusHistory {

    List<JobSummary> recentJobs(int limit);

    boolean jobExists(String jobId);

    /** A page of a job's codes after {@code cursor} (null for the first page); the page's cursor is null at the end. */
    CodePage codes(String jobId, Object cursor, int limit);

    List<FailedActivation> failedActivations(int limit);

    /** Newest first. */
    List<AuditEntry> auditTail(int limit);

    /** Records one entry of the audit log (a technician's control: who, what, outcome). */
    void audit(String kind, Map<String, String> body);

    /** The last label a line sent: its exact bytes and an image of it; empty before the first or for no line. */
    Optional<LabelPreview> lastLabel(String lineId);

    /** A job and its account (printed = bound + rejected + voided after sending). Times ISO-8601, closed null while open. */
    record JobSummary(String id, String line, long applicationId, String sku, String batch, long quantity,
                      String state, String opened, String closed, long printed, long bound, long rejected,
                      long voided) {
    }

    /** One code of a job; {@code updated} (ISO-8601) is the time of its last state change, null if none. */
    record JobCode(String code, String item, String state, String reason, String activation, long application,
                   long index, String updated) {
    }

    record CodePage(List<JobCode> codes, Object cursor) {
    }

    /** A FAILED activation range; {@code reason} is the upstream's last answer (errcode and message). */
    record FailedActivation(long range, long application, String job, long from, long to, int attempts,
                            String reason, String failedAt) {
    }

    /** One audit entry: its number, time (ISO-8601), kind and body as written. */
    record AuditEntry(long seq, String at, String kind, Map<String, Object> body) {
    }

    /**
     * The last label: what code it carried, when, the exact bytes handed to the printer ({@code language} says
     * which: zpl or escpos) and a PNG of the label's symbol made by the {@code render} command's pipeline.
     */
    record LabelPreview(String line, long application, long index, String code, String at, String language,
                        byte[] printerBytes, byte[] png) {
    }

    /** No history (a status port without a vault, e.g. in handler tests). */
    static StatusHistory none() {
        return new StatusHistory() {
            @Override
            public List<JobSummary> recentJobs(int limit) {
                return List.of();
            }

            @Override
            public boolean jobExists(String jobId) {
                return false;
            }

            @Override
            public CodePage codes(String jobId, Object cursor, int limit) {
                return new CodePage(List.of(), null);
            }

            @Override
            public List<FailedActivation> failedActivations(int limit) {
                return List.of();
            }

            @Override
            public List<AuditEntry> auditTail(int limit) {
                return List.of();
            }

            @Override
            public void audit(String kind, Map<String, String> body) {
            }

            @Override
            public Optional<LabelPreview> lastLabel(String lineId) {
                return Optional.empty();
            }
        };
    }
}
