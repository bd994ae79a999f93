package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up recovery tells the lines which items' labels it voids: every SENT code without a verdict, with its job's
 * line, job, item and code, grouped by job in the order they were sent, inside the recovery's own transaction.
 */
class RecoveryJournalTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 40))))));
        vault.openJob(new JobSpec("JB", "line-b", APP, "SKU-1", "B7", 100, "MICROCODE", "TRIGGERED", null));
        vault.openJob(new JobSpec("JA", "line-a", APP, "SKU-1", "B7", 100, "MICROCODE", "TRIGGERED", null));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private List<CodeRecord> sendAll(String job, String... items) {
        List<CodeRecord> codes = vault.reserve(APP, job, items.length);
        for (int i = 0; i < items.length; i++) {
            vault.markSent(List.of(new Issue(APP, codes.get(i).index(), job, items[i])));
        }
        return codes;
    }

    private CodeRecord code(long index) {
        return vault.byIndex(APP, index).orElseThrow();
    }

    @Test
    void everySentCodeWithoutAVerdictIsToldWithItsLineJobAndItemJobByJobInSendingOrder() {
        List<CodeRecord> b = sendAll("JB", "b-1", "b-2");
        List<CodeRecord> a = sendAll("JA", "a-1", "a-2", "a-3");
        vault.bind(List.of(new Binding(APP, a.get(1).index(), "JA", "a-2")));
        vault.reserve(APP, "JA", 4); // reserved, never sent: released, not a voided item

        List<RecoveryJournal.VoidedItem> told = new ArrayList<>();
        RecoveryReport r = vault.recover((c, items) -> told.addAll(items));

        assertThat(told).containsExactly(
                new RecoveryJournal.VoidedItem("line-a", "JA", "a-1", APP, a.get(0).index()),
                new RecoveryJournal.VoidedItem("line-a", "JA", "a-3", APP, a.get(2).index()),
                new RecoveryJournal.VoidedItem("line-b", "JB", "b-1", APP, b.get(0).index()),
                new RecoveryJournal.VoidedItem("line-b", "JB", "b-2", APP, b.get(1).index()));
        assertThat(r.voided()).isEqualTo(4);
        assertThat(r.released()).isEqualTo(4);
        assertThat(code(a.get(0).index()).state()).isEqualTo(CodeState.VOIDED);
        assertThat(code(a.get(0).index()).reason()).isEqualTo("CRASH");
        assertThat(code(a.get(1).index()).state()).isEqualTo(CodeState.BOUND);
        assertThat(r.describe()).isEqualTo("recovered after an unclean stop: 4 reserved codes released (never sent),"
                + " 4 sent codes without a verdict voided");
    }

    @Test
    void aCodeSentForAJobTheVaultDoesNotKnowIsVoidedButNotToldToAnyLine() {
        sendAll("GHOST", "g-1");
        List<CodeRecord> a = sendAll("JA", "a-1");
        List<RecoveryJournal.VoidedItem> told = new ArrayList<>();
        RecoveryReport r = vault.recover((c, items) -> told.addAll(items));
        assertThat(told).containsExactly(new RecoveryJournal.VoidedItem("line-a", "JA", "a-1", APP, a.get(0).index()));
        assertThat(r.voided()).isEqualTo(2);
    }

    @Test
    void whatTheJournalWritesCommitsWithTheVoidsAndAFailingJournalUndoesThem() {
        List<CodeRecord> a = sendAll("JA", "a-1");
        assertThatThrownBy(() -> vault.recover((c, items) -> {
            throw new IllegalStateException("the line's journal could not be written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(code(a.get(0).index()).state()).isEqualTo(CodeState.SENT);

        vault.recover((c, items) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO line_event(line, number, job_id, kind, body,"
                    + " ts) VALUES (?, 1, ?, 'ItemResult', ?, 0)")) {
                ps.setString(1, items.get(0).line());
                ps.setString(2, items.get(0).jobId());
                ps.setString(3, items.get(0).itemId());
                ps.executeUpdate();
            }
        });
        assertThat(code(a.get(0).index()).state()).isEqualTo(CodeState.VOIDED);
        String body = vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT body FROM line_event WHERE line = 'line-a'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertThat(body).isEqualTo("a-1");
    }

    @Test
    void aCleanVaultTellsTheJournalNothingAndSaysSo() {
        List<List<RecoveryJournal.VoidedItem>> calls = new ArrayList<>();
        RecoveryReport r = vault.recover((c, items) -> calls.add(items));
        assertThat(calls).singleElement().satisfies(items -> assertThat(items).isEmpty());
        assertThat(r).isEqualTo(new RecoveryReport(0, 0));
        assertThat(r.describe()).isEqualTo("clean start, nothing to recover");
    }
}
