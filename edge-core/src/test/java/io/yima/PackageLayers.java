package io.yima;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.yima.vault.CodeVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package layering of edge-core (docs/architecture.md) and the import graph read from the compiled classes.
 * A package may import only packages of a lower rank; packages of the same rank (the adapters, say) do not import
 * each other. The drivers module and libraries are below everything and not checked here.
 */
final class PackageLayers {
    /** Rank of every edge-core package, bottom first. */
    static final Map<String, Integer> RANK = Map.ofEntries(
            // ground: small types every layer may use
            Map.entry("io.yima.common", 0),
            Map.entry("io.yima.guard", 0),
            Map.entry("io.yima.labeltext", 0),
            Map.entry("io.yima.ops", 0),
            // the vault: every table, every SQL statement
            Map.entry("io.yima.vault", 1),
            Map.entry("io.yima.vault.importing", 2),
            // config: the sections and their checks, a toolkit; the aggregate of all sections is io.yima.edge
            Map.entry("io.yima.config", 3),
            // label templates drawn as pages, then the press: a code to a printer's bytes (LabelPress)
            Map.entry("io.yima.printing.template", 4),
            Map.entry("io.yima.printing", 5),
            // the line: one thread per line, typed events out
            Map.entry("io.yima.line", 6),
            // aggregation on a line: case devices and the packing flow, on top of the line's hooks
            Map.entry("io.yima.line.packing", 7),
            // adapters: each attaches to lines; none imports another
            Map.entry("io.yima.plc", 8),
            Map.entry("io.yima.modbus", 8),
            Map.entry("io.yima.opcua", 8),
            Map.entry("io.yima.export", 8),
            Map.entry("io.yima.status", 8),
            Map.entry("io.yima.upstream", 8),
            // the config aggregate: every section (the adapters' too), loaded, checked and resolved as one file
            Map.entry("io.yima.edge", 9),
            // the daemon wires lines and adapters
            Map.entry("io.yima.daemon", 10),
            // the command tree; the vault's import command asks WeChat with the upstream commands' options
            Map.entry("io.yima.upstream.cli", 11),
            Map.entry("io.yima.cli.vault", 12),
            Map.entry("io.yima.cli", 13));

    /** One package importing another: {@code from -> to}. */
    record Edge(String from, String to) implements Comparable<Edge> {
        static Edge parse(String line) {
            String[] p = line.split("->");
            return new Edge(p[0].strip(), p[1].strip());
        }

        @Override
        public int compareTo(Edge o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    /** The package graph: for each edge, the class-level dependencies behind it (e.g. {@code A -> B}). */
    record Graph(Map<Edge, Set<String>> edges) {
        Set<String> packages() {
            Set<String> p = new TreeSet<>();
            edges.keySet().forEach(e -> {
                p.add(e.from());
                p.add(e.to());
            });
            return p;
        }

        /** Edges that run up the layering or between packages of one rank; packages with no rank included. */
        Set<Edge> againstLayering() {
            Set<Edge> out = new TreeSet<>();
            for (Edge e : edges.keySet()) {
                Integer from = RANK.get(e.from());
                Integer to = RANK.get(e.to());
                if (from == null || to == null || to >= from) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Pairs of packages that import each other (each pair once, smaller name first). */
        Set<Edge> mutualPairs() {
            Set<Edge> out = new TreeSet<>();
            for (Edge e : edges.keySet()) {
                if (e.from().compareTo(e.to()) < 0 && edges.containsKey(new Edge(e.to(), e.from()))) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Strongly connected sets of two or more packages: every package in one reaches every other (a cycle). */
        List<Set<String>> cycles() {
            Map<String, Set<String>> next = new HashMap<>();
            edges.keySet().forEach(e -> next.computeIfAbsent(e.from(), k -> new TreeSet<>()).add(e.to()));
            List<Set<String>> out = new ArrayList<>();
            Set<String> done = new HashSet<>();
            for (String p : packages()) {
                if (done.contains(p)) {
                    continue;
                }
                Set<String> scc = new TreeSet<>();
                for (String q : reach(p, next)) {
                    if (reach(q, next).contains(p)) {
                        scc.add(q);
                    }
                }
                done.addAll(scc);
                if (scc.size() > 1) {
                    out.add(scc);
                }
            }
            return out;
        }

        private static Set<String> reach(String start, Map<String, Set<String>> next) {
            Set<String> seen = new HashSet<>(Set.of(start));
            Deque<String> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                for (String n : next.getOrDefault(todo.pop(), Set.of())) {
                    if (seen.add(n)) {
                        todo.push(n);
                    }
                }
            }
            return seen;
        }
    }

    private PackageLayers() {
    }

    /** edge-core's main classes, read from the directory the build compiled them to. */
    static JavaClasses mainClasses() {
        try {
            return new ClassFileImporter().importPath(
                    Path.of(CodeVault.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The import graph of edge-core's main classes (the bytecode, so inline qualified names count too). */
    static Graph edgeCore(JavaClasses imported) {
        Map<Edge, Set<String>> edges = bytecodeEdges(imported);
        Set<String> own = new HashSet<>();
        imported.forEach(c -> own.add(c.getPackageName()));
        addSourceImports(edges, own);
        return new Graph(edges);
    }

    /** The import graph of the given classes as the bytecode shows it, among their own packages only. */
    static Graph bytecode(JavaClasses imported) {
        return new Graph(bytecodeEdges(imported));
    }

    private static Map<Edge, Set<String>> bytecodeEdges(JavaClasses imported) {
        Set<String> own = new HashSet<>();
        imported.forEach(c -> own.add(c.getPackageName()));
        Map<Edge, Set<String>> edges = new TreeMap<>();
        for (JavaClass c : imported) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                String from = c.getPackageName();
                String to = target.getPackageName();
                if (!from.equals(to) && own.contains(to)) {
                    edges.computeIfAbsent(new Edge(from, to), k -> new TreeSet<>())
                            .add(outer(c).getSimpleName() + " -> " + outer(target).getSimpleName());
                }
            }
        }
        return edges;
    }

    /**
     * Adds the {@code import io.yima...} lines of the main sources: a constant the compiler inlined (an
     * {@code int SIZE}, say) leaves no trace in the bytecode but still ties the packages.
     */
    private static void addSourceImports(Map<Edge, Set<String>> edges, Set<String> own) {
        Path sources = Path.of("src/main/java");
        if (!Files.isDirectory(sources)) {
            throw new IllegalStateException("run from the edge-core module: no " + sources.toAbsolutePath());
        }
        Pattern imp = Pattern.compile("^import (io\\.yima\\.[\\w.]*?)\\.([A-Z]\\w*)", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".");
                Matcher m = imp.matcher(Files.readString(f));
                while (m.find()) {
                    String to = m.group(1);
                    if (!from.equals(to) && own.contains(to)) {
                        String name = f.getFileName().toString().replace(".java", "");
                        edges.computeIfAbsent(new Edge(from, to), k -> new TreeSet<>()).add(name + " -> " + m.group(2));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JavaClass outer(JavaClass c) {
        JavaClass o = c;
        while (o.getEnclosingClass().isPresent()) {
            o = o.getEnclosingClass().get();
        }
        return o;
    }
}
