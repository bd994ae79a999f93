package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeVaultTest {
    @TempDir
    Path dir;
    CodeVault vault;

    static final JobSpec JOB = new JobSpec("J1", "line-1", APP, "SKU-1", "B7", 100, "MICROCODE", "TRIGGERED",
            new ActivationFields("spring", "Yima", "Tea", "6901234567892", "wxabc", "pages/index", 0));

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 50))))));
        vault.openJob(JOB);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private CodeState state(long index) {
        return vault.byIndex(APP, index).orElseThrow().state();
    }

    private long events() {
        return vault.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM event")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void reserveHandsOutLowestIndexesInOrderAndMarksThemReserved() {
        List<CodeRecord> first = vault.reserve(APP, "J1", 5);
        List<CodeRecord> second = vault.reserve(APP, "J1", 3);
        assertThat(first).extracting(CodeRecord::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(second).extracting(CodeRecord::index).containsExactly(5L, 6L, 7L);
        assertThat(first).allMatch(r -> r.state() == CodeState.RESERVED && r.jobId().equals("J1"));
        assertThat(state(4)).isEqualTo(CodeState.RESERVED);
        assertThat(state(8)).isEqualTo(CodeState.AVAILABLE);
    }

    @Test
    void reserveReturnsFewerWhenStockRunsOut() {
        assertThat(vault.reserve(APP, "J1", 45)).hasSize(45);
        assertThat(vault.reserve(APP, "J1", 10)).extracting(CodeRecord::index).containsExactly(45L, 46L, 47L, 48L, 49L);
        assertThat(vault.reserve(APP, "J1", 10)).isEmpty();
        assertThat(vault.reserve(999L, "J1", 10)).isEmpty();
    }

    @Test
    void fullLifeSentBoundRejectedVoidedAndTheJobReportBalances() {
        vault.reserve(APP, "J1", 6);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1"),
                new Issue(APP, 2, "J1", "i2"), new Issue(APP, 3, "J1", "i3")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "i0"), new Binding(APP, 1, "J1", "i1")));
        vault.reject(List.of(new Rejection(APP, 2, "NO_READ")));
        vault.voidCodes(List.of(new CodeRef(APP, 3), new CodeRef(APP, 4)), "JOB_CLOSE");
        CodeRecord bound = vault.byIndex(APP, 0).orElseThrow();
        assertThat(bound.state()).isEqualTo(CodeState.BOUND);
        assertThat(bound.activationState()).isEqualTo("PENDING");
        assertThat(bound.itemId()).isEqualTo("i0");
        assertThat(vault.byIndex(APP, 2).orElseThrow().reason()).isEqualTo("NO_READ");

        JobReport open = vault.jobReport("J1");
        assertThat(open.bound()).isEqualTo(2);
        assertThat(open.rejected()).isEqualTo(1);
        assertThat(open.rejectedByReason()).containsEntry("NO_READ", 1L);
        assertThat(open.voided()).isEqualTo(2);
        assertThat(open.voidedAfterSent()).isEqualTo(1);
        assertThat(open.printed()).isEqualTo(4);
        assertThat(open.reserved()).isEqualTo(1);
        assertThat(open.balanced()).isFalse();

        assertThat(vault.release("J1")).isEqualTo(1);
        assertThat(state(5)).isEqualTo(CodeState.AVAILABLE);
        JobReport closed = vault.jobReport("J1");
        assertThat(closed.balanced()).isTrue();
        assertThat(closed.indexes().get(CodeState.BOUND)).containsExactly(0L, 1L);

        VaultStats.ApplicationStats s = vault.stats().applications().get(0);
        assertThat(s.total()).isEqualTo(50);
        assertThat(s.states()).containsEntry(CodeState.AVAILABLE, 45L).containsEntry(CodeState.BOUND, 2L)
                .containsEntry(CodeState.REJECTED, 1L).containsEntry(CodeState.VOIDED, 2L);
        assertThat(s.activation()).containsEntry("PENDING", 2L).containsEntry("ACTIVATED", 0L);
        assertThat(s.states().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.total());
    }

    @Test
    void illegalTransitionIsRefusedAndTheWholeBatchRollsBack() {
        vault.reserve(APP, "J1", 2);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1")));
        vault.bind(List.of(new Binding(APP, 1, "J1", "i1")));
        long events = events();
        assertThatThrownBy(() -> vault.bind(List.of(new Binding(APP, 0, "J1", "i0"), new Binding(APP, 1, "J1", "i1"))))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("code " + APP + "/1 is BOUND, expected SENT");
        assertThat(state(0)).isEqualTo(CodeState.SENT);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aCodeNeverSentCannotBeBoundAndAnAvailableCodeCannotBeSent() {
        vault.reserve(APP, "J1", 1);
        assertThatThrownBy(() -> vault.bind(List.of(new Binding(APP, 0, "J1", "i0"))))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is RESERVED, expected SENT");
        assertThatThrownBy(() -> vault.markSent(List.of(new Issue(APP, 9, "J1", "i9"))))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is AVAILABLE, expected RESERVED");
        assertThatThrownBy(() -> vault.voidCodes(List.of(new CodeRef(APP, 9)), "X"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("expected RESERVED or SENT");
        assertThatThrownBy(() -> vault.markSent(List.of(new Issue(APP, 5000, "J1", "i"))))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("not in the vault");
    }

    @Test
    void aRefusedTransitionLeavesTheSameTransitionsWorkingAfterIt() {
        // the transitions keep their prepared statements across transactions: a refusal must not spoil them
        vault.reserve(APP, "J1", 2);
        assertThatThrownBy(() -> vault.markSent(List.of(new Issue(APP, 9, "J1", "i9"))))
                .isInstanceOf(IllegalTransitionException.class);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0")));
        assertThatThrownBy(() -> vault.bind(List.of(new Binding(APP, 1, "J1", "i1"))))
                .isInstanceOf(IllegalTransitionException.class);
        vault.bind(List.of(new Binding(APP, 0, "J1", "i0")));
        vault.markSent(List.of(new Issue(APP, 1, "J1", "i1")));
        vault.bind(List.of(new Binding(APP, 1, "J1", "i1")));
        assertThat(state(0)).isEqualTo(CodeState.BOUND);
        assertThat(state(1)).isEqualTo(CodeState.BOUND);
        assertThat(vault.byIndex(APP, 1).orElseThrow().itemId()).isEqualTo("i1");
    }

    @Test
    void aRejectedCodeNeverReturnsToStock() {
        vault.reserve(APP, "J1", 1);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0")));
        vault.reject(List.of(new Rejection(APP, 0, "TIMEOUT")));
        vault.release("J1");
        vault.recover();
        assertThat(vault.reserve(APP, "J1", 50)).extracting(CodeRecord::index).doesNotContain(0L).hasSize(49);
    }

    @Test
    void recoveryReleasesReservedAndVoidsSentWithReasonCrash() {
        vault.reserve(APP, "J1", 4);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1")));
        vault.close();
        vault = CodeVault.open(dir.resolve("vault.db"));
        RecoveryReport report = vault.recover();
        assertThat(report).isEqualTo(new RecoveryReport(2, 2));
        assertThat(vault.byIndex(APP, 0).orElseThrow().reason()).isEqualTo("CRASH");
        assertThat(state(1)).isEqualTo(CodeState.VOIDED);
        assertThat(state(2)).isEqualTo(CodeState.AVAILABLE);
        assertThat(vault.reserve(APP, "J1", 1)).extracting(CodeRecord::index).containsExactly(2L);
    }

    @Test
    void openJobIsIdempotentForTheSameSpecAndRefusesADifferentOne() {
        vault.openJob(JOB);
        assertThat(vault.job("J1")).contains(JOB);
        assertThat(vault.jobState("J1")).isEqualTo(JobState.OPEN);
        assertThatThrownBy(() -> vault.openJob(new JobSpec("J1", "line-1", APP, "SKU-2", "B7", 100, "MICROCODE",
                "TRIGGERED", JOB.activation()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already open with other fields");
        vault.setJobState("J1", JobState.CLOSED);
        assertThat(vault.jobState("J1")).isEqualTo(JobState.CLOSED);
        assertThat(vault.job("nope")).isEmpty();
    }

    @Test
    void resolveReadIgnoresGarbage() {
        assertThat(vault.resolveRead("NOREAD")).isEmpty();
        assertThat(vault.resolveRead("")).isEmpty();
        assertThat(vault.resolveRead(null)).isEmpty();
        assertThat(vault.resolveRead("x".repeat(400))).isEmpty();
    }

    @Test
    void setActivationTouchesOnlyBoundCodesOfTheRange() throws Exception {
        vault.reserve(APP, "J1", 3);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "a"), new Issue(APP, 1, "J1", "b"), new Issue(APP, 2, "J1", "c")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "a"), new Binding(APP, 1, "J1", "b")));
        vault.reject(List.of(new Rejection(APP, 2, "NO_READ")));
        Integer n = vault.<Integer>inTransaction(c -> vault.setActivation(c, APP, 0, 2, "ACTIVATED", 7L));
        assertThat(n.intValue()).isEqualTo(2);
        assertThat(vault.byIndex(APP, 1).orElseThrow().activationState()).isEqualTo("ACTIVATED");
        assertThat(vault.byIndex(APP, 2).orElseThrow().activationState()).isNull();
    }

    @Test
    void migrationIsRecordedAndReopeningKeepsData() {
        vault.close();
        vault = CodeVault.open(dir.resolve("vault.db"));
        Integer version = vault.<Integer>inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(version.intValue()).isEqualTo(Schema.latestVersion());
        assertThat(vault.stats().applications().get(0).total()).isEqualTo(50);
    }

    @Test
    void issuedToFindsTheCodeAnItemGotInItsJob() {
        vault.reserve(APP, "J1", 4);
        assertThat(vault.issuedTo("J1", "item-1")).isEmpty();
        vault.markSent(List.of(new Issue(APP, 0, "J1", "item-1"), new Issue(APP, 1, "J1", "item-2")));
        assertThat(vault.issuedTo("J1", "item-1")).get().extracting(CodeRecord::index, CodeRecord::state)
                .containsExactly(0L, CodeState.SENT);
        // the first label of item-1 is rejected, a second one is printed and bound: the item's code is the second
        vault.reject(List.of(new Rejection(APP, 0, "NO_READ")));
        vault.markSent(List.of(new Issue(APP, 2, "J1", "item-1")));
        vault.bind(List.of(new Binding(APP, 2, "J1", "item-1")));
        assertThat(vault.issuedTo("J1", "item-1")).get().extracting(CodeRecord::index, CodeRecord::state)
                .containsExactly(2L, CodeState.BOUND);
        vault.voidCodes(List.of(new CodeRef(APP, 1), new CodeRef(APP, 3)), "JOB_CLOSE");
        assertThat(vault.issuedTo("J1", "item-2")).get().extracting(CodeRecord::state).isEqualTo(CodeState.VOIDED);
        assertThat(vault.issuedTo("J2", "item-1")).isEmpty();
    }
    @Test
    void theVaultsConnectionsDoNoGeneratedKeysWorkAfterAnInsert() {
        // the driver's generated-keys support (a regex over every statement, an extra query after each INSERT) is
        // off; an insert's id comes from RETURNING where the vault needs it
        boolean keysFetched = vault.inTransaction(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO event(ts, kind, json) VALUES (1, 'T', '{}')")) {
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next();
                }
            }
        });
        assertThat(keysFetched).isFalse();
        long lastId = vault.inTransaction(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO event(ts, kind, json) VALUES (2, 'T', '{}')"
                    + " RETURNING seq");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        long maxId = vault.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT max(seq) FROM event")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(lastId).isEqualTo(maxId);
    }
}
