package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the status page reads of the past, on a real vault file. */
class JobHistoryTest {
    @TempDir
    Path dir;
    CodeVault vault;
    JobHistory history;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, 4_000))))));
        history = new JobHistory(vault);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private static JobSpec job(String id, int quantity) {
        return new JobSpec(id, "L1", APP, "SKU-" + id, "B-" + id, quantity, "QR", "TRIGGERED", null);
    }

    @Test
    void pagesOfAJobsCodesCoverEveryCodeOnceWhateverThePageSize() {
        vault.openJob(job("J1", 3_000));
        List<CodeRecord> taken = vault.reserve(APP, "J1", 3_000);
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            issues.add(new Issue(APP, taken.get(i).index(), "J1", String.format("item-%04d", 2_499 - i)));
        }
        vault.markSent(issues);
        vault.bind(IntStream.range(0, 100).mapToObj(i -> new Binding(APP, taken.get(i).index(), "J1",
                String.format("item-%04d", 2_499 - i))).toList());
        vault.openJob(job("J2", 10));
        vault.reserve(APP, "J2", 10);

        for (int pageSize : new int[] {1, 499, 500, 701, 3_000, 5_000}) {
            List<JobHistory.JobCode> all = new ArrayList<>();
            JobHistory.Cursor cursor = JobHistory.Cursor.START;
            int pages = 0;
            while (cursor != null) {
                JobHistory.Page page = history.codes("J1", cursor, pageSize);
                assertThat(page.codes()).hasSizeLessThanOrEqualTo(pageSize);
                all.addAll(page.codes());
                cursor = page.next();
                pages++;
                assertThat(pages).as("pages end").isLessThan(4_000);
            }
            assertThat(all).as("page size %d", pageSize).hasSize(3_000);
            assertThat(new HashSet<>(all.stream().map(JobHistory.JobCode::index).toList())).hasSize(3_000);
            assertThat(all.subList(0, 500)).as("codes never sent come first").allMatch(c -> c.itemId() == null
                    && c.state() == CodeState.RESERVED);
            List<String> items = all.subList(500, 3_000).stream().map(JobHistory.JobCode::itemId).toList();
            assertThat(items).isSorted().first().isEqualTo("item-0000");
        }
        JobHistory.JobCode bound = history.codes("J1", new JobHistory.Cursor(true, "item-2498", Long.MAX_VALUE), 1)
                .codes().get(0);
        assertThat(bound.itemId()).isEqualTo("item-2499");
        assertThat(bound.state()).isEqualTo(CodeState.BOUND);
        assertThat(bound.activationState()).isEqualTo("PENDING");
        assertThat(bound.updatedMillis()).isPositive();
        assertThat(bound.code()).isEqualTo(taken.get(0).code());
    }

    @Test
    void recentJobsComeNewestFirstWithTheirAccounts() {
        vault.openJob(job("OLD", 5));
        vault.reserve(APP, "OLD", 5);
        vault.markSent(List.of(new Issue(APP, 0, "OLD", "a"), new Issue(APP, 1, "OLD", "b"),
                new Issue(APP, 2, "OLD", "c")));
        vault.bind(List.of(new Binding(APP, 0, "OLD", "a")));
        vault.reject(List.of(new Rejection(APP, 1, "NO_READ")));
        vault.voidCodes(List.of(new CodeRef(APP, 2), new CodeRef(APP, 3)), "JOB_CLOSE");
        vault.setJobState("OLD", JobState.CLOSED);
        vault.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE job SET opened = opened - 60000 WHERE id = 'OLD'")); // opened a minute earlier
        vault.openJob(job("NEW", 7));

        List<JobHistory.JobSummary> jobs = history.recentJobs(10);
        assertThat(jobs).extracting(JobHistory.JobSummary::id).containsExactly("NEW", "OLD");
        JobHistory.JobSummary old = jobs.get(1);
        assertThat(old.state()).isEqualTo("CLOSED");
        assertThat(old.closedMillis()).isGreaterThanOrEqualTo(old.openedMillis());
        assertThat(old.counts()).isEqualTo(new JobCounts(3, 1, 1, 2));
        assertThat(jobs.get(0).closedMillis()).isZero();
        assertThat(history.recentJobs(1)).hasSize(1);
        assertThat(history.exists("OLD")).isTrue();
        assertThat(history.exists("NOPE")).isFalse();
    }

    @Test
    void failedActivationsCarryTheUpstreamReason() {
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO activation_range(application_id, job_id,"
                    + " idx_start, idx_end, state, attempts, last_error, created, updated) VALUES (?, 'J1', ?, ?, ?, 1,"
                    + " ?, 1, ?)")) {
                Object[][] rows = {{0, 9, "FAILED", "codeactive: errcode 80301 not yours", 100},
                        {10, 19, "ACTIVATED", null, 200}, {20, 29, "FAILED", "codeactive: errcode 47001 bad", 300}};
                for (Object[] r : rows) {
                    ps.setLong(1, APP);
                    ps.setInt(2, (Integer) r[0]);
                    ps.setInt(3, (Integer) r[1]);
                    ps.setString(4, (String) r[2]);
                    ps.setString(5, (String) r[3]);
                    ps.setInt(6, (Integer) r[4]);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        List<JobHistory.FailedActivation> failed = history.failedActivations(10);
        assertThat(failed).extracting(JobHistory.FailedActivation::lastError)
                .containsExactly("codeactive: errcode 47001 bad", "codeactive: errcode 80301 not yours");
        assertThat(failed.get(1).fromIndex()).isZero();
        assertThat(failed.get(1).toIndex()).isEqualTo(9);
        assertThat(failed.get(1).jobId()).isEqualTo("J1");
    }

    @Test
    void theAuditTailSkipsPerBlockBookkeepingAndShowsControlsNewestFirst() {
        vault.openJob(job("J1", 10));
        vault.reserve(APP, "J1", 10);
        history.audit("CONTROL", Map.of("action", "pause", "by", "Li Na"));
        List<CodeRecord> taken = vault.reserve(APP, "J1", 10);
        vault.markSent(List.of(new Issue(APP, taken.get(0).index(), "J1", "i0")));
        vault.bind(List.of(new Binding(APP, taken.get(0).index(), "J1", "i0")));
        history.audit("CONTROL", Map.of("action", "resume", "by", "Li Na"));

        List<JobHistory.AuditEntry> tail = history.auditTail(10);
        assertThat(tail).extracting(JobHistory.AuditEntry::kind).doesNotContain("RESERVE", "SENT", "BIND")
                .startsWith("CONTROL", "CONTROL").contains("JOB_OPEN", "IMPORT");
        assertThat(tail.get(0).json()).contains("\"resume\"").contains("Li Na");
        assertThat(tail.get(0).seq()).isGreaterThan(tail.get(1).seq());
        assertThat(tail.get(0).atMillis()).isPositive();
        assertThat(history.auditTail(1)).hasSize(1);
    }
}
