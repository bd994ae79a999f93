package io.yima.vault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Stock counts per application, state and activation state. Triggers keep {@code code_count} exact in the
 * transaction of every change (see Schema v4), so {@link #stats} reads a few rows whatever the vault's size; the
 * slow recount ({@link #recount}) is what {@code vault check} compares them with.
 */
final class Counters {
    static final List<String> ACTIVATION_STATES = List.of("PENDING", "QUEUED", "ACTIVATED", "FAILED");
    /** The explicit full recount: the one statement allowed to read every code (vault check). */
    static final String RECOUNT = "SELECT application_id, state, coalesce(activation_state, ''), count(*) FROM code"
            + " GROUP BY 1, 2, 3";
    private static final String COUNTED = "SELECT application_id, state, activation_state, n FROM code_count"
            + " WHERE n <> 0";

    private final CodeVault vault;

    Counters(CodeVault vault) {
        this.vault = vault;
    }

    long available(long applicationId) {
        return vault.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(n), 0) FROM code_count"
                    + " WHERE application_id = ? AND state = " + CodeState.AVAILABLE.stored())) {
                ps.setLong(1, applicationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Stock per application from the counters alone; STAGED rows are not stock. */
    VaultStats stats() {
        return vault.read(c -> {
            Map<Long, long[]> states = new LinkedHashMap<>();
            Map<Long, Map<String, Long>> activation = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM application ORDER BY id")) {
                while (rs.next()) {
                    states.put(rs.getLong(1), new long[CodeState.values().length]);
                }
            }
            for (Map.Entry<Key, Long> e : counts(c, COUNTED).entrySet()) {
                Key k = e.getKey();
                if (k.state() == CodeState.STAGED.stored()) {
                    continue;
                }
                states.computeIfAbsent(k.application(), a -> new long[CodeState.values().length])[k.state()]
                        += e.getValue();
                if (!k.activation().isEmpty()) {
                    activation.computeIfAbsent(k.application(), a -> new LinkedHashMap<>())
                            .merge(k.activation(), e.getValue(), Long::sum);
                }
            }
            List<VaultStats.ApplicationStats> apps = new ArrayList<>();
            for (Map.Entry<Long, long[]> e : states.entrySet()) {
                Map<CodeState, Long> byState = new EnumMap<>(CodeState.class);
                long total = 0;
                for (CodeState s : CodeState.COUNTED) {
                    byState.put(s, e.getValue()[s.ordinal()]);
                    total += e.getValue()[s.ordinal()];
                }
                Map<String, Long> act = new LinkedHashMap<>();
                for (String a : ACTIVATION_STATES) {
                    act.put(a, activation.getOrDefault(e.getKey(), Map.of()).getOrDefault(a, 0L));
                }
                apps.add(new VaultStats.ApplicationStats(e.getKey(), total, byState, act));
            }
            return new VaultStats(List.copyOf(apps));
        });
    }

    /**
     * Compares the counters with a recount of every code, both read in one snapshot; returns every difference
     * (empty when they agree). Reads the whole table: seconds for millions of codes.
     */
    List<CountDifference> check() {
        return vault.read(Counters::differences);
    }

    /** Rewrites the counters from a recount, in one transaction; returns the differences it fixed. */
    List<CountDifference> repair() {
        return vault.inTransaction(c -> {
            List<CountDifference> found = differences(c);
            if (!found.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM code_count");
                    st.executeUpdate("INSERT INTO code_count " + RECOUNT);
                }
                vault.appendEvent(c, "COUNTS_REPAIRED", Map.of("differences", found.size()));
            }
            return found;
        });
    }

    /** Adds {@code n} codes in one bucket; the first import uses this once instead of a trigger per row. */
    static void add(Connection c, long applicationId, CodeState state, long n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO code_count VALUES (?, ?, '', ?)"
                + " ON CONFLICT DO UPDATE SET n = n + excluded.n")) {
            ps.setLong(1, applicationId);
            ps.setInt(2, state.stored());
            ps.setLong(3, n);
            ps.executeUpdate();
        }
    }

    private static List<CountDifference> differences(Connection c) throws SQLException {
        Map<Key, Long> counted = counts(c, COUNTED);
        Map<Key, Long> actual = counts(c, RECOUNT);
        TreeMap<Key, Long> keys = new TreeMap<>();
        counted.keySet().forEach(k -> keys.put(k, 0L));
        actual.keySet().forEach(k -> keys.put(k, 0L));
        List<CountDifference> out = new ArrayList<>();
        for (Key k : keys.keySet()) {
            long a = counted.getOrDefault(k, 0L);
            long b = actual.getOrDefault(k, 0L);
            if (a != b) {
                out.add(new CountDifference(k.application(), CodeState.ofStored(k.state()),
                        k.activation().isEmpty() ? null : k.activation(), a, b));
            }
        }
        return out;
    }

    private static Map<Key, Long> counts(Connection c, String sql) throws SQLException {
        Map<Key, Long> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.merge(new Key(rs.getLong(1), rs.getInt(2), Objects.toString(rs.getString(3), "")), rs.getLong(4),
                        Long::sum);
            }
        }
        return out;
    }

    private record Key(long application, int state, String activation) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int d = Long.compare(application, o.application);
            if (d == 0) {
                d = Integer.compare(state, o.state);
            }
            return d != 0 ? d : activation.compareTo(o.activation);
        }
    }
}
