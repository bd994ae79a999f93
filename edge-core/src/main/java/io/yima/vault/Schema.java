package io.yima.vault;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, applied in order on open and recorded in {@code PRAGMA user_version}. Add a
 * migration by appending to {@link #MIGRATIONS}; never edit one that has shipped.
 */
public final class Schema {
    /** Secondary indexes of {@code code}; the bulk import drops and rebuilds them (see PackageImporter). */
    public static final List<String> CODE_INDEXES = List.of(
            "CREATE UNIQUE INDEX IF NOT EXISTS code_code ON code(code)",
            "CREATE UNIQUE INDEX IF NOT EXISTS code_url ON code(url)",
            "CREATE INDEX IF NOT EXISTS code_matrix ON code(substr(matrix, 21, 3))");
    public static final List<String> CODE_INDEX_NAMES = List.of("code_code", "code_url", "code_matrix");

    /**
     * Counts every inserted code. The first import into an empty vault drops it for its bulk insert and adds its
     * count once instead (see PackageImporter): a trigger per row would slow a 20-million-row import.
     */
    public static final String COUNT_INSERT_TRIGGER = """
            CREATE TRIGGER code_count_insert AFTER INSERT ON code
            BEGIN
              INSERT INTO code_count VALUES (new.application_id, new.state, coalesce(new.activation_state, ''), 1)
                ON CONFLICT DO UPDATE SET n = n + 1;
            END""";
    public static final String COUNT_INSERT_TRIGGER_NAME = "code_count_insert";

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE application(
              id INTEGER PRIMARY KEY,            -- the WeChat application_id
              slot INTEGER NOT NULL UNIQUE,      -- high part of code.id, see CodeKey
              wechat_application_id INTEGER,
              key_ref TEXT,                      -- where the key lives (file or env name), never the key
              isv TEXT,
              created INTEGER NOT NULL)""",
            """
            CREATE TABLE code(
              id INTEGER PRIMARY KEY,            -- (application slot << 25) | idx, see CodeKey
              application_id INTEGER NOT NULL,
              idx INTEGER GENERATED ALWAYS AS (id & 33554431) VIRTUAL,
              code TEXT NOT NULL,
              url NOT NULL,                      -- 13-byte packed form or the text, see UrlKey
              matrix BLOB NOT NULL,              -- 46 bytes, 361 bits row-major, MSB first; indexed by 3 of them
              state INTEGER NOT NULL DEFAULT 0,  -- CodeState ordinal: 0 AVAILABLE 1 RESERVED 2 SENT 3 BOUND 4 REJECTED 5 VOIDED
              job_id TEXT,
              item_id TEXT,
              reason TEXT,
              activation_state TEXT,             -- NULL, PENDING, QUEUED, ACTIVATED, FAILED
              activation_range_id INTEGER,
              updated INTEGER)                   -- epoch millis of the last transition, NULL since import""",
            CODE_INDEXES.get(0), CODE_INDEXES.get(1), CODE_INDEXES.get(2),
            "CREATE INDEX code_job ON code(job_id) WHERE job_id IS NOT NULL",
            "CREATE INDEX code_issued ON code(state) WHERE state IN (1, 2)",
            """
            CREATE VIEW code_named AS SELECT application_id, idx, code, url, matrix,
              CASE state WHEN 0 THEN 'AVAILABLE' WHEN 1 THEN 'RESERVED' WHEN 2 THEN 'SENT' WHEN 3 THEN 'BOUND'
                         WHEN 4 THEN 'REJECTED' ELSE 'VOIDED' END AS state,
              job_id, item_id, reason, activation_state, activation_range_id, updated FROM code""",
            """
            CREATE TABLE job(
              id TEXT PRIMARY KEY, line TEXT, application_id INTEGER NOT NULL, sku TEXT, batch TEXT,
              quantity INTEGER NOT NULL, symbol TEXT, mode TEXT,
              activity_name TEXT, product_brand TEXT, product_title TEXT, product_code TEXT,
              wxa_appid TEXT, wxa_path TEXT, wxa_type INTEGER,
              state TEXT NOT NULL, opened INTEGER NOT NULL, closed INTEGER)""",
            """
            CREATE TABLE activation_range(
              id INTEGER PRIMARY KEY, application_id INTEGER NOT NULL, job_id TEXT,
              idx_start INTEGER NOT NULL, idx_end INTEGER NOT NULL, state TEXT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_attempt_at INTEGER,
              created INTEGER NOT NULL, updated INTEGER NOT NULL)""",
            "CREATE INDEX activation_range_state ON activation_range(state, next_attempt_at)",
            "CREATE TABLE event(seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, kind TEXT NOT NULL, json TEXT NOT NULL)"),
            // v2: the activation outbox finds bound codes not yet in a range without scanning the code table; the
            // partial index holds only PENDING rows, so it stays as small as the outbox backlog.
            List.of("CREATE INDEX code_activation_pending ON code(id) WHERE activation_state = 'PENDING'"),
            // v3: an import into a vault that already has codes writes them STAGED (6) in short transactions, tagged
            // with its import_batch, and publishes them (STAGED -> AVAILABLE) once every line is in, so a running
            // line's commits interleave with it. The partial index holds only the rows still staged.
            List.of(
                    """
                    CREATE TABLE import_batch(
                      id INTEGER PRIMARY KEY,
                      application_id INTEGER NOT NULL,
                      state TEXT NOT NULL,               -- STAGING, PUBLISHING, DONE, FAILED
                      created INTEGER NOT NULL,
                      updated INTEGER NOT NULL)""",
                    "ALTER TABLE code ADD COLUMN import_batch INTEGER",
                    "CREATE INDEX code_staged ON code(import_batch) WHERE state = 6",
                    "DROP VIEW code_named",
                    """
                    CREATE VIEW code_named AS SELECT application_id, idx, code, url, matrix,
                      CASE state WHEN 0 THEN 'AVAILABLE' WHEN 1 THEN 'RESERVED' WHEN 2 THEN 'SENT' WHEN 3 THEN 'BOUND'
                                 WHEN 4 THEN 'REJECTED' WHEN 5 THEN 'VOIDED' ELSE 'STAGED' END AS state,
                      job_id, item_id, reason, activation_state, activation_range_id, updated, import_batch
                      FROM code"""),
            // v4: exact counts per (application, state, activation state), kept by triggers in the transaction of
            // every change, so stats read a few rows instead of grouping 20 million; filled once from the codes.
            // code_job_item replaces code_job: job reports still seek by job, and a label's code is found from
            // (job, item) without a scan. import_batch learns who is importing, so an abandoned batch is detected.
            List.of(
                    """
                    CREATE TABLE code_count(
                      application_id INTEGER NOT NULL,
                      state INTEGER NOT NULL,            -- CodeState ordinal, STAGED (6) included
                      activation_state TEXT NOT NULL,    -- '' for none, so it can be part of the key
                      n INTEGER NOT NULL,
                      PRIMARY KEY (application_id, state, activation_state)) WITHOUT ROWID""",
                    COUNT_INSERT_TRIGGER,
                    """
                    CREATE TRIGGER code_count_update AFTER UPDATE OF state, activation_state ON code
                    WHEN old.state IS NOT new.state
                      OR coalesce(old.activation_state, '') IS NOT coalesce(new.activation_state, '')
                    BEGIN
                      UPDATE code_count SET n = n - 1 WHERE application_id = old.application_id
                        AND state = old.state AND activation_state = coalesce(old.activation_state, '');
                      INSERT INTO code_count VALUES (new.application_id, new.state, coalesce(new.activation_state, ''), 1)
                        ON CONFLICT DO UPDATE SET n = n + 1;
                    END""",
                    """
                    CREATE TRIGGER code_count_delete AFTER DELETE ON code
                    BEGIN
                      UPDATE code_count SET n = n - 1 WHERE application_id = old.application_id
                        AND state = old.state AND activation_state = coalesce(old.activation_state, '');
                    END""",
                    "INSERT INTO code_count SELECT application_id, state, coalesce(activation_state, ''), count(*)"
                            + " FROM code GROUP BY 1, 2, 3",
                    "DROP INDEX code_job",
                    "CREATE INDEX code_job_item ON code(job_id, item_id) WHERE job_id IS NOT NULL",
                    "ALTER TABLE import_batch ADD COLUMN owner_pid INTEGER",
                    "ALTER TABLE import_batch ADD COLUMN owner_start INTEGER"),
            // v5: the lines' events, numbered per line, each written in the transaction of the change it reports, so
            // a PLC reconnecting after an edge restart is replayed exactly what it missed; line_event_block holds
            // the numbers a line may hand out before their rows are written (never reused after a crash).
            List.of(
                    """
                    CREATE TABLE line_event(
                      line TEXT NOT NULL, number INTEGER NOT NULL, job_id TEXT, kind TEXT NOT NULL,
                      body TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY(line, number)) WITHOUT ROWID""",
                    "CREATE INDEX line_event_job ON line_event(line, job_id, number)",
                    "CREATE TABLE line_event_block(line TEXT PRIMARY KEY, reserved_to INTEGER NOT NULL)"),
            // v6: the export outbox (see ExportOutbox). Triggers write a row in the transaction of every change worth
            // exporting, whoever makes it (the line, recovery, the activation outbox), while export_switch is on;
            // seq is never reused (AUTOINCREMENT), vault_id makes (vault_id, seq) a stable event id.
            ExportOutbox.MIGRATION,
            // v7: the PLC triggers a job refused STALE (no code, so no code row counts them), added by the line in
            // one of its transactions, so the job's stale count survives an edge restart (see JobStale).
            List.of("ALTER TABLE job ADD COLUMN stale INTEGER NOT NULL DEFAULT 0"),
            // v8: the packing hierarchy (items in cases, cases on pallets) and the SSCC serial counters (see Packing).
            Packing.MIGRATION);

    private Schema() {
    }

    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** Brings the database up to the latest version, one transaction per migration. */
    static void migrate(Connection c) throws SQLException {
        migrate(c, MIGRATIONS.size());
    }

    /** Brings the database up to {@code target} (tests build a vault as an older release left it). */
    static void migrate(Connection c, int target) throws SQLException {
        int version;
        try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > MIGRATIONS.size()) {
            throw new VaultException("vault schema version " + version + " is newer than this program ("
                    + MIGRATIONS.size() + "); upgrade yima-edge");
        }
        for (int v = version; v < target; v++) {
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : MIGRATIONS.get(v)) {
                        st.execute(sql);
                    }
                    st.execute("PRAGMA user_version = " + (v + 1));
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    throw e;
                }
            }
        }
    }
}
