package io.yima;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.yima.PackageLayers.Edge;
import io.yima.PackageLayers.Graph;
import io.yima.line.ProductionLine;
import io.yima.vault.CodeVault;
import io.yima.vault.UpwardImportFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of edge-core (docs/architecture.md), checked on the compiled classes: a NEW import against
 * the layering or a NEW package cycle fails the build. What was there when the check came in is frozen below, each
 * exception by package pair; fixing one means deleting its line here (the check fails on a line that no longer
 * matches anything, so the list only shrinks).
 */
class ArchitectureTest {
    /**
     * Imports against the layering that exist today, one package pair a line ({@code io.yima.a -> io.yima.b}, a
     * {@code #} line says why); nothing may be added. None is left: issue 21 moved the config aggregate to
     * {@code edge}, the status and export commands to {@code cli} and the export's figures to {@code common}.
     */
    static final Set<Edge> FROZEN_AGAINST_LAYERING = edges("""
            """);

    /** Package cycles that exist today: every cycle found must lie within one of these sets. None is left. */
    static final List<Set<String>> FROZEN_CYCLES = List.of();

    /** A code state written as a bare number in SQL: {@code state = 3}, {@code state IN (4, 5)}, {@code WHEN 3 THEN}. */
    private static final Pattern BARE_STATE = Pattern.compile(
            "\\bstate\\s*(=|<>|!=|<=|>=|<|>)\\s*\\d|\\bstate\\s+(NOT\\s+)?(IN\\s*\\(\\s*\\d|BETWEEN\\s+\\d)"
                    + "|\\bWHEN\\s+\\d+\\s+THEN\\b", Pattern.CASE_INSENSITIVE);

    private static JavaClasses classes;
    private static Graph graph;

    @BeforeAll
    static void readClasses() {
        classes = PackageLayers.mainClasses();
        graph = PackageLayers.edgeCore(classes);
    }

