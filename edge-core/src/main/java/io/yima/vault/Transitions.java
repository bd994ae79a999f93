package io.yima.vault;

import io.yima.drivers.symbol.Microcode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Moves codes through their states. Each batch is one transaction of {@code UPDATE ... WHERE state = expected}
 * statements: a zero update count throws {@link IllegalTransitionException} and rolls the whole batch back, so a
 * code leaves AVAILABLE at most once. Every batch appends one event. The counters follow by trigger.
 */
final class Transitions {
    private static final int AVAILABLE = CodeState.AVAILABLE.stored();
    private static final int RESERVED = CodeState.RESERVED.stored();
    private static final int SENT = CodeState.SENT.stored();
    private static final int BOUND = CodeState.BOUND.stored();
    private static final int REJECTED = CodeState.REJECTED.stored();
    private static final int VOIDED = CodeState.VOIDED.stored();

    /** Codes voided per transaction by {@link #voidAvailable}: tens of milliseconds of write lock each. */
    static final int VOID_CHUNK = 10_000;

    private final CodeVault vault;
    private final Applications applications;
    /** Per application: every code with a smaller key is known not to be AVAILABLE (only this writer adds). */
    private final Map<Long, Long> reserveFloor = new ConcurrentHashMap<>();

    Transitions(CodeVault vault, Applications applications) {
        this.vault = vault;
        this.applications = applications;
    }

    /** Released, recovered or imported codes may lie below a floor: scan from the bottom next time. */
    void forgetReserveFloors() {
        reserveFloor.clear();
    }

    /**
     * Reserved codes, and the writer's {@code PRAGMA data_version} read inside their transaction (-1 when none ran:
     * nothing to reserve). Inside {@code BEGIN IMMEDIATE} it counts every other connection's commit before this one,
     * and no other can commit meanwhile, so it serves as the version "before the reserve" without holding the whole
     * writer for a read of its own.
     */
    record Reserved(List<CodeRecord> codes, long dataVersion) {
    }

