package io.yima.vault;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statement the vault prepares, recorded while every vault operation runs, must find its rows through an
 * index: a full scan of {@code code} costs seconds at 20 million codes, on the line's hot path, the status page or
 * at start-up. Only the statements named in {@link #ALLOWED_SCANS} may read the whole table, each for its reason.
 */
class QueryPlanTest {
    /** Statements that legitimately read every code, by a fragment of their SQL, with the reason. */
    private static final Map<String, String> ALLOWED_SCANS = Map.of(
            Counters.RECOUNT, "vault check: the explicit slow recount the counters are compared with",
            "FROM code GROUP BY 1, 2, 3", "schema v4 migration: fills the counters once from the existing codes",
            "HAVING count(*) > 1", "bulk import: names the duplicate after a unique index failed to build");
    /** Partial indexes hold only a few rows (issued, staged, pending activation): scanning them is cheap. */
    private static final Pattern SMALL_INDEX = Pattern.compile(
            "USING (COVERING )?INDEX (code_issued|code_staged|code_activation_pending)\\b");

    @TempDir
    Path dir;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();

    @AfterEach
    void unhook() {
        CodeVault.connectionHook = java.util.function.UnaryOperator.identity();
    }

    @Test
    void everyStatementTheVaultPreparesSeeksThroughAnIndex() throws Exception {
        CodeVault.connectionHook = this::recording;
        Path file = dir.resolve("vault.db");
        try (CodeVault vault = CodeVault.open(file)) {
            exerciseEverything(vault);
        }
        CodeVault.connectionHook = java.util.function.UnaryOperator.identity();

        assertThat(prepared).as("the recorder saw the vault's statements").hasSizeGreaterThan(40);
        Map<String, String> scans = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (String sql : prepared) {
                if (!isQuery(sql) || ALLOWED_SCANS.keySet().stream().anyMatch(sql::contains)) {
                    continue;
                }
                for (String step : plan(c, sql)) {
                    if (step.matches("SCAN code\\b.*") && !SMALL_INDEX.matcher(step).find()) {
                        scans.put(sql, step);
                    }
                }
            }
        }
        assertThat(scans).as("statements that read every code").isEmpty();
    }

    private static boolean isQuery(String sql) {
        String s = sql.stripLeading().toUpperCase();
        return s.startsWith("SELECT") || s.startsWith("UPDATE") || s.startsWith("DELETE") || s.startsWith("INSERT")
                || s.startsWith("WITH");
    }

    private static List<String> plan(Connection c, String sql) throws Exception {
        List<String> steps = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setObject(i, 1L);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString("detail"));
                }
            }
        }
        return steps;
    }

    /** Every public operation, on a vault with enough codes that SQLite's planner takes them seriously. */
    private static void exerciseEverything(CodeVault vault) throws Exception {
        PackageImporter importer = new PackageImporter(vault);
        importer.importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("a.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20_000))))));
        importer.importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("b.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(20_000, 3_000))))));
        List<String> bad = new ArrayList<>(TestPackages.lines(30_000, 2_500));
        bad.add(TestPackages.line(1).replace(" 1 P.URL", " 40000 P.URL"));
        assertThatThrownBy(() -> importer.importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("c.b64",
                TestPackages.base64(TestPackages.text(bad)))))).isInstanceOf(RuntimeException.class);
        // a first import of another application that fails: the application is forgotten again
        assertThatThrownBy(() -> importer.importStreams(APP + 1, TestPackages.keyBytes(), List.of(NamedInput.of(
                "d.b64", TestPackages.base64(TestPackages.text(List.of(TestPackages.line(1)))))))).isInstanceOf(
                RuntimeException.class);

        JobSpec job = new JobSpec("J1", "line-1", APP, "SKU", "B", 10, "QR", "TRIGGERED", null);
        vault.openJob(job);
        vault.openJob(job);
        vault.reserve(APP, "J1", 8);
        vault.markSent(List.of(new Issue(APP, 0, "J1", "i0"), new Issue(APP, 1, "J1", "i1"),
                new Issue(APP, 2, "J1", "i2"), new Issue(APP, 3, "J1", "i3")));
        vault.bind(List.of(new Binding(APP, 0, "J1", "i0")));
        vault.reject(List.of(new Rejection(APP, 1, "NO_READ")));
        vault.voidCodes(List.of(new CodeRef(APP, 2), new CodeRef(APP, 7)), "JOB_CLOSE");
        assertThatThrownBy(() -> vault.bind(List.of(new Binding(APP, 5, "J1", "i5"))))
                .isInstanceOf(IllegalTransitionException.class);
        vault.voidAvailable(APP, 10_000, 10_009, "SPOILED");
        vault.inTransaction(c -> vault.setActivation(c, APP, 0, 100, "QUEUED", 1L));
        vault.release("J1");
        CodeRecord r = vault.byIndex(APP, 0).orElseThrow();
        vault.byCode(r.code());
        vault.byUrl(r.url());
        vault.byMatrix(r.matrix());
        vault.resolveRead(r.url());
        vault.resolveRead(r.matrix().bits());
        assertThat(vault.issuedTo("J1", "i0")).isPresent();
        vault.jobReport("J1");
        vault.job("J1");
        vault.jobState("J1");
        vault.openJobOnLine("line-1");
        Packing packing = vault.packing();
        String sscc = packing.reserveSscc("0614141", 1).digits();
        assertThat(packing.pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 1, List.of(r.url())).packed()).isTrue();
        String pallet = packing.reserveSscc("0614141", 0).digits();
        assertThat(packing.pack("J1", PackLevel.PALLET, pallet, CaseCodeKind.SSCC, 1, List.of(sscc)).packed()).isTrue();
        assertThatThrownBy(() -> packing.replace(sscc, r.code(), vault.byIndex(APP, 3).orElseThrow().code(), "op"))
                .isInstanceOf(PackingRefusedException.class);
        packing.tree(r.code());
        packing.tree(sscc);
        packing.units("J1", PackLevel.CASE);
        packing.unpack(pallet, "op", "test");
        packing.unpack(sscc, "op", "test");
        packing.voidCase(sscc, "op");
        vault.setJobState("J1", JobState.CLOSED);
        JobHistory history = new JobHistory(vault);
        history.recentJobs(20);
        history.exists("J1");
        JobHistory.Page page = history.codes("J1", JobHistory.Cursor.START, 3);
        history.codes("J1", page.next(), 3);
        history.codes("J1", new JobHistory.Cursor(true, "i1", 2), 3);
        history.failedActivations(20);
        history.audit("CONTROL", Map.of("action", "pause"));
        history.auditTail(20);
        vault.stats();
        vault.isEmpty();
        vault.hasApplication(APP);
        vault.dataVersion();
        vault.checkCounts();
        vault.imports().cleanAbandoned();
        long next = vault.reserve(APP, "J2", 3).get(0).index();
        vault.markSent(List.of(new Issue(APP, next, "J2", "x")));
        vault.recover();
    }

    /** Wraps a vault connection so every SQL string it prepares or executes is recorded. */
    private Connection recording(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                forward(c, (method, args) -> {
                    if (method.startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        prepared.add(sql);
                    }
                }, true));
    }

    private interface Recorder {
        void call(String method, Object[] args);
    }

    private InvocationHandler forward(Object target, Recorder recorder, boolean wrapStatements) {
        return (proxy, method, args) -> {
            recorder.call(method.getName(), args);
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (wrapStatements && result instanceof Statement st && !(result instanceof PreparedStatement)) {
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                        forward(st, (m, a) -> {
                            if (m.startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
                                prepared.add(sql);
                            }
                        }, false));
            }
            return result;
        };
    }
}
