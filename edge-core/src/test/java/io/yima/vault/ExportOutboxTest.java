package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.ExportOutbox.Kind;
import io.yima.vault.ExportOutbox.Record;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox rows are written by the vault's own transactions, whoever makes the change. */
class ExportOutboxTest {
    @TempDir
    Path dir;
    CodeVault vault;
    ExportOutbox outbox;

    static final JobSpec JOB = new JobSpec("J1", "line-1", APP, "SKU-1", "B7", 100, "QR", "TRIGGERED", null);

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 50))))));
        outbox = new ExportOutbox(vault);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private List<Kind> kinds() {
        return outbox.after(0, 1000).stream().map(Record::kind).toList();
    }

    @Test
    void nothingIsWrittenWhileTheSwitchIsOff() {
        vault.openJob(JOB);
        vault.reserve(APP, "J1", 2);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0")));
        assertThat(outbox.after(0, 10)).isEmpty();
    }

    @Test
    void everyExportedChangeIsOneRowInCommitOrderWithTheCodeAndJobJoined() {
        outbox.enable(true);
        vault.openJob(JOB);
        vault.reserve(APP, "J1", 6);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1"),
                new Issue(APP, 2, "J1", "i2")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "i0")));
        vault.reject(List.of(new Rejection(APP, 1, "NO_READ")));
        // index 2 was sent, index 5 only reserved: only the sent one is news
        vault.voidCodes(List.of(new CodeRef(APP, 2), new CodeRef(APP, 5)), "JOB_CLOSED");
        vault.inTransaction(c -> vault.setActivation(c, APP, 0, 0, "ACTIVATED", null));

        List<Record> rows = outbox.after(0, 100);
        assertThat(rows).extracting(Record::kind).containsExactly(Kind.JOB_OPENED, Kind.COMMISSIONED,
                Kind.COMMISSIONED, Kind.COMMISSIONED, Kind.BOUND, Kind.REJECTED, Kind.VOIDED, Kind.ACTIVATED);
        assertThat(rows).extracting(Record::seq).isSorted().doesNotHaveDuplicates();
        assertThat(rows).allMatch(r -> "line-1".equals(r.line()) && r.job().sku().equals("SKU-1"));
        Record bound = rows.get(4);
        assertThat(bound.code().index()).isZero();
        assertThat(bound.code().url()).isEqualTo(vault.byIndex(APP, 0).orElseThrow().url());
        assertThat(bound.itemId()).isEqualTo("i0");
        assertThat(rows.get(5).reason()).isEqualTo("NO_READ");
        assertThat(rows.get(6).reason()).isEqualTo("JOB_CLOSED");
        assertThat(rows.get(6).code().index()).isEqualTo(2);
        assertThat(rows.get(7).code().index()).isZero();
    }

    @Test
    void aRolledBackChangeLeavesNoRow() {
        outbox.enable(true);
        vault.openJob(JOB);
        vault.reserve(APP, "J1", 3);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0")));
        long before = outbox.after(0, 100).size();
        // the batch's second code was never sent: the whole batch, its first bind included, rolls back
        assertThatThrownBy(() -> vault.bind(List.of(new Binding(APP, 0, "J1", "i0"), new Binding(APP, 1, "J1", "i1"))))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(outbox.after(0, 100)).hasSize((int) before);
        assertThat(kinds()).doesNotContain(Kind.BOUND);
    }

    @Test
    void recoveryVoidsOfSentCodesAreExported() {
        outbox.enable(true);
        vault.openJob(JOB);
        vault.reserve(APP, "J1", 3);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0")));
        vault.recover();
        List<Record> rows = outbox.after(0, 100);
        assertThat(rows.get(rows.size() - 1).kind()).isEqualTo(Kind.VOIDED);
        assertThat(rows.get(rows.size() - 1).reason()).isEqualTo("CRASH");
        assertThat(rows).filteredOn(r -> r.kind() == Kind.VOIDED).hasSize(1);
    }

    @Test
    void journaledFaultsAndTheClosingAccountAreCopiedFromTheLinesJournal() {
        outbox.enable(true);
        vault.inTransaction(c -> {
            LineEventLog.append(c, "line-1", List.of(
                    new LineEventLog.Row(1, null, "DeviceFault", "{\"number\":1,\"device\":\"PRINTER\",\"reason\":\"paper out\"}", 5),
                    new LineEventLog.Row(2, null, "LabelPrinted", "{}", 6),
                    new LineEventLog.Row(3, "J1", "JobClosed", "{\"number\":3}", 7)));
            return null;
        });
        List<Record> rows = outbox.after(0, 100);
        assertThat(rows).extracting(Record::kind).containsExactly(Kind.DEVICE_FAULT, Kind.JOB_CLOSED);
        assertThat(rows.get(0).detail()).contains("paper out");
        assertThat(rows.get(0).ts()).isEqualTo(5);
        assertThat(rows.get(1).line()).isEqualTo("line-1");
    }

    @Test
    void theCursorMovesForwardOnlyAndPruningKeepsWhatWasNotAcknowledged() {
        outbox.enable(true);
        vault.openJob(JOB);
        vault.reserve(APP, "J1", 4);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1"),
                new Issue(APP, 2, "J1", "i2")));
        List<Record> rows = outbox.after(0, 100);
        assertThat(outbox.backlog("mqtt").events()).isEqualTo(4);
        outbox.acknowledge("mqtt", rows.get(1).seq());
        outbox.acknowledge("mqtt", rows.get(0).seq());
        assertThat(outbox.cursor("mqtt")).isEqualTo(rows.get(1).seq());
        assertThat(outbox.backlog("mqtt").events()).isEqualTo(2);
        assertThat(outbox.prune("mqtt", Long.MAX_VALUE, 1000)).isEqualTo(2);
        assertThat(outbox.after(0, 100)).extracting(Record::seq).containsExactly(rows.get(2).seq(), rows.get(3).seq());
        assertThat(outbox.ofJob("J1")).hasSize(2);
    }

    @Test
    void aVaultFromTheLastReleaseGainsTheOutboxSwitchedOffWithItsOwnId() throws Exception {
        Path file = dir.resolve("v5.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Schema.migrate(c, 5);
        }
        String id;
        try (CodeVault v = CodeVault.open(file)) {
            id = new ExportOutbox(v).vaultId();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(new ExportOutbox(v).after(0, 1)).isEmpty();
        }
        try (CodeVault v = CodeVault.open(file)) {
            assertThat(new ExportOutbox(v).vaultId()).isEqualTo(id).isNotEqualTo(outbox.vaultId());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = c.prepareStatement("SELECT enabled FROM export_switch")) {
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