    Reserved reserve(long applicationId, String jobId, int n) {
        Objects.requireNonNull(jobId, "jobId");
        if (n <= 0) {
            return new Reserved(List.of(), -1);
        }
        Long slot = applications.slotOf(applicationId);
        if (slot == null) {
            return new Reserved(List.of(), -1);
        }
        long base = CodeKey.of(slot, 0);
        long top = CodeKey.of(slot, CodeKey.MAX_INDEX);
        long[] newFloor = new long[1];
        long[] dataVersion = new long[1];
        List<CodeRecord> out = vault.inTransaction(c -> {
            dataVersion[0] = CodeVault.dataVersion(c);
            long from = reserveFloor.getOrDefault(applicationId, base);
            List<Long> keys = new ArrayList<>(n);
            List<CodeRecord> records = scanAvailable(c, from, top, n, keys);
            if (records.size() < n && from > base) {
                keys.clear();
                records = scanAvailable(c, base, top, n, keys);
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = " + RESERVED
                    + ", job_id = ?, updated = ? WHERE id = ? AND state = " + AVAILABLE)) {
                for (int i = 0; i < records.size(); i++) {
                    ps.setString(1, jobId);
                    ps.setLong(2, now);
                    ps.setLong(3, keys.get(i));
                    if (ps.executeUpdate() != 1) {
                        throw new IllegalTransitionException(new CodeRef(applicationId, records.get(i).index()),
                                "AVAILABLE", actualState(c, keys.get(i)));
                    }
                }
            }
            List<CodeRecord> reserved = new ArrayList<>(records.size());
            List<Long> indexes = new ArrayList<>(records.size());
            for (CodeRecord r : records) {
                reserved.add(new CodeRecord(r.applicationId(), r.index(), r.code(), r.url(), r.matrix(),
                        CodeState.RESERVED, jobId, null, null, null, now));
                indexes.add(r.index());
            }
            if (!reserved.isEmpty()) {
                // on disk before this transaction commits: a code that may leave the process is in the ledger
                vault.ledger().append(Ledger.runs(Ledger.Kind.RESERVE, vault.vaultId(), applicationId, indexes));
                vault.appendEvent(c, "RESERVE", Map.of("job", jobId, "application", applicationId,
                        "count", reserved.size(), "indexes", indexes));
                newFloor[0] = keys.get(keys.size() - 1) + 1;
            } else {
                newFloor[0] = top;
            }
            return reserved;
        });
        reserveFloor.put(applicationId, newFloor[0]);
        return new Reserved(out, dataVersion[0]);
    }

    /** A rowid range seek upwards from the floor: reservation needs no index on state. */
    private static List<CodeRecord> scanAvailable(Connection c, long from, long top, int n, List<Long> keys)
            throws SQLException {
        List<CodeRecord> records = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, application_id, idx, code, url, matrix FROM code"
                + " WHERE id BETWEEN ? AND ? AND state = " + AVAILABLE + " ORDER BY id LIMIT ?")) {
            ps.setLong(1, from);
            ps.setLong(2, top);
            ps.setInt(3, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                    records.add(new CodeRecord(rs.getLong(2), rs.getLong(3), rs.getString(4),
                            UrlKey.decode(rs.getObject(5)), Microcode.fromPacked(rs.getBytes(6)),
                            CodeState.AVAILABLE, null, null, null, null, 0));
                }
            }
        }
        return records;
    }

    void markSent(List<Issue> issues) {
        transition(issues.size(), "SENT", "RESERVED", "UPDATE code SET state = " + SENT
                        + ", item_id = ?, updated = ? WHERE id = ? AND state = " + RESERVED,
                i -> new CodeRef(issues.get(i).applicationId(), issues.get(i).index()),
                (ps, i) -> ps.setString(1, issues.get(i).itemId()));
    }

    void bind(List<Binding> bindings) {
        transition(bindings.size(), "BIND", "SENT", "UPDATE code SET state = " + BOUND
                        + ", item_id = ?, updated = ?, activation_state = 'PENDING' WHERE id = ? AND state = " + SENT,
                i -> new CodeRef(bindings.get(i).applicationId(), bindings.get(i).index()),
                (ps, i) -> ps.setString(1, bindings.get(i).itemId()));
    }

    void reject(List<Rejection> rejections) {
        transition(rejections.size(), "REJECT", "SENT", "UPDATE code SET state = " + REJECTED
                        + ", reason = ?, updated = ? WHERE id = ? AND state = " + SENT,
                i -> new CodeRef(rejections.get(i).applicationId(), rejections.get(i).index()),
                (ps, i) -> ps.setString(1, rejections.get(i).reason()));
    }

    void voidCodes(List<CodeRef> codes, String reason) {
        transition(codes.size(), "VOID", "RESERVED or SENT", "UPDATE code SET state = " + VOIDED
                        + ", reason = ?, updated = ? WHERE id = ? AND state IN (" + RESERVED + ", " + SENT + ")",
                codes::get, (ps, i) -> ps.setString(1, reason));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, int i) throws SQLException;
    }

    /** Runs {@code sql} (parameters: the batch's own value, now, key) once per code, all in one transaction. */
    private void transition(int count, String kind, String expected, String sql, IntFunction<CodeRef> ref,
                            Binder first) {
        if (count == 0) {
            return;
        }
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = applications.key(ref.apply(i).applicationId(), ref.apply(i).index());
        }
        vault.inTransaction(c -> {
            long now = System.currentTimeMillis();
            vault.kept.run(c, sql, ps -> { // kept: preparing it compiles the code table's triggers
                for (int i = 0; i < count; i++) {
                    first.bind(ps, i);
                    ps.setLong(2, now);
                    ps.setLong(3, keys[i]);
                    if (ps.executeUpdate() != 1) {
                        throw new IllegalTransitionException(ref.apply(i), expected, actualState(c, keys[i]));
                    }
                }
            });
            vault.appendEventJson(c, kind, codesJson(count, ref));
            return null;
        });
    }

    /**
     * The transition event's body, {@code {"codes":[[application,index],...]}}: the same text Jackson writes for
     * {@code Map.of("codes", [[application, index], ...])}, without building the lists and a generator for each
     * batch (two per label on a line).
     */
    static String codesJson(int count, IntFunction<CodeRef> ref) {
        StringBuilder json = new StringBuilder(12 + 24 * count).append("{\"codes\":[");
        for (int i = 0; i < count; i++) {
            CodeRef r = ref.apply(i);
            json.append(i == 0 ? "[" : ",[").append(r.applicationId()).append(',').append(r.index()).append(']');
        }
        return json.append("]}").toString();
    }

    private static CodeState actualState(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM code WHERE id = ?")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? CodeState.ofStored(rs.getInt(1)) : null;
            }
        }
    }

    /** The job's RESERVED codes back to AVAILABLE; a seek on the job's codes (index code_job_item). */
    int release(String jobId) {
        Map<Long, List<Long>> given = new LinkedHashMap<>();
        int released = vault.inTransaction(c -> {
            given.clear();
            try (PreparedStatement ps = c.prepareStatement("SELECT application_id, idx FROM code WHERE job_id = ?"
                    + " AND state = " + RESERVED + " ORDER BY id")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        given.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
            }
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = " + AVAILABLE
                    + ", job_id = NULL, updated = ? WHERE job_id = ? AND state = " + RESERVED)) {
                ps.setLong(1, System.currentTimeMillis());
                ps.setString(2, jobId);
                n = ps.executeUpdate();
            }
            if (n > 0) {
                vault.appendEvent(c, "RELEASE", Map.of("job", jobId, "count", n));
            }
            return n;
        });
        if (released > 0) {
            reserveFloor.clear();
            released(vault, given);
        }
        return released;
    }

    /**
     * Tells the ledger which codes went back to stock unsent, after their commit: a crash in between leaves them
     * outstanding in the ledger, and the worst that does is void them at a later suspect recovery.
     */
    static void released(CodeVault vault, Map<Long, List<Long>> indexesByApplication) {
        List<Ledger.Entry> lines = new ArrayList<>();
        indexesByApplication.forEach((app, idx) ->
                lines.addAll(Ledger.runs(Ledger.Kind.RELEASE, vault.vaultId(), app, idx)));
        try {
            vault.ledger().append(lines);
        } catch (VaultException e) {
            org.slf4j.LoggerFactory.getLogger(Transitions.class).warn("{}; the released codes stay marked issued in"
                    + " the ledger and a suspect recovery would void them", e.getMessage());
        }
    }

    /**
     * AVAILABLE → VOIDED over an index range, {@link #VOID_CHUNK} codes per transaction: a spoiled roll of a
     * million codes must not hold the write lock for seconds while the lines wait to commit their labels (the
     * lock is fair, so their transactions go between the chunks). Each chunk appends its own {@code VOID_RANGE}
     * event naming the indexes it covered and how many it voided, so the audit is exact even if the edge stops
     * half-way (the rest stays AVAILABLE; voiding the range again finishes it).
     */
    int voidAvailable(long applicationId, long fromIndex, long toIndex, String reason) {
        Long slot = applications.slotOf(applicationId);
        if (slot == null || fromIndex < 0 || toIndex < fromIndex) {
            return 0;
        }
        long top = Math.min(toIndex, CodeKey.MAX_INDEX);
        long endKey = CodeKey.of(slot, top);
        long total = 0;
        long from = CodeKey.of(slot, fromIndex);
        boolean first = true;
        while (from <= endKey) {
            long chunkFrom = from;
            boolean firstChunk = first;
            long[] next = new long[1];
            int n = vault.inTransaction(c -> {
                long last;
                try (PreparedStatement ps = c.prepareStatement("SELECT max(id) FROM (SELECT id FROM code"
                        + " WHERE id BETWEEN ? AND ? AND state = " + AVAILABLE + " ORDER BY id LIMIT " + VOID_CHUNK + ")")) {
                    ps.setLong(1, chunkFrom);
                    ps.setLong(2, endKey);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        last = rs.getLong(1);
                        if (rs.wasNull()) {
                            last = endKey; // nothing AVAILABLE left in the range
                        }
                    }
                }
                int voided;
                try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = " + VOIDED
                        + ", reason = ?, updated = ? WHERE id BETWEEN ? AND ? AND state = " + AVAILABLE)) {
                    ps.setString(1, reason);
                    ps.setLong(2, System.currentTimeMillis());
                    ps.setLong(3, chunkFrom);
                    ps.setLong(4, last);
                    voided = ps.executeUpdate();
                }
                if (voided > 0 || firstChunk) { // a range with nothing to void is still on record, once
                    vault.appendEvent(c, "VOID_RANGE", Map.of("application", applicationId,
                            "from", CodeKey.index(chunkFrom), "to", CodeKey.index(last), "voided", voided, "reason", reason,
                            "requested", List.of(fromIndex, top)));
                }
                next[0] = last + 1;
                return voided;
            });
            total += n;
            first = false;
            from = next[0];
        }
        return (int) total;
    }

    int setActivation(Connection c, long applicationId, long idxStart, long idxEnd, String activationState,
                      Long rangeId) throws SQLException {
        Long slot = applications.slotOf(applicationId);
        if (slot == null) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE code SET activation_state = ?,"
                + " activation_range_id = coalesce(?, activation_range_id), updated = ?"
                + " WHERE id BETWEEN ? AND ? AND state = " + BOUND)) {
            ps.setString(1, activationState);
            if (rangeId == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setLong(2, rangeId);
            }
            ps.setLong(3, System.currentTimeMillis());
            ps.setLong(4, CodeKey.of(slot, idxStart));
            ps.setLong(5, CodeKey.of(slot, idxEnd));
            return ps.executeUpdate();
        }
    }
}
