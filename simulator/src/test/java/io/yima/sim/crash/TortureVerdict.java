package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a torture run by the printer's record against what the vault holds after recovery: no code printed twice,
 * every printed code BOUND, REJECTED or VOIDED in one of the run's jobs, nothing left RESERVED or SENT, every job
 * balanced, every bound code on a printed label, the file intact. The counts are printed before anything is
 * asserted, so a failing run still says how many codes it printed twice and lost.
 */
final class TortureVerdict {
    private TortureVerdict() {
    }

    /** Codes printed more than once (each extra print counts) and printed codes the vault does not account for. */
    record Tally(int labels, int duplicates, List<String> lost) {
    }

    static Tally tally(List<String> reads, Path vaultFile, List<String> jobs) {
        Map<String, Integer> seen = new HashMap<>();
        int duplicates = 0;
        for (String read : reads) {
            if (read != null && seen.merge(read, 1, Integer::sum) > 1) {
                duplicates++;
            }
        }
        List<String> lost = new ArrayList<>();
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            vault.recover();
            for (String read : seen.keySet()) {
                Optional<CodeRecord> c = vault.resolveRead(read);
                if (c.isEmpty()) {
                    lost.add(read + " not in the vault");
                } else if (!Set.of(CodeState.BOUND, CodeState.REJECTED, CodeState.VOIDED).contains(c.get().state())
                        || !jobs.contains(c.get().jobId())) {
                    lost.add(read + " (index " + c.get().index() + ") " + c.get().state() + " in job "
                            + c.get().jobId());
                }
            }
        }
        return new Tally(reads.size(), duplicates, lost);
    }

    /** The whole verdict; {@code what} names the run in messages. */
    static void check(String what, List<String> reads, Path vaultFile, List<String> jobs, List<String> outages,
            List<String> problems) throws Exception {
        Tally t = tally(reads, vaultFile, jobs);
        System.out.printf("%s: %d jobs, %d outages, %d labels printed, %d printed twice, %d lost, %d line problems%n",
                what, jobs.size(), outages.size(), t.labels(), t.duplicates(), t.lost().size(), problems.size());
        problems.stream().limit(20).forEach(p -> System.out.println("  line problem: " + p));
        t.lost().stream().limit(5).forEach(l -> System.out.println("  lost: " + l));
        assertThat(reads).as("every label the printer received reads").doesNotContainNull();
        assertThat(t.duplicates()).as("%s: codes printed twice (outages: %s)", what, outages).isZero();
        assertThat(t.lost()).as("%s: printed codes not BOUND, REJECTED or VOIDED in a job of the run", what)
                .isEmpty();
        assertThat(problems).as("%s: what went wrong on the line", what).isEmpty();
        assertThat(outages).as("outages happened while labels flowed").hasSizeGreaterThanOrEqualTo(jobs.size());

        Set<Long> printedIndexes = new HashSet<>();
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            for (String read : reads) {
                printedIndexes.add(vault.resolveRead(read).orElseThrow().index());
            }
            var states = vault.stats().applications().get(0).states();
            assertThat(states.get(CodeState.RESERVED) + states.get(CodeState.SENT)).as("left RESERVED or SENT")
                    .isZero();
            for (String job : jobs) {
                JobReport r = vault.jobReport(job);
                assertThat(r.balanced()).as(job + " balanced").isTrue();
                assertThat(r.printed()).as(job).isEqualTo(r.bound() + r.rejected() + r.voidedAfterSent());
                // A code can only be bound if its label was printed and read.
                assertThat(printedIndexes).as("bound codes of " + job + " on printed labels")
                        .containsAll(r.indexes().get(CodeState.BOUND));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vaultFile);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
