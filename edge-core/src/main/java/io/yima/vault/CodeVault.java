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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The code vault: every code of every application with its state, in one SQLite file (WAL).
 *
 * <p>This class owns the two connections and the transactions; the work lives in small package classes
 * ({@link Transitions}, {@link Jobs}, {@link Lookups}, {@link Recovery}, {@link Counters}, {@link ImportBatches}).
 * All mutations go through one writer connection under one lock, each batch in one transaction that is on disk
 * when it returns ({@code synchronous=FULL}). Reads use a second connection. No call runs on a Netty I/O event
 * loop ({@link EventLoopGuard}).
 */
public final class CodeVault implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a statement waits for another connection's write lock (one import chunk takes milliseconds). */
    static final long BUSY_TIMEOUT_MILLIS = 10_000;
    /** Test hook: wraps every vault connection (a test records the SQL the vault prepares). */
    static volatile UnaryOperator<Connection> connectionHook = UnaryOperator.identity();

    private final Path file;
    private final Connection writer;
    /**
     * Every write goes through it: one transaction and one fsync for the writes of all lines that queue meanwhile
     * (group commit), taken in arrival order, so a line's write queued behind an import's chunk runs before the
     * import's next chunk.
     */
    private final VaultWriter writerGroup;
    private Connection reader;
    private final Object readLock = new Object();
    private final EventLoopGuard guard = new EventLoopGuard();
    private final Applications applications = new Applications(this);
    /** The writer's statements of every transaction, prepared once (only used inside transactions). */
    final KeptStatements kept = new KeptStatements();
    private final Transitions transitions = new Transitions(this, applications);
    private final Jobs jobs = new Jobs(this);
    private final Lookups lookups = new Lookups(this, applications);
    private final Counters counters = new Counters(this);
    private final ImportBatches imports = new ImportBatches(this);
    private final Recovery recovery = new Recovery(this, imports, applications);
    private final Packing packing = new Packing(this);
    /** Bumped whenever this process adds codes to stock (import, recovery, a job's reservation released). */
    private final java.util.concurrent.atomic.AtomicLong stockChanges = new java.util.concurrent.atomic.AtomicLong();
    /** The edge's record of issued codes beside the vault file (see {@link Ledger}). */
    private final Ledger ledger;
    private final String vaultId;
    /** The files this object opened (see {@link VaultIdentity}); null until {@link #watchIdentity()}. */
    private volatile VaultIdentity identity;
    /** Why the vault must not be used any more (its file deleted or replaced); null while it is sound. */
    private volatile String lost;

    private CodeVault(Path file, Connection writer, Connection reader, Ledger ledger, String vaultId) {
        this.file = file;
        this.writer = writer;
        this.writerGroup = new VaultWriter(writer);
        this.reader = reader;
        this.ledger = ledger;
        this.vaultId = vaultId;
    }

    /**
     * Opens a vault file that must already exist: the daemon never creates one, because an empty vault at the
     * configured path (a disk not mounted, a deleted file) would print the codes of the lost one again.
     */
    public static CodeVault openExisting(Path dbFile) {
        requireExisting(dbFile);
        boolean walGone = walDeletedBeforeStart(dbFile);
        writeOutPendingPages(dbFile);
        CodeVault v = open(dbFile);
        if (walGone) {
            // the commits in the lost WAL may have sent labels: recovery must void what the ledger says went out
            org.slf4j.LoggerFactory.getLogger(CodeVault.class).error("vault {}: its write-ahead log was deleted"
                    + " before this start (the shared-memory file is there, the log is not); recovery voids what the"
                    + " ledger says was handed out", dbFile);
            try {
                v.ledger.lost(v.vaultId);
            } catch (RuntimeException e) {
                v.close();
                throw e;
            }
        }
        return v;
    }

    /**
     * Makes the OS write out what it still holds unwritten of the vault file (one fsync) before the lines start. A
     * vault copied or restored just before the start has up to its whole size in dirty pages (1.5 GB at 10 million
     * codes); otherwise the first WAL checkpoint — run inside some line's commit once the WAL reaches 1,000 pages —
     * fsyncs the database file and waits for all of them: a stall of ~0.8 s some 80 labels into the first job, at
     * 10 million codes and not at 20,000 (docs/BENCHMARKS.md, "Job start on a large vault"). On a vault whose pages
     * are already on disk the fsync returns at once.
     */
    private static void writeOutPendingPages(Path dbFile) {
        long t0 = System.nanoTime();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dbFile,
                java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (java.io.IOException e) {
            // opening the vault itself reports a file that cannot be read; this write-out only saves a later stall
            return;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms >= 100) {
            org.slf4j.LoggerFactory.getLogger(CodeVault.class).info("vault {}: {} ms to write out pages of the vault"
                    + " file the system still held unwritten (a copy or restore just before the start)", dbFile, ms);
        }
    }

    /**
     * SQLite removes {@code -wal} and {@code -shm} together when the last connection closes cleanly, and leaves both
     * after a crash: a {@code -shm} without its {@code -wal} before we open means the log was deleted by hand.
     */
    private static boolean walDeletedBeforeStart(Path dbFile) {
        Path shm = dbFile.resolveSibling(dbFile.getFileName() + "-shm");
        Path wal = dbFile.resolveSibling(dbFile.getFileName() + "-wal");
        return Files.exists(shm) && !Files.exists(wal);
    }

    /** Throws a {@link VaultException} naming the path when no vault file is there. */
    public static void requireExisting(Path dbFile) {
        if (!Files.isRegularFile(dbFile)) {
            throw new VaultException("no vault at " + dbFile.toAbsolutePath() + ": is the disk that holds it mounted?"
                    + " The edge never creates a vault when it starts; create one with `yima-edge vault init --vault "
                    + dbFile + "` or `yima-edge import`");
        }
    }

    /** This vault's random id, fixed when the vault was created; a backup keeps it. */
    public String vaultId() {
        return vaultId;
    }

    public Ledger ledger() {
        return ledger;
    }

    /**
     * Remembers which files (inode) this object has open, so {@link #checkIdentity()} can tell when one was deleted
     * or replaced under the running edge.
     */
    public void watchIdentity() {
        identity = VaultIdentity.of(file);
    }

    /**
     * Checks that the vault file and its WAL are still the ones opened and that the file still holds this vault;
     * when not, the vault is lost for this process: every later call fails with the reason, and the ledger gets a
     * LOST line so the next start voids what may have been issued from commits that are now gone.
     *
     * @return the reason when the vault is lost (now or before), else null
     */
    public String checkIdentity() {
        if (lost != null) {
            return lost;
        }
        VaultIdentity id = identity;
        if (id == null) {
            return null;
        }
        String problem = id.problem();
        if (problem == null) {
            try {
                String stored;
                synchronized (readLock) {
                    // autocommit: a statement of its own, reading what the file holds now
                    stored = reader.getAutoCommit() ? readVaultId(reader) : vaultId;
                }
                if (!vaultId.equals(stored)) {
                    problem = "the vault file " + file + " now holds another vault (id " + stored + ", was "
                            + vaultId + ")";
                }
            } catch (SQLException | RuntimeException e) {
                problem = null; // a busy or failing read is the line's vault fault, not a lost vault
            }
        }
        if (problem != null) {
            markLost(problem);
        }
        return problem;
    }

    private void markLost(String problem) {
        synchronized (this) {
            if (lost != null) {
                return;
            }
            lost = "vault lost: " + problem + "; the line stays stopped until the edge is restarted on a sound vault"
                    + " (docs/operations.md, \"Vault lost\")";
        }
        try {
            ledger.lost(vaultId);
        } catch (RuntimeException e) {
            // the ledger's disk may have gone with the vault's; the fault itself still stops the line
        }
    }

    private void refuseIfLost() {
        String l = lost;
        if (l != null) {
            throw new VaultException(l);
        }
    }

    static String readVaultId(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT vault_id FROM export_switch WHERE id = 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The packing hierarchy: cases, pallets, rework, SSCC serials (see {@link Packing}). */
    public Packing packing() {
        return packing;
    }

    /** Chunked imports into a vault that already has codes (STAGED rows, publish, discard). */
    public ImportBatches imports() {
        return imports;
    }

    /** Opens the vault file, creating it or migrating its schema as needed. */
    public static CodeVault open(Path dbFile) {
        new EventLoopGuard().check();
        try {
            Path parent = dbFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection w = connect(dbFile);
            try (Statement st = w.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                // WAL + FULL: every commit fsyncs the WAL before it returns, so an acknowledged SENT, BIND or job
                // survives a power cut (docs/vault.md, "Durability").
                st.execute("PRAGMA synchronous=FULL");
                // A group commit runs each line's part under a SAVEPOINT; past 64 KiB of saved pages SQLite spilled
                // that sub-journal into a new temp file (create, write, unlink) per commit, some 40 a second at 8
                // lanes, on the lines' threads. In memory it is a few hundred KiB at most and never needs to survive
                // a crash: the WAL is what makes a commit durable, not the sub-journal.
                st.execute("PRAGMA temp_store=MEMORY");
            }
            Schema.migrate(w);
            String id = readVaultId(w);
            Ledger ledger;
            try {
                ledger = Ledger.open(dbFile);
            } catch (VaultException e) {
                w.close();
                throw e;
            }
            return new CodeVault(dbFile, w, connect(dbFile), ledger, id);
        } catch (SQLException | java.io.IOException e) {
            throw new VaultException("cannot open vault " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path dbFile) throws SQLException {
        java.util.Properties options = new java.util.Properties();
        // The driver's getGeneratedKeys support matches every executed statement against a regex and runs an extra
        // SELECT last_insert_rowid() after each INSERT, on the lines' hot path; the vault reads new ids with RETURNING.
        options.setProperty("jdbc.get_generated_keys", "false");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile, options);
        try (Statement st = c.createStatement()) {
            // the reader never commits; the writer raises this to FULL in open()
            st.execute("PRAGMA synchronous=NORMAL");
        }
        PollingBusyHandler.install(c, BUSY_TIMEOUT_MILLIS);
        return connectionHook.apply(c);
    }

    public Path file() {
        return file;
    }

    /** How many calls were refused because they came from a Netty I/O event-loop thread (should stay 0). */
    public long eventLoopRefusals() {
        return guard.refusals();
    }

    // ---------------------------------------------------------------- transactions

    /**
     * Runs {@code work} on the writer connection in one transaction (BEGIN IMMEDIATE ... COMMIT), rolled back if it
     * throws; returns once it is committed (fsynced). Nested calls on the same thread join the outer transaction. Do
     * not commit inside {@code work}. Works of other threads queued at the same time may share the transaction and
     * its fsync ({@link VaultWriter}, group commit): {@code work} may then run on one of those threads while this
     * one waits, each work under its own savepoint, so one that throws is undone alone. A write that cannot get the
     * writer within {@link VaultWriter#WAIT_MILLIS} fails with a {@link VaultException} without having run.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        guard.check();
        refuseIfLost();
        return writerGroup.inTransaction(work);
    }

    /** Test hook: how long a write waits for the writer before it fails (default {@link VaultWriter#WAIT_MILLIS}). */
    void writerWaitMillis(long millis) {
        writerGroup.waitMillis(millis);
    }

    /** Test hook: callers waiting for the whole writer (dataVersion, a bulk import, close). */
    int waitingForWholeWriter() {
        return writerGroup.exclusiveWaiting();
    }

    /** Test hook: writes queued for the writer and not yet taken into a transaction. */
    int writesQueued() {
        return writerGroup.queued();
    }

    /**
     * Commits of the writer connection so far and the transactions they carried (group commit puts several
     * lines' transactions into one commit): for tests and benchmarks.
     */
    public long[] commitCounts() {
        VaultWriter.Counts c = writerGroup.counts();
        return new long[] {c.commits(), c.parts()};
    }

    /** SQLITE_FULL (13) is the one failure a technician can fix on the spot: say so in plain words. */
    static VaultException writeFailed(SQLException e) {
        if (e.getErrorCode() == 13) {
            return new VaultException("vault write failed: the disk holding the vault is full; free space on it and"
                    + " try again (nothing of this write was kept)", e);
        }
        return new VaultException("vault write failed: " + e.getMessage(), e);
    }

    /**
     * Runs {@code work} on the reader connection: it sees committed data only, and one snapshot for the whole of
     * {@code work}. Do not write in it.
     */
    public <T> T read(SqlWork<T> work) {
        guard.check();
        refuseIfLost();
        synchronized (readLock) {
            try {
                if (reader.getAutoCommit()) {
                    // one read transaction, so several statements see the same snapshot
                    reader.setAutoCommit(false);
                    try {
                        return work.run(reader);
                    } finally {
                        reader.rollback();
                        reader.setAutoCommit(true);
                    }
                }
                return work.run(reader);
            } catch (SQLException e) {
                throw new VaultException("vault read failed: " + e.getMessage(), e);
            }
        }
    }

    /** Writes a consistent copy of the vault to a new file (one read snapshot; writers go on meanwhile). */
    void vacuumInto(Path target) {
        guard.check();
        refuseIfLost();
        synchronized (readLock) {
            try (PreparedStatement ps = reader.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, target.toString());
                ps.execute();
            } catch (SQLException e) {
                throw new VaultException("vault backup to " + target + " failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs a bulk load in one transaction with a rollback journal instead of the WAL when this process is the only
     * one with the vault open: pages appended to the file are then written once instead of twice (WAL, then
     * checkpoint), and the rollback journal still undoes everything on failure or crash. Falls back to an ordinary
     * {@link #inTransaction} when another process holds the vault (a running daemon).
     */
    public <T> T inBulkTransaction(SqlWork<T> work) {
        guard.check();
        writerGroup.lock();
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
                    // one commit at the very end, acknowledged only after it: no acknowledgement depends on a
                    // partial state, and FULL would add a journal sync at every page-cache spill
                    exec("PRAGMA synchronous=NORMAL");
                    return inTransaction(work);
                } catch (SQLException e) {
                    throw new VaultException("vault write failed: " + e.getMessage(), e);
                } finally {
                    try {
                        exec("PRAGMA synchronous=FULL");
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
            writerGroup.unlock();
        }
    }

    /**
     * SQLite's {@code PRAGMA data_version} of the writer connection, outside any transaction: it changes when another
     * connection (another process's line) commits, so an importer can tell whether someone wants the lock.
     */
    public long dataVersion() {
        guard.check();
        writerGroup.lock();
        try {
            return dataVersion(writer);
        } catch (SQLException e) {
            throw new VaultException("vault read failed: " + e.getMessage(), e);
        } finally {
            writerGroup.unlock();
        }
    }

    static long dataVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** True when a thread of this process waits for the writer (a line's commit queued behind an import). */
    public boolean writersWaiting() {
        return writerGroup.waiting();
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
        try {
            appendEventJson(c, kind, JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@link #appendEvent} with the body already written as JSON (the code transitions write theirs by hand). */
    void appendEventJson(Connection c, String kind, String json) throws SQLException {
        kept.run(c, "INSERT INTO event(ts, kind, json) VALUES (?, ?, ?)", ps -> {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, kind);
            ps.setString(3, json);
            ps.executeUpdate();
        });
    }

    /**
     * Adds {@code n} AVAILABLE codes of the application to the counters; call inside {@link #inBulkTransaction}
     * after a bulk insert that ran without the per-row counting trigger (the first import into an empty vault).
     */
    public void addToCounts(Connection c, long applicationId, long n) throws SQLException {
        Counters.add(c, applicationId, CodeState.AVAILABLE, n);
    }

    // ---------------------------------------------------------------- applications

    /** The application's slot (high part of its code keys), registering the application on first use. */
    public long ensureApplication(long applicationId) {
        guard.check();
        return applications.ensure(applicationId);
    }

    /** True when the vault holds no code at all (the first import takes the bulk path). */
    public boolean isEmpty() {
        return applications.vaultIsEmpty();
    }

    public boolean hasApplication(long applicationId) {
        guard.check();
        return applications.slotOf(applicationId) != null;
    }

    /** Undoes {@link #ensureApplication} after a failed first import, so a refused package leaves no trace. */
    public void forgetApplicationIfEmpty(long applicationId) {
        applications.forgetIfEmpty(applicationId);
    }

    /** Called by the importer after adding codes: they may lie below a reservation floor. */
    public void forgetReserveFloors() {
        transitions.forgetReserveFloors();
        stockChanges.incrementAndGet();
    }

    /**
     * A number that changes whenever codes may have been added to stock since it was last read: by this process
     * (an import, codes released) or by any commit of another process (the {@code import} command run beside the
     * daemon). No disk read; a line out of codes compares it before asking the counters again.
     */
    public long stockVersion() {
        return stockChanges.get() + dataVersion();
    }

    /** The application's AVAILABLE codes, from the counters (a few rows, whatever the stock). */
    public long available(long applicationId) {
        guard.check();
        return counters.available(applicationId);
    }

    // ---------------------------------------------------------------- jobs

    /** Opens a job; repeating the same spec is a no-op (a PLC reconnecting), a different spec is refused. */
    public void openJob(JobSpec job) {
        jobs.open(job);
    }

    /** As {@link #openJob(JobSpec)}, recording who asked ({@code by}, may be null) in the audit entry. */
    public void openJob(JobSpec job, String by) {
        jobs.open(job, by);
    }

    public Optional<JobSpec> job(String jobId) {
        return jobs.job(jobId);
    }

    /** The job a line left open (OPEN or STOPPED), so a restarted edge resumes it; empty when none. */
    public Optional<JobSpec> openJobOnLine(String line) {
        return jobs.openJobOnLine(line);
    }

    /** The job's state; throws {@link IllegalArgumentException} for an unknown job. */
    public JobState jobState(String jobId) {
        return jobs.state(jobId);
    }

    public void setJobState(String jobId, JobState state) {
        jobs.setState(jobId, state);
    }

    /** As {@link #setJobState(String, JobState)}, recording who asked ({@code by}, may be null). */
    public void setJobState(String jobId, JobState state, String by) {
        jobs.setState(jobId, state, by);
    }

    public JobReport jobReport(String jobId) {
        return jobs.report(jobId);
    }

    // ---------------------------------------------------------------- transitions

    /**
     * Reserves up to {@code n} AVAILABLE codes of the application for the job, lowest indexes first, returned in
     * index order; fewer than {@code n} when the stock runs out.
     */
    public List<CodeRecord> reserve(long applicationId, String jobId, int n) {
        guard.check();
        return transitions.reserve(applicationId, jobId, n).codes();
    }

    /** A reserved block, and {@link #stockVersion} as it was before its codes were taken. */
    public record Reservation(List<CodeRecord> codes, long stockVersion) {
        public Reservation {
            codes = List.copyOf(codes);
        }
    }

    /**
     * {@link #reserve} for a line's prefetch: the stock version comes from inside the reservation's own transaction,
     * so a refill never waits for the whole writer (which holds every line's queued commits back) just to read it.
     * An import committed after the reservation changes {@link #stockVersion} from the one returned here.
     */
    public Reservation reserveBlock(long applicationId, String jobId, int n) {
        guard.check();
        long local = stockChanges.get(); // before the transaction, like the data version read in it
        Transitions.Reserved r = transitions.reserve(applicationId, jobId, n);
        return new Reservation(r.codes(), r.dataVersion() < 0 ? stockVersion() : local + r.dataVersion());
    }

    /** RESERVED → SENT for each issue, one transaction; commit this before any label byte leaves. */
    public void markSent(List<Issue> issues) {
        guard.check();
        transitions.markSent(issues);
    }

    /** SENT → BOUND with activation PENDING, one transaction. */
    public void bind(List<Binding> bindings) {
        guard.check();
        transitions.bind(bindings);
    }

    /** SENT → REJECTED with the reason, one transaction. */
    public void reject(List<Rejection> rejections) {
        guard.check();
        transitions.reject(rejections);
    }

    /** RESERVED or SENT → VOIDED with the reason, one transaction. */
    public void voidCodes(List<CodeRef> codes, String reason) {
        guard.check();
        transitions.voidCodes(codes, reason);
    }

    /** Returns the job's RESERVED (never sent) codes to stock; returns how many. */
    public int release(String jobId) {
        int released = transitions.release(jobId);
        if (released > 0) {
            stockChanges.incrementAndGet();
        }
        return released;
    }

    /**
     * AVAILABLE → VOIDED for an application's index range (a spoiled roll, codes withdrawn by the brand); codes in
     * other states are left alone. Returns how many codes were voided.
     */
    public int voidAvailable(long applicationId, long fromIndex, long toIndex, String reason) {
        guard.check();
        return transitions.voidAvailable(applicationId, fromIndex, toIndex, reason);
    }

    /**
     * How many of the application's codes with indexes in [fromIndex, toIndex] are in each counted state (the
     * dashboard's "what voiding this range would do"). A range seek on the row key; states with no code are 0.
     */
    public java.util.Map<CodeState, Long> statesInRange(long applicationId, long fromIndex, long toIndex) {
        java.util.Map<CodeState, Long> counts = new java.util.EnumMap<>(CodeState.class);
        CodeState.COUNTED.forEach(st -> counts.put(st, 0L));
        Long slot = applications.slotOf(applicationId);
        if (slot == null || fromIndex < 0 || toIndex < fromIndex) {
            return counts;
        }
        long top = Math.min(toIndex, CodeKey.MAX_INDEX);
        return read(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT state, count(*) FROM code WHERE id BETWEEN ? AND ? GROUP BY state")) {
                ps.setLong(1, CodeKey.of(slot, fromIndex));
                ps.setLong(2, CodeKey.of(slot, top));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CodeState st = CodeState.ofStored(rs.getInt(1));
                        if (st != CodeState.STAGED) {
                            counts.put(st, rs.getLong(2));
                        }
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Sets the activation state of the application's BOUND codes with indexes in [idxStart, idxEnd]; call inside
     * {@link #inTransaction} (the activation outbox). Uses the row key, so it is a range seek, not a scan.
     */
    public int setActivation(Connection c, long applicationId, long idxStart, long idxEnd, String activationState,
                             Long rangeId) throws SQLException {
        guard.check();
        return transitions.setActivation(c, applicationId, idxStart, idxEnd, activationState, rangeId);
    }

    /**
     * Start-up recovery: RESERVED codes go back to stock (SENT is committed before bytes leave, so a RESERVED code
     * never reached a printer); SENT codes without a verdict are VOIDED with reason CRASH, never re-issued. An
     * import interrupted while staging has its STAGED rows deleted; one interrupted while publishing is finished.
     * Only the process holding the {@link VaultLock} (the daemon, or {@code vault recover}) may call this.
     */
    public RecoveryReport recover() {
        return recover(RecoveryJournal.NONE);
    }

    /**
     * {@link #recover()}, telling {@code journal} inside the same transaction which items' codes it voids, so the
     * lines can give each of them a result (the daemon and {@code vault recover} pass the lines' journal).
     */
    public RecoveryReport recover(RecoveryJournal journal) {
        return recovery.run(journal);
    }

    // ---------------------------------------------------------------- lookups

    public Optional<CodeRecord> byIndex(long applicationId, long index) {
        guard.check();
        return lookups.byIndex(applicationId, index);
    }

    public Optional<CodeRecord> byCode(String code) {
        return lookups.byCode(code);
    }

    public Optional<CodeRecord> byUrl(String url) {
        return lookups.byUrl(url);
    }

    public Optional<CodeRecord> byMatrix(Microcode m) {
        return lookups.byMatrix(m);
    }

    /** Resolves a scanner read: the 28-character URL, the code (up to 9 characters) or the 361-bit matrix. */
    public Optional<CodeRecord> resolveRead(String read) {
        return lookups.resolveRead(read);
    }

    /**
     * The code issued to the item in the job: SENT, BOUND, REJECTED, or VOIDED after it was sent. When the item got
     * several labels, the one changed last. One index seek.
     */
    public Optional<CodeRecord> issuedTo(String jobId, String itemId) {
        return lookups.issuedTo(jobId, itemId);
    }

    // ---------------------------------------------------------------- counts

    /** Stock per application and state, and activation counts, read from the counters (a few rows). */
    public VaultStats stats() {
        return counters.stats();
    }

    /**
     * Recounts every code the slow way and returns where the counters differ (empty: they are exact). Reads the
     * whole table on the reader connection (seconds for millions of codes, other reads of this vault object wait):
     * meant for {@code vault check}, a process of its own, not for a running line.
     */
    public List<CountDifference> checkCounts() {
        return counters.check();
    }

    /** Rewrites the counters from a recount; returns the differences that were fixed. */
    public List<CountDifference> repairCounts() {
        return counters.repair();
    }

    @Override
    public void close() {
        writerGroup.lock();
        try {
            synchronized (readLock) {
                reader.close();
            }
            writer.close();
            ledger.close();
        } catch (SQLException e) {
            throw new VaultException("closing vault failed: " + e.getMessage(), e);
        } finally {
            writerGroup.unlock();
        }
    }
}
