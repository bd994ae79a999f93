package io.yima.vault.importing;


import io.yima.vault.CodeKey;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.ImportBatches;
import io.yima.vault.ReissueGuard;
import io.yima.vault.Schema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Imports encrypted code packages into the vault, all or nothing: any bad file or line leaves the vault as it was,
 * with a message naming the file, the line and the field.
 *
 * <p>Into an empty vault the import is one transaction. Into a vault that already has codes (possibly a running
 * line's) it writes STAGED rows in transactions of {@value #ROWS_PER_CHUNK} rows and publishes them at the end
 * ({@link ImportBatches}), so the line's own commits get the write lock between two chunks; a failed
 * import deletes what it staged.
 *
 * <p>Decryption and parsing run ahead on two threads ({@link ParseAhead}) and hand over batches in input order,
 * so they overlap with SQLite. Into an empty vault the secondary indexes (code, url, matrix hash) are dropped and rebuilt after the
 * rows are in: rows arrive in key order (an append), and each index is then built by one sort instead of a
 * million random B-tree inserts. Conflicts found by the rebuild are mapped back to file and line.
 */
public final class PackageImporter {
    private static final int ROWS_PER_INSERT = 250;
    /** Rows per staging transaction into a live vault: tens of milliseconds of the write lock. */
    static final int ROWS_PER_CHUNK = 2_000;
    private static final int PROGRESS_EVERY = 50_000;
    private static final ThreadMXBean THREADS =
            ManagementFactory.getThreadMXBean();
    private static final int BULK_ROW_CACHE_KIB = -16_384;
    private static final int ROW_CACHE_KIB = -131_072;
    /** SQLite's default page cache; also the size of the sorter's in-memory runs while the indexes are built. */
    private static final int DEFAULT_CACHE_KIB = -2_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PackageImporter.class);

    private final CodeVault vault;
    private LongConsumer progress = n -> { };
    private Runnable afterChunk = () -> { };
    /** Null: codes another vault of this edge issued are refused; else the operator's reason to import them. */
    private String acceptReissueReason;
    /** Null: WeChat is not asked (no upstream configured, or the operator skipped it with a reason). */
    private UpstreamActivations upstream;
    /** Non-null: the operator's reason for importing without asking the configured upstream. */
    private String skipUpstreamReason;

    public PackageImporter(CodeVault vault) {
        this.vault = vault;
    }

    /** Called with the number of codes inserted so far, every 50,000 codes. */
    public PackageImporter onProgress(LongConsumer progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Imports codes even when the ledger says another vault of this edge already issued them; the reason goes to
     * the vault's audit events (see {@link ReissueGuard}).
     */
    public PackageImporter acceptReissueRisk(String reason) {
        this.acceptReissueReason = reason;
        return this;
    }

    /**
     * Before the import commits, asks WeChat whether sampled codes of the imported runs are already activated, and
     * refuses the import when one is (unless the reissue risk is accepted, which is then audited).
     */
    public PackageImporter askUpstream(UpstreamActivations activations) {
        this.upstream = activations;
        return this;
    }

    /** Upstream is configured but not asked: the operator's reason goes to the vault's audit events. */
    public PackageImporter skipUpstreamCheck(String reason) {
        this.skipUpstreamReason = reason;
        return this;
    }

    /** Called after each committed staging chunk of an import into a non-empty vault (tests cut an import here). */
    PackageImporter afterChunk(Runnable hook) {
        this.afterChunk = hook;
        return this;
    }

    /**
     * Imports every package in {@code inputs} into the application.
     *
     * @throws ImportException if anything is wrong; the vault is then unchanged
     */
    public ImportResult importStreams(long applicationId, byte[] key16, List<NamedInput> inputs) {
        if (inputs.isEmpty()) {
            throw new ImportException("no package files given");
        }
        long started = System.nanoTime();
        PackageReader reader = new PackageReader(key16);
        boolean known = vault.hasApplication(applicationId);
        boolean done = false;
        try (ParseAhead parsed = new ParseAhead(reader, inputs, 2)) {
            long slot = vault.ensureApplication(applicationId);
            long[] counts;
            if (vault.isEmpty()) {
                counts = vault.inBulkTransaction(c -> {
                    Inserter inserter = new Inserter(c, applicationId, slot);
                    long[] result = inserter.run(parsed);
                    ReissueGuard.check(vault, c, applicationId, slot, null, acceptReissueReason);
                    // Asked inside the transaction: the indexes are only known once the packages are decrypted, and
                    // the vault was empty, so no line waits for the write lock meanwhile. The calls are bounded by
                    // the upstream timeouts, attempts and quota wait.
                    checkUpstream(c, applicationId, inserter.added.runs());
                    vault.appendEvent(c, "IMPORT", Map.of("application", applicationId, "imported", result[0],
                            "alreadyPresent", result[1], "files", parsed.files()));
                    return result;
                });
            } else {
                counts = staged(applicationId, slot, parsed);
            }
            vault.forgetReserveFloors();
            done = true;
            LOG.debug("import committed after {} ms", (System.nanoTime() - started) / 1_000_000);
            return new ImportResult(applicationId, counts[0], counts[1], parsed.files(),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            if (!done && !known) {
                vault.forgetApplicationIfEmpty(applicationId);
            }
        }
    }

    private void checkUpstream(Connection c, long applicationId, List<long[]> runs) throws SQLException {
        recordUpstream(c, applicationId, runs, askUpstream(applicationId, runs));
    }

    private Optional<UpstreamActivations.Activated> askUpstream(long applicationId, List<long[]> runs) {
        if (upstream == null || skipUpstreamReason != null || runs.isEmpty()) {
            return Optional.empty();
        }
        return upstream.firstActivated(applicationId, runs);
    }

    /** Refuses on an activation WeChat reported, or audits the override and the skip. */
    private void recordUpstream(Connection c, long applicationId, List<long[]> runs,
                                Optional<UpstreamActivations.Activated> activated) throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        if (skipUpstreamReason != null) {
            vault.appendEvent(c, "UPSTREAM_CHECK_SKIPPED", Map.of("application", applicationId,
                    "reason", skipUpstreamReason));
            return;
        }
        if (activated.isEmpty()) {
            return;
        }
        UpstreamActivations.Activated a = activated.get();
        if (acceptReissueReason == null) {
            throw new ImportException("refused: WeChat reports index " + a.index() + " of application "
                    + applicationId + " as already activated (range " + a.codeStart() + ".." + a.codeEnd()
                    + "): its codes were bound and printed by a vault before, and importing them again would print"
                    + " them twice. Nothing was imported. If that vault still exists or has a backup, run the line from"
                    + " it (docs/operations.md, \"Vault backup, restore and loss\"); for new codes apply for a new"
                    + " application; to import anyway, give --accept-reissue-risk REASON");
        }
        vault.appendEvent(c, "REISSUE_RISK_ACCEPTED", Map.of("application", applicationId,
                "wechatActivatedIndex", a.index(), "wechatActivatedRange", a.codeStart() + ".." + a.codeEnd(),
                "source", "WeChat codeactivequery reported activations", "reason", acceptReissueReason));
    }

    /** Stages the rows chunk by chunk, then publishes them; on any failure deletes what was staged. */
    private long[] staged(long applicationId, long slot, ParseAhead parsed) {
        ImportBatches batches = vault.imports();
        // an import killed earlier must not block this one ("being imported by another import right now")
        batches.cleanAbandoned();
        long batch = batches.begin(applicationId);
        boolean published = false;
        try {
            Inserter inserter = new Inserter(null, applicationId, slot);
            long[] counts = inserter.runStaged(parsed, batch);
            List<long[]> runs = inserter.added.runs();
            // WeChat is asked outside any transaction: the staged rows stay invisible to the line until published
            Optional<UpstreamActivations.Activated> activated = askUpstream(applicationId, runs);
            vault.inTransaction(c -> {
                ReissueGuard.check(vault, c, applicationId, slot, batch, acceptReissueReason);
                recordUpstream(c, applicationId, runs, activated);
                return null;
            });
            published = batches.publish(batch, Map.of("application", applicationId, "imported", counts[0],
                    "alreadyPresent", counts[1], "files", parsed.files(), "batch", batch));
            if (!published) {
                throw discardedByRecovery();
            }
            return counts;
        } finally {
            if (!published) {
                try {
                    batches.discard(batch);
                } catch (RuntimeException e) {
                    // the vault is gone (closed, disk full): the next import, `vault recover` or the daemon's
                    // start-up recovery deletes the staged rows
                    LOG.warn("could not discard staged import {}: {}", batch, e.getMessage());
                }
            }
            batches.end(batch);
        }
    }

    /** Inserts on the writer connection inside the import transaction. */
    private final class Inserter {
        /** The vault's writer connection; in staged mode set by each chunk's transaction. */
        private Connection c;
        private long batch = -1;
        private final long applicationId;
        private final long slot;
        private final LineMap lines = new LineMap();
        /** The indexes this import added (not those already present), for the upstream check. */
        final AddedIndexes added = new AddedIndexes();
        private long imported;
        private long alreadyPresent;
        private long reported;
        private long waited;

        Inserter(Connection c, long applicationId, long slot) {
            this.c = c;
            this.applicationId = applicationId;
            this.slot = slot;
        }

        long[] run(ParseAhead parsed) throws SQLException {
            long begun = System.nanoTime();
            long cpuBegun = processCpuNanos();
            long threadCpuBegun = THREADS.getCurrentThreadCpuTime();
            boolean bulk;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT EXISTS(SELECT 1 FROM code_count WHERE n > 0)")) {
                bulk = rs.next() && rs.getInt(1) == 0;
            }
            try (Statement st = c.createStatement()) {
                // Into an empty vault rows arrive in key order, each page is filled once and can be spilled, so 16 MB
                // do (and keep the process small); otherwise new keys land all over the existing indexes, which want
                // to stay in the cache.
                st.execute("PRAGMA cache_size=" + (bulk ? BULK_ROW_CACHE_KIB : ROW_CACHE_KIB));
                if (bulk) {
                    for (String index : Schema.CODE_INDEX_NAMES) {
                        st.execute("DROP INDEX " + index);
                    }
                    // one counter update for the whole import instead of one per row (recreated below, same
                    // transaction, so a failed import restores it with everything else)
                    st.execute("DROP TRIGGER " + Schema.COUNT_INSERT_TRIGGER_NAME);
                }
            }
            try {
                try (PreparedStatement many = c.prepareStatement(insertSql(ROWS_PER_INSERT));
                     PreparedStatement one = c.prepareStatement(insertSql(1))) {
                    while (true) {
                        long t = System.nanoTime();
                        Object item = parsed.next();
                        waited += System.nanoTime() - t;
                        if (item == ParseAhead.END) {
                            break;
                        }
                        @SuppressWarnings("unchecked")
                        List<ParsedCode> batch = (List<ParsedCode>) item;
                        insert(batch, many, one);
                        if (imported - reported >= PROGRESS_EVERY) {
                            reported = imported;
                            progress.accept(imported);
                        }
                    }
                }
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                long threadCpu0 = THREADS.getCurrentThreadCpuTime();
                if (bulk) {
                    try (Statement st = c.createStatement()) {
                        // SQLite's sorter sizes its in-memory runs by cache_size. Runs of ~2 MB stay in the CPU
                        // cache and are merged sequentially, where one 100 MB run sorted as a linked list misses the
                        // cache on every step: measured 1.7-2.3 s instead of 2.7 s CPU for the three indexes of 1M
                        // codes. A worker thread sorts runs while the table is scanned: 1.4 s instead of 1.7 s wall
                        // for ~0.3 s more CPU, on a 2-core machine whose parser threads are idle by now.
                        st.execute("PRAGMA cache_size=" + DEFAULT_CACHE_KIB);
                        st.execute("PRAGMA threads=2");
                    }
                    rebuildIndexes();
                    try (Statement st = c.createStatement()) {
                        st.execute(Schema.COUNT_INSERT_TRIGGER);
                    }
                    vault.addToCounts(c, applicationId, imported);
                }
                LOG.debug("rows in after {} ms ({} ms waiting for the parser, process CPU {} ms of which inserting {}"
                        + " ms), indexes rebuilt in {} ms (process CPU {} ms)", (t0 - begun) / 1_000_000,
                        waited / 1_000_000, (cpu0 - cpuBegun) / 1_000_000, (threadCpu0 - threadCpuBegun) / 1_000_000,
                        (System.nanoTime() - t0) / 1_000_000, (processCpuNanos() - cpu0) / 1_000_000);
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA cache_size=" + DEFAULT_CACHE_KIB);
                }
            }
            return new long[] {imported, alreadyPresent};
        }

        /** Inserts STAGED rows of the batch, {@value #ROWS_PER_CHUNK} rows per transaction. */
        long[] runStaged(ParseAhead parsed, long batchId) {
            batch = batchId;
            try {
                stageAll(parsed);
            } finally {
                // the writer outlives a download inside the daemon: give back the import's large page cache
                try {
                    vault.inTransaction(conn -> {
                        try (Statement st = conn.createStatement()) {
                            st.execute("PRAGMA cache_size=" + DEFAULT_CACHE_KIB);
                        }
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.debug("page cache not reset: {}", e.getMessage());
                }
            }
            return new long[] {imported, alreadyPresent};
        }

        private void stageAll(ParseAhead parsed) {
            List<List<ParsedCode>> chunk = new ArrayList<>();
            int rows = 0;
            boolean end = false;
            while (!end) {
                Object item = parsed.next();
                if (item == ParseAhead.END) {
                    end = true;
                } else {
                    @SuppressWarnings("unchecked")
                    List<ParsedCode> b = (List<ParsedCode>) item;
                    chunk.add(b);
                    rows += b.size();
                }
                if ((end && rows > 0) || rows >= ROWS_PER_CHUNK) {
                    long t = System.nanoTime();
                    stageChunk(chunk);
                    chunk.clear();
                    rows = 0;
                    if (imported - reported >= PROGRESS_EVERY) {
                        reported = imported;
                        progress.accept(imported);
                    }
                    afterChunk.run();
                    if (!end) {
                        vault.imports().yieldAfterChunk(System.nanoTime() - t);
                    }
                }
            }
        }

        private void stageChunk(List<List<ParsedCode>> chunk) {
            vault.inTransaction(conn -> {
                c = conn;
                if (!"STAGING".equals(ImportBatches.state(conn, batch))) {
                    throw discardedByRecovery();
                }
                try (Statement st = conn.createStatement()) {
                    st.execute("PRAGMA cache_size=" + ROW_CACHE_KIB);
                }
                try (PreparedStatement many = conn.prepareStatement(insertSql(ROWS_PER_INSERT));
                     PreparedStatement one = conn.prepareStatement(insertSql(1))) {
                    for (List<ParsedCode> b : chunk) {
                        insert(b, many, one);
                    }
                }
                return null;
            });
        }

        private String insertSql(int rows) {
            // the application id (and the batch) is the same on every row: a literal saves a bind per row
            String tail = batch < 0 ? "," + applicationId + ",?,?,?)" : "," + applicationId + ",?,?,?,6," + batch + ")";
            StringBuilder sb = new StringBuilder(batch < 0
                    ? "INSERT INTO code(id, application_id, code, url, matrix) VALUES "
                    : "INSERT INTO code(id, application_id, code, url, matrix, state, import_batch) VALUES ");
            for (int i = 0; i < rows; i++) {
                sb.append(i == 0 ? "(?" : ",(?").append(tail);
            }
            return sb.toString();
        }

        private void insert(List<ParsedCode> batch, PreparedStatement many, PreparedStatement one)
                throws SQLException {
            for (ParsedCode code : batch) {
                lines.add(code);
            }
            int i = 0;
            for (; i + ROWS_PER_INSERT <= batch.size(); i += ROWS_PER_INSERT) {
                for (int r = 0; r < ROWS_PER_INSERT; r++) {
                    bind(many, r * 4, batch.get(i + r));
                }
                try {
                    many.executeUpdate();
                    imported += ROWS_PER_INSERT;
                    for (int r = 0; r < ROWS_PER_INSERT; r++) {
                        added.add(batch.get(i + r).index());
                    }
                } catch (SQLException e) {
                    // Some row conflicts: SQLite undid the whole statement; redo its rows one by one to name it.
                    for (int r = 0; r < ROWS_PER_INSERT; r++) {
                        insertOne(one, batch.get(i + r));
                    }
                }
            }
            for (; i < batch.size(); i++) {
                insertOne(one, batch.get(i));
            }
        }

        private void bind(PreparedStatement ps, int at, ParsedCode code) throws SQLException {
            ps.setLong(at + 1, CodeKey.of(slot, code.index()));
            ps.setString(at + 2, code.code());
            if (code.url() instanceof byte[] packed) {
                ps.setBytes(at + 3, packed);
            } else {
                ps.setString(at + 3, (String) code.url());
            }
            ps.setBytes(at + 4, code.matrix());
        }

        private void insertOne(PreparedStatement one, ParsedCode code) throws SQLException {
            bind(one, 0, code);
            try {
                one.executeUpdate();
                imported++;
                added.add(code.index());
            } catch (SQLException e) {
                explainConflict(code, e);
                alreadyPresent++;
            }
        }

        /** Returns normally when the identical code is already stored; otherwise throws the reason. */
        private void explainConflict(ParsedCode code, SQLException cause) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT code, url, matrix, state = " + CodeState.STAGED.stored()
                            + " AND import_batch IS NOT ? FROM code WHERE id = ?")) {
                ps.setLong(1, batch);
                ps.setLong(2, CodeKey.of(slot, code.index()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getBoolean(4)) {
                            // staged by another import still running: it may yet fail and delete the row
                            throw new ImportException(code.where() + ": index " + code.index()
                                    + " is being imported by another import right now; import again when it is done");
                        }
                        boolean same = rs.getString(1).equals(code.code()) && sameUrl(rs.getObject(2), code.url())
                                && Arrays.equals(rs.getBytes(3), code.matrix());
                        if (same) {
                            return;
                        }
                        String first = lines.where(code.index());
                        throw new ImportException(code.where() + ": index " + code.index()
                                + (first != null && !first.equals(code.where())
                                ? " appears twice with different codes (also at " + first + ")"
                                : " is already in the vault with another code (" + rs.getString(1) + ")"));
                    }
                }
            }
            Long other = indexWhere("code = ?", code.code());
            if (other != null) {
                throw new ImportException(code.where() + ": code " + code.code() + " already exists under index "
                        + other + origin(other));
            }
            other = indexWhere("url = ?", code.url());
            if (other != null) {
                throw new ImportException(code.where() + ": url already exists under index " + other + origin(other));
            }
            throw cause;
        }

        private String origin(long index) {
            String where = lines.where(index);
            return where == null ? " in the vault" : " (" + where + ")";
        }

        private Long indexWhere(String condition, Object value) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT idx FROM code WHERE " + condition)) {
                ps.setObject(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        }

        private void rebuildIndexes() throws SQLException {
            String[] columns = {"code", "url", null};
            for (int i = 0; i < Schema.CODE_INDEXES.size(); i++) {
                try (Statement st = c.createStatement()) {
                    st.execute(Schema.CODE_INDEXES.get(i));
                } catch (SQLException e) {
                    if (columns[i] == null) {
                        throw e;
                    }
                    throw duplicate(columns[i], e);
                }
            }
        }

        /** The unique index could not be built: find the first duplicated value and the lines that carry it. */
        private RuntimeException duplicate(String column, SQLException cause) throws SQLException {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT group_concat(idx) FROM code WHERE " + column + " IN (SELECT "
                         + column + " FROM code GROUP BY " + column + " HAVING count(*) > 1 LIMIT 1)")) {
                if (rs.next() && rs.getString(1) != null) {
                    long[] idx = Arrays.stream(rs.getString(1).split(",")).mapToLong(Long::parseLong).sorted()
                            .toArray();
                    String second = lines.where(idx[1]);
                    String first = lines.where(idx[0]);
                    String value = "code".equals(column) ? "code " + codeAt(idx[0]) : "url";
                    return new ImportException(second + ": " + value + " duplicates index " + idx[0] + " ("
                            + first + ")");
                }
            }
            return new ImportException("duplicate " + column + " in the package", cause);
        }

        private String codeAt(long index) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT code FROM code WHERE id = ?")) {
                ps.setLong(1, CodeKey.of(slot, index));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "?";
                }
            }
        }
    }

    /** CPU time of the whole process (all threads, SQLite's sorter threads included), for the debug log. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static boolean sameUrl(Object stored, Object incoming) {
        if (stored instanceof byte[] a && incoming instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return stored.equals(incoming);
    }

    private static ImportException discardedByRecovery() {
        return new ImportException("the import was discarded by the vault's start-up recovery (an edge started"
                + " during the import); nothing was added, import the package again");
    }
}
