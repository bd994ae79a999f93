package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activation side of the vault on a real vault file: bound codes cut into ranges, ranges due, activated,
 * retried, deferred, failed and requeued, and what the status page counts. The cutter is the test's own (the
 * upstream outbox's cutting rules are tested in io.yima.upstream).
 */
class ActivationsTest {
    private static final ActivationFields TEA = new ActivationFields("spring", "Yima", "Green tea", "TEA-1",
            "wx123", "/pages/tea", 1);
    private static final ActivationFields RICE = new ActivationFields("spring", "Yima", "Rice", "RICE-1",
            "wx123", "/pages/rice", null);

    @TempDir
    Path dir;
    CodeVault vault;
    Activations activations;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("p.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, 40))))));
        activations = new Activations(vault);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private void openJob(String id, String line, ActivationFields fields, int reserve) {
        vault.openJob(new JobSpec(id, line, APP, "SKU-" + id, "B-" + id, 100, "QR", "TRIGGERED", fields));
        vault.reserve(APP, id, reserve);
    }

    private void send(String job, long... indexes) {
        vault.markSent(LongStream.of(indexes).mapToObj(i -> new Issue(APP, i, job, "item-" + i)).toList());
    }

    private void bind(String job, long... indexes) {
        send(job, indexes);
        vault.bind(LongStream.of(indexes).mapToObj(i -> new Binding(APP, i, job, "item-" + i)).toList());
    }

    /**
     * A cutter that records what it was shown, asks the vault whether the probed indexes may still join (the
     * answer is only valid inside the cut: it reads the vault's transaction) and cuts what the test tells it to.
     */
    private static final class Recording implements Activations.Cutter {
        final Map<Activations.Group, List<Activations.Pending>> seen = new LinkedHashMap<>();
        final Map<Activations.Group, Map<Long, Boolean>> mayJoin = new LinkedHashMap<>();
        final Map<ActivationFields, List<Activations.Run>> cuts = new LinkedHashMap<>();
        final long[] probes;

        Recording(long... probes) {
            this.probes = probes;
        }

        Recording cut(ActivationFields fields, long start, long end) {
            cuts.computeIfAbsent(fields, f -> new ArrayList<>()).add(new Activations.Run(start, end));
            return this;
        }

        @Override
        public List<Activations.Run> cuts(Activations.Group group, List<Activations.Pending> pending,
                                          LongPredicate join) {
            seen.put(group, List.copyOf(pending));
            Map<Long, Boolean> answers = new LinkedHashMap<>();
            for (long index : probes) {
                answers.put(index, join.test(index));
            }
            mayJoin.put(group, answers);
            return cuts.getOrDefault(group.fields(), List.of());
        }
    }

    private Map<String, Long> codeActivationStates() {
        return vault.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT activation_state,"
                    + " count(*) FROM code WHERE activation_state IS NOT NULL GROUP BY 1 ORDER BY 1")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private List<String> events(String kind) {
        return vault.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT json FROM event WHERE kind = '" + kind + "' ORDER BY seq")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** state, attempts, last_error, next_attempt_at (null as -1), updated of one range. */
    private List<Object> range(long id) {
        return vault.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT state, attempts,"
                    + " last_error, coalesce(next_attempt_at, -1), updated FROM activation_range WHERE id = " + id)) {
                assertThat(rs.next()).as("range %d exists", id).isTrue();
                List<Object> row = new ArrayList<>();
                row.add(rs.getString(1));
                row.add(rs.getInt(2));
                row.add(rs.getString(3));
                row.add(rs.getLong(4));
                row.add(rs.getLong(5));
                return row;
            }
        });
    }

    @Test
    void aCutBecomesAQueuedRangeAndItsCodesFollow() {
        long before = System.currentTimeMillis();
        openJob("J1", "L1", TEA, 10);
        bind("J1", 0, 1, 2, 3, 4);
        Recording cutter = new Recording().cut(TEA, 0, 4);

        assertThat(activations.queueReady(cutter, 1_000)).isEqualTo(1);

        Activations.Group tea = new Activations.Group(APP, TEA);
        assertThat(cutter.seen).containsOnlyKeys(tea);
        assertThat(cutter.seen.get(tea)).extracting(Activations.Pending::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(cutter.seen.get(tea)).allSatisfy(p -> assertThat(p.boundAtMillis()).isGreaterThanOrEqualTo(before));
        assertThat(codeActivationStates()).containsExactly(Map.entry("QUEUED", 5L));
        assertThat(activations.counts()).isEqualTo(new Activations.Counts(0, 1, 5, 0, 0, 0, 0));

        List<Activations.DueRange> due = activations.due(1_000, List.of(), List.of(), 10);
        assertThat(due).hasSize(1);
        Activations.DueRange r = due.get(0);
        assertThat(r).isEqualTo(new Activations.DueRange(r.id(), APP, 0, 4, 0, TEA));
        assertThat(range(r.id())).containsExactly("QUEUED", 0, null, 1_000L, 1_000L);
        assertThat(activations.due(999, List.of(), List.of(), 10)).as("not due before its time").isEmpty();
        assertThat(events("ACTIVATION_QUEUED")).singleElement().satisfies(json -> assertThat(json)
                .contains("\"range\":" + r.id(), "\"application\":" + APP, "\"start\":0", "\"end\":4"));

        Recording again = new Recording().cut(TEA, 0, 4);
        assertThat(activations.queueReady(again, 2_000)).as("nothing pending any more").isZero();
        assertThat(again.seen).isEmpty();
    }

    @Test
    void severalCutsOfAGroupLeaveTheRestPending() {
        openJob("J1", "L1", TEA, 10);
        bind("J1", 0, 1, 2, 3, 4, 5);
        Recording cutter = new Recording().cut(TEA, 0, 1).cut(TEA, 3, 5);

        assertThat(activations.queueReady(cutter, 1_000)).isEqualTo(2);

        assertThat(codeActivationStates()).containsExactly(Map.entry("PENDING", 1L), Map.entry("QUEUED", 5L));
        assertThat(activations.counts()).isEqualTo(new Activations.Counts(1, 2, 5, 0, 0, 0, 0));
        assertThat(activations.due(1_000, List.of(), List.of(), 10))
                .extracting(Activations.DueRange::start, Activations.DueRange::end)
                .containsExactly(tuple(0L, 1L), tuple(3L, 5L));
    }

    @Test
    void aCutOverACodeThatIsNotBoundIsRefusedAndNothingIsQueued() {
        openJob("J1", "L1", TEA, 10);
        bind("J1", 0, 1, 2, 3, 4);
        Recording cutter = new Recording().cut(TEA, 0, 5);                  // 5 is only RESERVED

        assertThatThrownBy(() -> activations.queueReady(cutter, 1_000))
                .hasMessageContaining("range 0..5 of application " + APP + " covers 5 bound codes, expected 6");

        assertThat(codeActivationStates()).containsExactly(Map.entry("PENDING", 5L));
        assertThat(activations.counts()).isEqualTo(new Activations.Counts(5, 0, 0, 0, 0, 0, 0));
        assertThat(events("ACTIVATION_QUEUED")).isEmpty();
    }

    @Test
    void codesAreGroupedByApplicationAndActivationFieldsNotByJob() {
        openJob("J1", "L1", TEA, 5);                                        // 0..4
        openJob("J2", "L2", RICE, 5);                                       // 5..9
        openJob("J3", "L3", TEA, 5);                                        // 10..14
        bind("J1", 0, 2);
        bind("J2", 5, 6);
        bind("J3", 11);
        Recording cutter = new Recording().cut(TEA, 0, 0).cut(RICE, 5, 6);

        assertThat(activations.queueReady(cutter, 1_000)).isEqualTo(2);

        Activations.Group tea = new Activations.Group(APP, TEA);
        Activations.Group rice = new Activations.Group(APP, RICE);
        assertThat(cutter.seen).containsOnlyKeys(tea, rice);
        assertThat(cutter.seen.get(tea)).extracting(Activations.Pending::index).containsExactly(0L, 2L, 11L);
        assertThat(cutter.seen.get(rice)).extracting(Activations.Pending::index).containsExactly(5L, 6L);
        List<Activations.DueRange> due = activations.due(1_000, List.of(), List.of(), 10);
        assertThat(due).extracting(Activations.DueRange::fields).containsExactly(TEA, RICE);
        assertThat(due.get(1).fields().wxaType()).as("no mini-program type stays unset").isNull();
        assertThat(due.get(0).fields().wxaType()).isEqualTo(1);
        assertThat(activations.counts()).isEqualTo(new Activations.Counts(2, 2, 3, 0, 0, 0, 0));
    }

    @Test
    void theCutterIsToldWhichNeighboursMayStillJoinTheGroup() {
        openJob("J1", "L1", TEA, 10);                                       // 0..9
        openJob("J2", "L2", RICE, 2);                                       // 10..11, 12.. stay AVAILABLE
        bind("J1", 0, 1, 5);
        send("J1", 2, 4);
        vault.reject(List.of(new Rejection(APP, 4, "NO_READ")));
        bind("J2", 11);
        assertThat(activations.queueReady(new Recording().cut(TEA, 5, 5), 1_000)).isEqualTo(1);

        Recording cutter = new Recording(0, 1, 2, 3, 4, 5, 10, 11, 12, 40, -1, CodeKey.MAX_INDEX, CodeKey.MAX_INDEX + 1);
        assertThat(activations.queueReady(cutter, 2_000)).isZero();
        assertThat(cutter.seen.get(new Activations.Group(APP, TEA))).extracting(Activations.Pending::index)
                .containsExactly(0L, 1L);
        Map<Long, Boolean> mayJoin = cutter.mayJoin.get(new Activations.Group(APP, TEA));

        assertThat(mayJoin.get(0L)).as("bound, pending, same fields (the first index)").isTrue();
        assertThat(mayJoin.get(1L)).as("bound, pending, same fields").isTrue();
        assertThat(mayJoin.get(2L)).as("sent by the group's open job: verdict pending").isTrue();
        assertThat(mayJoin.get(3L)).as("reserved by the group's open job").isTrue();
        assertThat(mayJoin.get(4L)).as("rejected: a final gap").isFalse();
        assertThat(mayJoin.get(5L)).as("bound but already in a range").isFalse();
        assertThat(mayJoin.get(10L)).as("reserved by another group's job").isFalse();
        assertThat(mayJoin.get(11L)).as("bound with other fields").isFalse();
        assertThat(mayJoin.get(12L)).as("in stock while the group has an open job").isTrue();
        assertThat(mayJoin.get(40L)).as("no such code").isFalse();
        assertThat(mayJoin.get(-1L)).isFalse();
        assertThat(mayJoin.get(CodeKey.MAX_INDEX)).isFalse();
        assertThat(mayJoin.get(CodeKey.MAX_INDEX + 1)).isFalse();

        Map<Long, Boolean> rice = cutter.mayJoin.get(new Activations.Group(APP, RICE));
        assertThat(rice.get(10L)).as("reserved by the rice job").isTrue();
        assertThat(rice.get(3L)).as("reserved by the tea job").isFalse();
        assertThat(rice.get(0L)).as("bound to tea").isFalse();
    }

    @Test
    void onceTheGroupsJobsAreClosedStockAndTheirUnsentCodesCanNoLongerJoin() {
        openJob("J1", "L1", TEA, 10);
        bind("J1", 0, 1);
        send("J1", 2);
        vault.setJobState("J1", JobState.CLOSED);

        Recording closed = new Recording(1, 2, 3, 12);
        activations.queueReady(closed, 1_000);
        Map<Long, Boolean> mayJoin = closed.mayJoin.get(new Activations.Group(APP, TEA));
        assertThat(mayJoin.get(1L)).as("bound and pending still joins").isTrue();
        assertThat(mayJoin.get(2L)).as("sent by a closed job").isFalse();
        assertThat(mayJoin.get(3L)).as("reserved by a closed job").isFalse();
        assertThat(mayJoin.get(12L)).as("stock, no open job of the group").isFalse();

        openJob("J3", "L3", TEA, 1);                                        // 10, same fields, open
        Recording reopened = new Recording(12);
        activations.queueReady(reopened, 1_000);
        assertThat(reopened.mayJoin.get(new Activations.Group(APP, TEA)).get(12L))
                .as("stock, an open job of the group may reserve it").isTrue();
    }

    @Test
    void dueRangesHonourTheirTimeTheCallersDeadlinesAndTheLimit() {
        openJob("J1", "L1", TEA, 12);
        bind("J1", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        activations.queueReady(new Recording().cut(TEA, 0, 1).cut(TEA, 2, 4).cut(TEA, 5, 9), 1_000);
        List<Activations.DueRange> all = activations.due(1_000, List.of(), List.of(), 10);
        assertThat(all).hasSize(3);
        Activations.DueRange a = all.get(0);
        Activations.DueRange b = all.get(1);
        Activations.DueRange c = all.get(2);

        activations.retryLater(a, 3, "codeactive: errcode -1 busy", 5_000);
        activations.defer(b, "quota used up", 3_000);

        assertThat(range(a.id())).startsWith("QUEUED", 3, "codeactive: errcode -1 busy", 5_000L);
        assertThat(range(b.id())).startsWith("QUEUED", 0, "quota used up", 3_000L);
        assertThat(events("ACTIVATION_RETRY")).singleElement().satisfies(json -> assertThat(json)
                .contains("\"range\":" + a.id(), "\"attempts\":3", "errcode -1 busy"));

        assertThat(ids(activations.due(2_000, List.of(), List.of(), 10))).containsExactly(c.id());
        assertThat(ids(activations.due(3_000, List.of(), List.of(), 10))).containsExactly(c.id(), b.id());
        assertThat(ids(activations.due(6_000, List.of(), List.of(), 10))).containsExactly(c.id(), b.id(), a.id());
        assertThat(ids(activations.due(6_000, List.of(), List.of(), 2))).containsExactly(c.id(), b.id());
        assertThat(ids(activations.due(2_000, List.of(a.id()), List.of(), 10))).as("ripe by the caller's clock")
                .containsExactly(c.id(), a.id());
        assertThat(ids(activations.due(6_000, List.of(), List.of(c.id(), b.id()), 10)))
                .as("still waiting by the caller's clock").containsExactly(a.id());
        assertThat(activations.due(6_000, List.of(), List.of(), 10).get(2).attempts()).isEqualTo(3);
    }

    private static List<Long> ids(List<Activations.DueRange> due) {
        return due.stream().map(Activations.DueRange::id).toList();
    }

    @Test
    void activatedFailedAndRequeuedRangesCarryTheirCodesAlong() {
        long before = System.currentTimeMillis();
        openJob("J1", "L1", TEA, 12);
        bind("J1", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        activations.queueReady(new Recording().cut(TEA, 0, 1).cut(TEA, 2, 4).cut(TEA, 5, 9), 1_000);
        List<Activations.DueRange> all = activations.due(1_000, List.of(), List.of(), 10);
        Activations.DueRange two = all.get(0);
        Activations.DueRange three = all.get(1);
        Activations.DueRange five = all.get(2);

        activations.activated(two);
        activations.failed(five, "codeactive: errcode 80301 not yours");

        assertThat(range(two.id())).startsWith("ACTIVATED", 1, null, -1L);
        assertThat((Long) range(two.id()).get(4)).isGreaterThanOrEqualTo(before);
        assertThat(range(five.id())).startsWith("FAILED", 1, "codeactive: errcode 80301 not yours", -1L);
        assertThat(codeActivationStates()).containsExactly(Map.entry("ACTIVATED", 2L), Map.entry("FAILED", 5L),
                Map.entry("QUEUED", 3L));
        assertThat(activations.counts()).isEqualTo(new Activations.Counts(0, 1, 3, 1, 2, 1, 5));
        assertThat(ids(activations.due(9_000, List.of(), List.of(), 10))).containsExactly(three.id());
        assertThat(events("ACTIVATED")).singleElement().satisfies(json -> assertThat(json)
                .contains("\"range\":" + two.id(), "\"start\":0", "\"end\":1"));
        assertThat(events("ACTIVATION_FAILED")).singleElement().satisfies(json -> assertThat(json)
                .contains("\"range\":" + five.id(), "\"start\":5", "\"end\":9", "80301"));

        assertThat(activations.requeueFailed(7_000)).isEqualTo(1);

        assertThat(range(five.id())).startsWith("QUEUED", 0, "codeactive: errcode 80301 not yours", 7_000L);
        assertThat(codeActivationStates()).containsExactly(Map.entry("ACTIVATED", 2L), Map.entry("QUEUED", 8L));
        assertThat(activations.counts()).isEqualTo(new Activations.Counts(0, 2, 8, 1, 2, 0, 0));
        assertThat(ids(activations.due(7_000, List.of(), List.of(), 10))).containsExactly(three.id(), five.id());
        assertThat(events("ACTIVATION_REQUEUED")).containsExactly("{\"ranges\":1}");

        assertThat(activations.requeueFailed(8_000)).as("nothing failed any more").isZero();
        assertThat(events("ACTIVATION_REQUEUED")).as("no audit entry for an empty requeue").hasSize(1);
    }

    @Test
    void aRangeWithAnUnknownStateIsNotCounted() {
        openJob("J1", "L1", TEA, 5);
        bind("J1", 0, 1, 2);
        activations.queueReady(new Recording().cut(TEA, 0, 0), 1_000);
        vault.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO activation_range(application_id, job_id, idx_start, idx_end,"
                        + " state, created, updated) VALUES (" + APP + ", 'J1', 30, 39, 'ODD', 1, 1)");
            }
        });

        assertThat(activations.counts()).isEqualTo(new Activations.Counts(2, 1, 1, 0, 0, 0, 0));
    }
}