    @Test
    void sqlRunsOnlyInTheVault() {
        noClasses().that().resideOutsideOfPackages("io.yima.vault..")
                .should().dependOnClassesThat()
                .haveNameMatching("java\\.sql\\.(Statement|PreparedStatement|CallableStatement|ResultSet)")
                .because("the vault owns every table (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void codeStatesInSqlComeFromCodeState() throws IOException {
        List<String> bare = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    boolean comment = code.startsWith("*") || code.startsWith("/*") || code.startsWith("//");
                    if (!comment && BARE_STATE.matcher(code).find()) {
                        bare.add(f.getFileName() + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        assertThat(bare).as("write CodeState.X.stored(), not the number (docs/vault.md)").isEmpty();
    }

    @Test
    void theStateCheckSeesABareNumber() {
        assertThat(BARE_STATE.matcher("\" WHERE activation_state = 'PENDING' AND state = 3 ORDER BY id\"").find()).isTrue();
        assertThat(BARE_STATE.matcher("new.state IN (3, 4, 5)").find()).isTrue();
        assertThat(BARE_STATE.matcher("CASE new.state WHEN %1$s THEN 'COMMISSIONED' WHEN 3 THEN 'BOUND'").find()).isTrue();
        assertThat(BARE_STATE.matcher("state BETWEEN 2 AND 5").find()).isTrue();
        assertThat(BARE_STATE.matcher("\" AND state = \" + CodeState.BOUND.stored()").find()).isFalse();
        assertThat(BARE_STATE.matcher("WHERE state = 'FAILED'").find()).isFalse();
    }

    @Test
    void everyPackageHasALayer() {
        Set<String> unplaced = new TreeSet<>(graph.packages());
        unplaced.removeAll(PackageLayers.RANK.keySet());
        assertThat(unplaced).as("packages with no layer: add them to PackageLayers.RANK and docs/architecture.md")
                .isEmpty();
    }

    @Test
    void noNewImportAgainstTheLayering() {
        checkNoNewImportAgainstTheLayering(graph);
    }

    @Test
    void frozenLayeringExceptionsStillExist() {
        Set<Edge> gone = new TreeSet<>(FROZEN_AGAINST_LAYERING);
        gone.removeAll(graph.againstLayering());
        assertThat(gone).as("fixed: delete these lines from FROZEN_AGAINST_LAYERING").isEmpty();
    }

    @Test
    void noNewPackageCycle() {
        checkNoNewPackageCycle(graph);
    }

    @Test
    void frozenCyclesStillExist() {
        List<Set<String>> gone = FROZEN_CYCLES.stream().filter(f -> !graph.cycles().contains(f)).toList();
        assertThat(gone).as("cycles that shrank or went: replace them in FROZEN_CYCLES by today's "
                + graph.cycles()).isEmpty();
    }

    @Test
    void theCheckSeesAnUpwardImportAndTheCycleItMakes() {
        // the vault importing the line: against the layering, and a cycle with line -> vault
        Graph g = new Graph(Map.of(new Edge("io.yima.line", "io.yima.vault"), Set.of("Dispatcher -> CodeVault"),
                new Edge("io.yima.vault", "io.yima.line"), Set.of("CodeVault -> ProductionLine"),
                new Edge("io.yima.plc", "io.yima.line"), Set.of("PlcServer -> ProductionLine")));
        assertThat(g.againstLayering()).containsExactly(new Edge("io.yima.vault", "io.yima.line"));
        assertThat(g.mutualPairs()).containsExactly(new Edge("io.yima.line", "io.yima.vault"));
        assertThat(g.cycles()).containsExactly(Set.of("io.yima.line", "io.yima.vault"));
    }

    @Test
    void theCheckSeesAnAdapterImportingAnother() {
        Graph g = new Graph(Map.of(new Edge("io.yima.modbus", "io.yima.plc"), Set.of("ModbusLink -> PlcServer")));
        assertThat(g.againstLayering()).containsExactly(new Edge("io.yima.modbus", "io.yima.plc"));
        assertThat(g.cycles()).isEmpty();
    }

    @Test
    void theCheckFailsOnCompiledClassesThatImportUpward() {
        // a vault class made for this test holds a ProductionLine; ArchUnit reads it with a line class that uses
        // the vault: the build's own two checks fail, naming the upward import and the cycle it makes
        Graph g = PackageLayers.bytecode(new ClassFileImporter().importClasses(UpwardImportFixture.class,
                ProductionLine.class, CodeVault.class));
        assertThatThrownBy(() -> checkNoNewImportAgainstTheLayering(g)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.yima.vault -> io.yima.line  [UpwardImportFixture -> ProductionLine]")
                .hasMessageNotContaining("io.yima.line -> io.yima.vault");
        assertThatThrownBy(() -> checkNoNewPackageCycle(g)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"io.yima.line\", \"io.yima.vault\"");
    }

    /** Fails on an import against the layering that is not frozen. */
    private static void checkNoNewImportAgainstTheLayering(Graph g) {
        Set<Edge> fresh = new TreeSet<>(g.againstLayering());
        fresh.removeAll(FROZEN_AGAINST_LAYERING);
        assertThat(describe(g, fresh)).as("imports against the layering (docs/architecture.md)").isEmpty();
    }

    /** Fails on a package cycle that does not fit inside a frozen one. */
    private static void checkNoNewPackageCycle(Graph g) {
        List<Set<String>> fresh = g.cycles().stream()
                .filter(c -> FROZEN_CYCLES.stream().noneMatch(f -> f.containsAll(c)))
                .toList();
        assertThat(fresh).as("package cycles (each set imports itself round)").isEmpty();
    }

    private static String describe(Graph g, Set<Edge> edges) {
        return edges.stream().map(e -> e + "  " + g.edges().get(e)).collect(Collectors.joining("\n"));
    }
    private static Set<Edge> edges(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(Edge::parse).collect(Collectors.toCollection(TreeSet::new));
    }
}
