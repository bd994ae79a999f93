package io.yima.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.drivers.symbol.Microcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The code vault: every code of every application with its state, in one SQLite file (WAL).
 *
 * <p>All mutations go through one writer connection under one lock, each batch in one transaction, each
 * transition an {@code UPDATE ... WHERE state = expected}: a zero update count throws
 * {@link IllegalTransitionException} and rolls the whole batch back, so a code leaves AVAILABLE at most once.
 * Every batch appends one row to {@code event} in the same transaction. Reads use a second connection.
 */
public final class CodeVault implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "SELECT application_id, idx, code, url, matrix, state, job_id, item_id, reason,"
            + " activation_state, updated FROM code ";
    /** How long a statement waits for another connection's write lock (one import chunk takes milliseconds). */
    static final long BUSY_TIMEOUT_MILLIS = 10_000;
    private static final List<String> ACTIVATION_STATES = List.of("PENDING", "QUEUED", "ACTIVATED", "FAILED");

    private final Path file;
    private final Connection writer;
    private Connection reader;
    /** Fair, so a line's transaction queued behind an import's chunk runs before the import's next chunk. */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Object readLock = new Object();
    private final Map<Long, Long> slots = new ConcurrentHashMap<>();
    /** Per application: every code with a smaller key is known not to be AVAILABLE (only this writer adds). */
    private final Map<Long, Long> reserveFloor = new ConcurrentHashMap<>();
    private final ImportBatches imports = new ImportBatches(this);
    private int depth;

    private CodeVault(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** Chunked imports into a vault that already has codes (STAGED rows, publish, discard). */
    public ImportBatches imports() {
        return imports;
    }

    /** Opens the vault file, creating it or migrating its schema as needed. */
    public static CodeVault open(Path dbFile) {
        try {
            Path parent = dbFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection w = connect(dbFile);
            try (Statement st = w.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
            }
            Schema.migrate(w);
            return new CodeVault(dbFile, w, connect(dbFile));
        } catch (SQLException | java.io.IOException e) {
            throw new VaultException("cannot open vault " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path dbFile) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA synchronous=FULL");
        }
        PollingBusyHandler.install(c, BUSY_TIMEOUT_MILLIS);
        return c;
    }

    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- transactions

    /**
     * Runs {@code work} on the writer connection in one transaction (BEGIN IMMEDIATE ... COMMIT), rolled back if it
     * throws. Nested calls on the same thread join the outer transaction. Do not commit inside {@code work}.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        writeLock.lock();
        try {
            if (depth > 0) {
                depth++;
                try {
                    return work.run(writer);
                } finally {
                    depth--;
                }
            }
            exec("BEGIN IMMEDIATE");
            depth = 1;
            try {
                T result = work.run(writer);
                exec("COMMIT");
                return result;
            } catch (Throwable t) {
                try {
                    exec("ROLLBACK");
                } catch (SQLException ignored) {
                    // the original failure is the one worth reporting
                }
                throw t;
            } finally {
                depth = 0;
            }
        } catch (SQLException e) {
            throw new VaultException("vault write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs a bulk load in one transaction with a rollback journal instead of the WAL when this process is the only
     * one with the vault open: pages appended to the file are then written once instead of twice (WAL, then
     * checkpoint), and the rollback journal still undoes everything on failure or crash. Falls back to an ordinary
     * {@link #inTransaction} when another process holds the vault (a running daemon).
     */
    public <T> T inBulkTransaction(SqlWork<T> work) {
        writeLock.lock();
        try {
            synchronized (readLock) {
                boolean switched = false;
                try {
                    reader.close();
                    switched = "delete".equalsIgnoreCase(journalMode("DELETE"));
                } catch (SQLException e) {
                    switched = false;
                }
                try {
                    return inTransaction(work);
                } finally {
                    try {
                        if (switched) {
                            journalMode("WAL");
                        }
                        reader = connect(file);
                    } catch (SQLException e) {
                        throw new VaultException("vault reopen failed: " + e.getMessage(), e);
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * SQLite's {@code PRAGMA data_version} of the writer connection, outside any transaction: it changes when another
     * connection (another process's line) commits, so an importer can tell whether someone wants the lock.
     */
    public long dataVersion() {
        writeLock.lock();
        try (Statement st = writer.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new VaultException("vault read failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** True when a thread of this process waits for the write lock (a line's commit queued behind an import). */
    public boolean writersWaiting() {
        return writeLock.hasQueuedThreads();
    }

    private String journalMode(String mode) throws SQLException {
        try (Statement st = writer.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode=" + mode)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute(sql);
        }
    }

    /** Appends to the audit log; call inside {@link #inTransaction}. */
    public void appendEvent(Connection c, String kind, Map<String, ?> body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event(ts, kind, json) VALUES (?, ?, ?)")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, kind);
            try {
                ps.setString(3, JSON.writeValueAsString(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- applications

    /** The application's slot (high part of its code keys), registering the application on first use. */
    public long ensureApplication(long applicationId) {
        Long known = slots.get(applicationId);
        if (known != null) {
            return known;
        }
        return inTransaction(c -> {
            Long slot = findSlot(c, applicationId);
            if (slot == null) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT coalesce(max(slot), 0) + 1 FROM application")) {
                    rs.next();
                    slot = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO application(id, slot, wechat_application_id, created) VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, applicationId);
                    ps.setLong(2, slot);
                    ps.setLong(3, applicationId);
                    ps.setLong(4, System.currentTimeMillis());
                    ps.executeUpdate();
                }
            }
            slots.put(applicationId, slot);
            return slot;
        });
    }

    /** True when the vault holds no code at all (the first import takes the bulk path). */
    public boolean isEmpty() {
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS(SELECT 1 FROM code)")) {
                return rs.next() && rs.getInt(1) == 0;
            }
        });
    }

    public boolean hasApplication(long applicationId) {
        return slotOf(applicationId) != null;
    }

    private Long slotOf(long applicationId) {
        Long known = slots.get(applicationId);
        if (known != null) {
            return known;
        }
        synchronized (readLock) {
            try {
                Long slot = findSlot(reader, applicationId);
                if (slot != null) {
                    slots.put(applicationId, slot);
                }
                return slot;
            } catch (SQLException e) {
                throw new VaultException("vault read failed: " + e.getMessage(), e);
            }
        }
    }

    private static Long findSlot(Connection c, long applicationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT slot FROM application WHERE id = ?")) {
            ps.setLong(1, applicationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private long key(long applicationId, long index) {
        Long slot = slotOf(applicationId);
        if (slot == null) {
            throw new IllegalTransitionException(new CodeRef(applicationId, index), "an imported code", null);
        }
        return CodeKey.of(slot, index);
    }

    /** Undoes {@link #ensureApplication} after a failed first import, so a refused package leaves no trace. */
    public void forgetApplicationIfEmpty(long applicationId) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM application WHERE id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM code WHERE application_id = ?)")) {
                ps.setLong(1, applicationId);
                ps.setLong(2, applicationId);
                if (ps.executeUpdate() > 0) {
                    slots.remove(applicationId);
                }
            }
            return null;
        });
    }

    /** Called by the importer after adding codes: they may lie below a reservation floor. */
    public void forgetReserveFloors() {
        reserveFloor.clear();
    }

    // ---------------------------------------------------------------- jobs

    /** Opens a job; repeating the same spec is a no-op (a PLC reconnecting), a different spec is refused. */
    public void openJob(JobSpec job) {
        Objects.requireNonNull(job.jobId(), "jobId");
        inTransaction(c -> {
            Optional<JobSpec> existing = readJob(c, job.jobId());
            if (existing.isPresent()) {
                if (!existing.get().equals(job)) {
                    throw new IllegalArgumentException("job " + job.jobId() + " is already open with other fields: "
                            + existing.get() + ", requested " + job);
                }
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO job(id, line, application_id, sku, batch,"
                    + " quantity, symbol, mode, activity_name, product_brand, product_title, product_code, wxa_appid,"
                    + " wxa_path, wxa_type, state, opened) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ActivationFields a = job.activation() == null
                        ? new ActivationFields(null, null, null, null, null, null, null) : job.activation();
                ps.setString(1, job.jobId());
                ps.setString(2, job.line());
                ps.setLong(3, job.applicationId());
                ps.setString(4, job.sku());
                ps.setString(5, job.batch());
                ps.setInt(6, job.quantity());
                ps.setString(7, job.symbol());
                ps.setString(8, job.mode());
                ps.setString(9, a.activityName());
                ps.setString(10, a.productBrand());
                ps.setString(11, a.productTitle());
                ps.setString(12, a.productCode());
                ps.setString(13, a.wxaAppid());
                ps.setString(14, a.wxaPath());
                if (a.wxaType() == null) {
                    ps.setNull(15, Types.INTEGER);
                } else {
                    ps.setInt(15, a.wxaType());
                }
                ps.setString(16, JobState.OPEN.name());
                ps.setLong(17, System.currentTimeMillis());
                ps.executeUpdate();
            }
            appendEvent(c, "JOB_OPEN", Map.of("job", job.jobId(), "application", job.applicationId(),
                    "quantity", job.quantity()));
            return null;
        });
    }

    public Optional<JobSpec> job(String jobId) {
        return read(c -> readJob(c, jobId));
    }

    private static Optional<JobSpec> readJob(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT line, application_id, sku, batch, quantity, symbol,"
                + " mode, activity_name, product_brand, product_title, product_code, wxa_appid, wxa_path, wxa_type"
                + " FROM job WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int wxaType = rs.getInt(14);
                Integer type = rs.wasNull() ? null : wxaType;
                ActivationFields a = new ActivationFields(rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), type);
                if (a.equals(new ActivationFields(null, null, null, null, null, null, null))) {
                    a = null;
                }
                return Optional.of(new JobSpec(jobId, rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), a));
            }
        }
    }

    /** The job a line left open (OPEN or STOPPED), so a restarted edge resumes it; empty when none. */
    public Optional<JobSpec> openJobOnLine(String line) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM job WHERE line = ? AND state IN ('OPEN', 'STOPPED') ORDER BY opened DESC LIMIT 1")) {
                ps.setString(1, line);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? readJob(c, rs.getString(1)) : Optional.<JobSpec>empty();
                }
            }
        });
    }

    /** The job's state; throws {@link IllegalArgumentException} for an unknown job. */
    public JobState jobState(String jobId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM job WHERE id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no job " + jobId);
                    }
                    return JobState.valueOf(rs.getString(1));
                }
            }
        });
    }

    public void setJobState(String jobId, JobState state) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE job SET state = ?, closed = CASE WHEN ? THEN ? ELSE closed END WHERE id = ?")) {
                ps.setString(1, state.name());
                ps.setBoolean(2, state == JobState.CLOSED);
                ps.setLong(3, System.currentTimeMillis());
                ps.setString(4, jobId);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no job " + jobId);
                }
            }
            appendEvent(c, "JOB_" + state.name(), Map.of("job", jobId));
            return null;
        });
    }

    // ---------------------------------------------------------------- transitions

    /**
     * Reserves up to {@code n} AVAILABLE codes of the application for the job, lowest indexes first, returned in
     * index order; fewer than {@code n} when the stock runs out.
     */
    public List<CodeRecord> reserve(long applicationId, String jobId, int n) {
        Objects.requireNonNull(jobId, "jobId");
        if (n <= 0) {
            return List.of();
        }
        Long slot = slotOf(applicationId);
        if (slot == null) {
            return List.of();
        }
        long base = CodeKey.of(slot, 0);
        long top = CodeKey.of(slot, CodeKey.MAX_INDEX);
        long[] newFloor = new long[1];
        List<CodeRecord> out = inTransaction(c -> {
            long from = reserveFloor.getOrDefault(applicationId, base);
            List<long[]> keys = new ArrayList<>(n);
            List<CodeRecord> records = scanAvailable(c, from, top, n, keys);
            if (records.size() < n && from > base) {
                keys.clear();
                records = scanAvailable(c, base, top, n, keys);
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE code SET state = 1, job_id = ?, updated = ? WHERE id = ? AND state = 0")) {
                for (int i = 0; i < records.size(); i++) {
                    ps.setString(1, jobId);
                    ps.setLong(2, now);
                    ps.setLong(3, keys.get(i)[0]);
                    if (ps.executeUpdate() != 1) {
                        CodeRecord r = records.get(i);
                        throw new IllegalTransitionException(new CodeRef(applicationId, r.index()),
                                "AVAILABLE", actualState(c, keys.get(i)[0]));
                    }
                }
            }
            List<CodeRecord> reserved = new ArrayList<>(records.size());
            for (CodeRecord r : records) {
                reserved.add(new CodeRecord(r.applicationId(), r.index(), r.code(), r.url(), r.matrix(),
                        CodeState.RESERVED, jobId, null, null, null, now));
            }
            if (!reserved.isEmpty()) {
                appendEvent(c, "RESERVE", Map.of("job", jobId, "application", applicationId,
                        "count", reserved.size(), "indexes", indexes(reserved)));
                newFloor[0] = keys.get(keys.size() - 1)[0] + 1;
            } else {
                newFloor[0] = top;
            }
            return reserved;
        });
        reserveFloor.put(applicationId, newFloor[0]);
        return out;
    }

    private List<CodeRecord> scanAvailable(Connection c, long from, long top, int n, List<long[]> keys)
            throws SQLException {
        List<CodeRecord> records = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, application_id, idx, code, url, matrix FROM code"
                + " WHERE id BETWEEN ? AND ? AND state = 0 ORDER BY id LIMIT ?")) {
            ps.setLong(1, from);
            ps.setLong(2, top);
            ps.setInt(3, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new long[] {rs.getLong(1)});
                    records.add(new CodeRecord(rs.getLong(2), rs.getLong(3), rs.getString(4),
                            UrlKey.decode(rs.getObject(5)), Microcode.fromPacked(rs.getBytes(6)),
                            CodeState.AVAILABLE, null, null, null, null, 0));
                }
            }
        }
        return records;
    }

    private static List<Long> indexes(List<CodeRecord> records) {
        List<Long> idx = new ArrayList<>(records.size());
        for (CodeRecord r : records) {
            idx.add(r.index());
        }
        return idx;
    }

    /** RESERVED → SENT for each issue, one transaction; commit this before any label byte leaves. */
    public void markSent(List<Issue> issues) {
        transition(issues.size(), "SENT", "RESERVED",
                "UPDATE code SET state = 2, item_id = ?, updated = ? WHERE id = ? AND state = 1",
                i -> new CodeRef(issues.get(i).applicationId(), issues.get(i).index()),
                (ps, i) -> ps.setString(1, issues.get(i).itemId()));
    }

    /** SENT → BOUND with activation PENDING, one transaction. */
    public void bind(List<Binding> bindings) {
        transition(bindings.size(), "BIND", "SENT",
                "UPDATE code SET state = 3, item_id = ?, updated = ?, activation_state = 'PENDING'"
                        + " WHERE id = ? AND state = 2",
                i -> new CodeRef(bindings.get(i).applicationId(), bindings.get(i).index()),
                (ps, i) -> ps.setString(1, bindings.get(i).itemId()));
    }

    /** SENT → REJECTED with the reason, one transaction. */
    public void reject(List<Rejection> rejections) {
        transition(rejections.size(), "REJECT", "SENT",
                "UPDATE code SET state = 4, reason = ?, updated = ? WHERE id = ? AND state = 2",
                i -> new CodeRef(rejections.get(i).applicationId(), rejections.get(i).index()),
                (ps, i) -> ps.setString(1, rejections.get(i).reason()));
    }

    /** RESERVED or SENT → VOIDED with the reason, one transaction. */
    public void voidCodes(List<CodeRef> codes, String reason) {
        transition(codes.size(), "VOID", "RESERVED or SENT",
                "UPDATE code SET state = 5, reason = ?, updated = ? WHERE id = ? AND state IN (1, 2)",
                codes::get, (ps, i) -> ps.setString(1, reason));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, int i) throws SQLException;
    }

    private void transition(int count, String kind, String expected, String sql,
                            java.util.function.IntFunction<CodeRef> ref, Binder first) {
        if (count == 0) {
            return;
        }
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = key(ref.apply(i).applicationId(), ref.apply(i).index());
        }
        inTransaction(c -> {
            long now = System.currentTimeMillis();
            List<List<Long>> codes = new ArrayList<>(count);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < count; i++) {
                    first.bind(ps, i);
                    ps.setLong(2, now);
                    ps.setLong(3, keys[i]);
                    if (ps.executeUpdate() != 1) {
                        throw new IllegalTransitionException(ref.apply(i), expected, actualState(c, keys[i]));
                    }
                    codes.add(List.of(ref.apply(i).applicationId(), ref.apply(i).index()));
                }
            }
            appendEvent(c, kind, Map.of("codes", codes));
            return null;
        });
    }

    private static CodeState actualState(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM code WHERE id = ?")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? CodeState.ofStored(rs.getInt(1)) : null;
            }
        }
    }

    /** Returns the job's RESERVED (never sent) codes to stock; returns how many. */
    public int release(String jobId) {
        int released = inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = 0, job_id = NULL, updated = ?"
                    + " WHERE job_id = ? AND state = 1")) {
                ps.setLong(1, System.currentTimeMillis());
                ps.setString(2, jobId);
                n = ps.executeUpdate();
            }
            if (n > 0) {
                appendEvent(c, "RELEASE", Map.of("job", jobId, "count", n));
            }
            return n;
        });
        if (released > 0) {
            reserveFloor.clear();
        }
        return released;
    }

    /**
     * Start-up recovery: RESERVED codes go back to stock (SENT is committed before bytes leave, so a RESERVED code
     * never reached a printer); SENT codes without a verdict are VOIDED with reason CRASH, never re-issued. An
     * import interrupted while staging has its STAGED rows deleted; one interrupted while publishing is finished.
     */
    public RecoveryReport recover() {
        RecoveryReport report = inTransaction(c -> {
            long now = System.currentTimeMillis();
            int released;
            int voided;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE code SET state = 0, job_id = NULL, item_id = NULL, updated = ? WHERE state = 1")) {
                ps.setLong(1, now);
                released = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE code SET state = 5, reason = 'CRASH', updated = ? WHERE state = 2")) {
                ps.setLong(1, now);
                voided = ps.executeUpdate();
            }
            appendEvent(c, "RECOVER", Map.of("released", released, "voided", voided));
            return new RecoveryReport(released, voided);
        });
        ImportBatches.ImportRecovery imported = imports.recover();
        reserveFloor.clear();
        if (imported.discarded() + imported.published() == 0) {
            return report;
        }
        inTransaction(c -> {
            appendEvent(c, "RECOVER_IMPORT", Map.of("discarded", imported.discarded(), "codesDiscarded",
                    imported.codesDiscarded(), "published", imported.published(), "codesPublished",
                    imported.codesPublished()));
            return null;
        });
        return new RecoveryReport(report.released(), report.voided(), imported.discarded(), imported.codesDiscarded(),
                imported.published(), imported.codesPublished());
    }

    /**
     * Sets the activation state of the application's BOUND codes with indexes in [idxStart, idxEnd]; call inside
     * {@link #inTransaction} (the activation outbox). Uses the row key, so it is a range seek, not a scan.
     */
    public int setActivation(Connection c, long applicationId, long idxStart, long idxEnd, String activationState,
                             Long rangeId) throws SQLException {
        Long slot = slotOf(applicationId);
        if (slot == null) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE code SET activation_state = ?,"
                + " activation_range_id = coalesce(?, activation_range_id), updated = ?"
                + " WHERE id BETWEEN ? AND ? AND state = 3")) {
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

    // ---------------------------------------------------------------- lookups

    public Optional<CodeRecord> byIndex(long applicationId, long index) {
        Long slot = slotOf(applicationId);
        if (slot == null || index < 0 || index > CodeKey.MAX_INDEX) {
            return Optional.empty();
        }
        return one(ROW + "WHERE id = ? AND state <> 6", CodeKey.of(slot, index));
    }

    public Optional<CodeRecord> byCode(String code) {
        return one(ROW + "WHERE code = ? AND state <> 6", code);
    }

    public Optional<CodeRecord> byUrl(String url) {
        return one(ROW + "WHERE url = ? AND state <> 6", UrlKey.encode(url));
    }

    public Optional<CodeRecord> byMatrix(Microcode m) {
        byte[] packed = m.packed();
        return one(ROW + "WHERE " + MatrixHash.KEY_EXPRESSION + " = ? AND matrix = ? AND state <> 6",
                MatrixHash.key(packed), packed);
    }

    /** Resolves a scanner read: the 28-character URL, the code (up to 9 characters) or the 361-bit matrix. */
    public Optional<CodeRecord> resolveRead(String read) {
        if (read == null) {
            return Optional.empty();
        }
        String r = read.strip();
        if (r.length() == Microcode.CELLS && r.chars().allMatch(ch -> ch == '0' || ch == '1')) {
            return byMatrix(Microcode.fromBits(r));
        }
        if (r.length() == 28) {
            return byUrl(r);
        }
        if (!r.isEmpty() && r.length() <= 9) {
            return byCode(r);
        }
        return Optional.empty();
    }

    private Optional<CodeRecord> one(String sql, Object... args) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(record(rs)) : Optional.empty();
                }
            }
        });
    }

    private static CodeRecord record(ResultSet rs) throws SQLException {
        return new CodeRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), UrlKey.decode(rs.getObject(4)),
                Microcode.fromPacked(rs.getBytes(5)), CodeState.ofStored(rs.getInt(6)), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11));
    }

    private <T> T read(SqlWork<T> work) {
        synchronized (readLock) {
            try {
                return work.run(reader);
            } catch (SQLException e) {
                throw new VaultException("vault read failed: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- reports

    public VaultStats stats() {
        return read(c -> {
            Map<Long, long[]> states = new LinkedHashMap<>();
            Map<Long, Map<String, Long>> activation = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM application ORDER BY id")) {
                while (rs.next()) {
                    states.put(rs.getLong(1), new long[CodeState.values().length]);
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT application_id, state, activation_state, count(*) FROM code"
                         + " WHERE state <> 6 GROUP BY application_id, state, activation_state")) {
                while (rs.next()) {
                    long app = rs.getLong(1);
                    states.computeIfAbsent(app, a -> new long[CodeState.values().length])[rs.getInt(2)]
                            += rs.getLong(4);
                    String act = rs.getString(3);
                    if (act != null) {
                        activation.computeIfAbsent(app, a -> new LinkedHashMap<>()).merge(act, rs.getLong(4),
                                Long::sum);
                    }
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

    public JobReport jobReport(String jobId) {
        return read(c -> {
            Map<CodeState, List<Long>> byState = new EnumMap<>(CodeState.class);
            for (CodeState s : CodeState.COUNTED) {
                byState.put(s, new ArrayList<>());
            }
            Map<String, Long> reasons = new LinkedHashMap<>();
            long voidedAfterSent = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT idx, state, reason, item_id FROM code WHERE job_id = ? AND state <> 6 ORDER BY id")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CodeState s = CodeState.ofStored(rs.getInt(2));
                        byState.get(s).add(rs.getLong(1));
                        if (s == CodeState.REJECTED) {
                            reasons.merge(String.valueOf(rs.getString(3)), 1L, Long::sum);
                        } else if (s == CodeState.VOIDED && rs.getString(4) != null) {
                            voidedAfterSent++;
                        }
                    }
                }
            }
            long reserved = byState.get(CodeState.RESERVED).size();
            long sent = byState.get(CodeState.SENT).size();
            long bound = byState.get(CodeState.BOUND).size();
            long rejected = byState.get(CodeState.REJECTED).size();
            long voided = byState.get(CodeState.VOIDED).size();
            Map<CodeState, List<Long>> frozen = new EnumMap<>(CodeState.class);
            byState.forEach((s, l) -> frozen.put(s, List.copyOf(l)));
            return new JobReport(jobId, reserved, sent, bound, rejected, reasons, voided, voidedAfterSent,
                    sent + bound + rejected + voidedAfterSent, frozen, reserved == 0 && sent == 0);
        });
    }

    /**
     * AVAILABLE → VOIDED for an application's index range (a spoiled roll, codes withdrawn by the brand); codes in
     * other states are left alone. Returns how many codes were voided.
     */
    public int voidAvailable(long applicationId, long fromIndex, long toIndex, String reason) {
        Long slot = slotOf(applicationId);
        if (slot == null || fromIndex < 0 || toIndex < fromIndex) {
            return 0;
        }
        long top = Math.min(toIndex, CodeKey.MAX_INDEX);
        return inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = 5, reason = ?, updated = ?"
                    + " WHERE id BETWEEN ? AND ? AND state = 0")) {
                ps.setString(1, reason);
                ps.setLong(2, System.currentTimeMillis());
                ps.setLong(3, CodeKey.of(slot, fromIndex));
                ps.setLong(4, CodeKey.of(slot, top));
                n = ps.executeUpdate();
            }
            appendEvent(c, "VOID_RANGE", Map.of("application", applicationId, "from", fromIndex, "to", top,
                    "voided", n, "reason", reason));
            return n;
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            synchronized (readLock) {
                reader.close();
            }
            writer.close();
        } catch (SQLException e) {
            throw new VaultException("closing vault failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
