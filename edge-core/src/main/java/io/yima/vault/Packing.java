package io.yima.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yima.drivers.symbol.Microcode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The packing hierarchy (schema v8): items packed into cases, cases onto pallets, and the rework on them (unpack,
 * replace a child, void a case). Every change is one transaction on the vault's writer (on disk when the call
 * returns, like a code transition), with its audit row in {@code event} and, while export is on, its
 * {@code PACKED}/{@code UNPACKED} row in the export outbox. A check that fails changes nothing.
 *
 * <p>The database itself keeps the rule that matters most: the partial unique index {@code pack_child_active}
 * lets a child (an item code, or a case code on a pallet) be active in one unit only, and a trigger lets a child
 * enter PACKED units only; a bug in the checks here would abort the transaction rather than put an item in two
 * cases. Case codes are unique in {@code pack_unit} whatever the unit's state, so a case code is never reused.
 *
 * <p>Children and case codes are given as the scanner read them: an item's 28-character URL, its code (up to 9
 * characters) or its 361-bit matrix; an SSCC as 18 digits, {@code (00)…} or {@code urn:epc:id:sscc:…}. The vault
 * names them by the code's {@code code} text and by an SSCC's 18 digits.
 */
public final class Packing {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BOUND = CodeState.BOUND.stored();
    private static final int SENT = CodeState.SENT.stored();

    static final List<String> MIGRATION = List.of(
            """
            CREATE TABLE pack_unit(
              id INTEGER PRIMARY KEY,
              code TEXT NOT NULL,                -- the WeChat case code's code text, or the SSCC's 18 digits
              kind TEXT NOT NULL,                -- WECHAT, SSCC
              level TEXT NOT NULL,               -- CASE, PALLET
              job_id TEXT NOT NULL,
              state TEXT NOT NULL,               -- PACKED, UNPACKED, VOIDED
              child_count INTEGER NOT NULL,      -- how many children it was packed with
              code_id INTEGER,                   -- WECHAT: the case code's code.id
              prefix_length INTEGER,             -- SSCC: digits of the GS1 company prefix (for the EPC URI)
              packed INTEGER NOT NULL,           -- epoch millis
              updated INTEGER NOT NULL,
              reason TEXT)                       -- why unpacked or voided, and by whom""",
            // a case code is never reused: unique whatever the unit's state
            "CREATE UNIQUE INDEX pack_unit_code ON pack_unit(code)",
            "CREATE INDEX pack_unit_job ON pack_unit(job_id, level, id)",
            """
            CREATE TABLE pack_child(
              id INTEGER PRIMARY KEY,
              unit_id INTEGER NOT NULL REFERENCES pack_unit(id),
              child TEXT NOT NULL,               -- item: code.code; case on a pallet: pack_unit.code
              active INTEGER NOT NULL,           -- 1 while in the unit, 0 once unpacked, replaced or voided
              added INTEGER NOT NULL,
              removed INTEGER,
              removed_why TEXT)                  -- UNPACK, REPLACE, VOID""",
            // an item in at most one case, a case on at most one pallet: even a bug cannot commit a second one
            "CREATE UNIQUE INDEX pack_child_active ON pack_child(child) WHERE active = 1",
            "CREATE INDEX pack_child_unit ON pack_child(unit_id, active)",
            """
            CREATE TRIGGER pack_child_into_packed BEFORE INSERT ON pack_child
            WHEN new.active = 1 AND (SELECT state FROM pack_unit WHERE id = new.unit_id) IS NOT 'PACKED'
            BEGIN
              SELECT RAISE(ABORT, 'a child can enter a PACKED unit only');
            END""",
            """
            CREATE TABLE sscc_serial(
              prefix TEXT NOT NULL,              -- the brand's GS1 company prefix
              extension INTEGER NOT NULL,
              next INTEGER NOT NULL,             -- the next serial to reserve; never goes back
              PRIMARY KEY (prefix, extension)) WITHOUT ROWID""");

    private final CodeVault vault;

    Packing(CodeVault vault) {
        this.vault = vault;
    }

    // ---------------------------------------------------------------- pack

    /**
     * Packs a case (items) or a pallet (cases) in one transaction, or refuses it with a reason and changes nothing.
     *
     * <p>Checks, in this order: the case code was read (else CASE_NO_READ); it is a valid code of this vault
     * (WECHAT: a code of this job, of another application than the job's items; SSCC: reserved by this vault's
     * {@link #reserveSscc}) (else CASE_CODE_FOREIGN), its WeChat label was issued — SENT or BOUND — (else
     * CASE_CODE_NOT_ISSUED), and it never named a unit before (else CASE_CODE_USED); no child is given twice
     * (DUPLICATE); every child is a code of this job (FOREIGN), BOUND for a case (NOT_BOUND) or a PACKED case for a
     * pallet (NOT_PACKED), and in no other unit (ALREADY_PACKED); and there are exactly {@code expectedCount}
     * (MISSING, EXTRA). A SENT WeChat case code is bound (SENT → BOUND) in the same transaction: its label was read.
     *
     * @param parentCode the case label as read; null or blank when it was not read
     * @param children   the children as read (URL, code or matrix for items; case codes or SSCCs for a pallet)
     * @throws IllegalArgumentException for an unknown job or an expected count below 1
     */
    public PackResult pack(String jobId, PackLevel level, String parentCode, CaseCodeKind kind, int expectedCount,
                           List<String> children) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(kind, "kind");
        if (expectedCount < 1) {
            throw new IllegalArgumentException("a case holds at least 1 child, not " + expectedCount);
        }
        List<String> reads = List.copyOf(children);
        return vault.inTransaction(c -> {
            Long jobApp = jobApplication(c, jobId);
            if (jobApp == null) {
                throw new IllegalArgumentException("no job " + jobId + " in this vault");
            }
            if (parentCode == null || parentCode.isBlank()) {
                return PackResult.refused(PackRefusal.CASE_NO_READ, List.of(), "the case label was not read");
            }
            Parent parent = kind == CaseCodeKind.SSCC ? ssccParent(c, parentCode) : wechatParent(c, jobId, parentCode);
            if (parent.refusal != null) {
                return PackResult.refused(parent.refusal, List.of(parentCode), parent.detail);
            }
            if (parent.wechat != null && parent.wechat.applicationId == jobApp) {
                return PackResult.refused(PackRefusal.CASE_CODE_FOREIGN, List.of(parentCode), "case code "
                        + parent.key + " is a code of the items' application, not a case label");
            }
            if (unitByCode(c, parent.key) != null) {
                return PackResult.refused(PackRefusal.CASE_CODE_USED, List.of(parentCode), "case code "
                        + parent.key + " was already used for a case; a case code is never used twice");
            }
            List<String> refusedReads = new ArrayList<>();
            PackRefusal refusal = null;
            String detail = null;
            // the first failing check wins; every read failing it is named
            Set<String> seen = new HashSet<>();
            List<Child> checked = new ArrayList<>(reads.size());
            for (String read : reads) {
                Child ch = child(c, jobId, jobApp, level, read);
                checked.add(ch);
                if (ch.key != null && !seen.add(ch.key)) {
                    refusal = PackRefusal.DUPLICATE;
                    refusedReads.add(read);
                    detail = "code " + ch.key + " was read twice in one " + (level == PackLevel.CASE ? "case" : "pallet");
                }
            }
            if (refusal == null) {
                for (int i = 0; i < reads.size(); i++) {
                    Child ch = checked.get(i);
                    if (ch.refusal != null && (refusal == null || refusal == ch.refusal)) {
                        refusal = ch.refusal;
                        refusedReads.add(reads.get(i));
                        if (detail == null) {
                            detail = ch.detail;
                        }
                    }
                }
            }
            if (refusal == null && reads.size() != expectedCount) {
                refusal = reads.size() < expectedCount ? PackRefusal.MISSING : PackRefusal.EXTRA;
                detail = (level == PackLevel.CASE ? "the case holds " : "the pallet holds ") + reads.size()
                        + (level == PackLevel.CASE ? " items" : " cases") + ", expected " + expectedCount;
            }
            if (refusal != null) {
                if (refusedReads.size() > 1) {
                    detail = detail + " (and " + (refusedReads.size() - 1) + " more)";
                }
                return PackResult.refused(refusal, refusedReads, detail);
            }
            long now = System.currentTimeMillis();
            if (parent.wechat != null && parent.wechat.state == SENT) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE code SET state = " + BOUND
                        + ", updated = ?, activation_state = 'PENDING' WHERE id = ? AND state = " + SENT)) {
                    ps.setLong(1, now);
                    ps.setLong(2, parent.wechat.id);
                    if (ps.executeUpdate() != 1) {
                        throw new VaultException("case code " + parent.key + " changed state while being packed");
                    }
                }
                vault.appendEvent(c, "BIND", Map.of("codes", List.of(List.of(parent.wechat.applicationId,
                        parent.wechat.id & CodeKey.MAX_INDEX))));
            }
            long unitId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pack_unit(code, kind, level, job_id, state,"
                    + " child_count, code_id, prefix_length, packed, updated) VALUES (?, ?, ?, ?, 'PACKED', ?, ?, ?,"
                    + " ?, ?) RETURNING id")) {
                ps.setString(1, parent.key);
                ps.setString(2, kind.name());
                ps.setString(3, level.name());
                ps.setString(4, jobId);
                ps.setInt(5, reads.size());
                ps.setObject(6, parent.wechat == null ? null : parent.wechat.id);
                ps.setObject(7, parent.prefixLength == 0 ? null : parent.prefixLength);
                ps.setLong(8, now);
                ps.setLong(9, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    unitId = rs.getLong(1);
                }
            }
            List<String> childKeys = checked.stream().map(Child::key).toList();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO pack_child(unit_id, child, active, added) VALUES (?, ?, 1, ?)")) {
                for (String k : childKeys) {
                    ps.setLong(1, unitId);
                    ps.setString(2, k);
                    ps.setLong(3, now);
                    ps.executeUpdate();
                }
            }
            vault.appendEvent(c, "PACK", Map.of("job", jobId, "level", level.name(), "unit", parent.key,
                    "kind", kind.name(), "children", childKeys));
            PackUnit unit = unitByCode(c, parent.key);
            outbox(c, unit, "PACKED", "PACK", null, childKeys, now);
            return PackResult.packed(unit);
        });
    }

    // ---------------------------------------------------------------- rework

    /**
     * Unpacks a PACKED case or pallet: its children leave it (free to be packed again), the unit becomes UNPACKED
     * and its code is never used again. A case still on a pallet is refused (ON_PALLET).
     */
    public PackUnit unpack(String parentCode, String operator, String reason) {
        return vault.inTransaction(c -> {
            PackUnit unit = packedUnit(c, parentCode, true);
            long now = System.currentTimeMillis();
            List<String> left = release(c, unit, "UNPACK", now);
            setState(c, unit, PackState.UNPACKED, why(operator, reason), now);
            vault.appendEvent(c, "UNPACK", body(unit, operator, reason, Map.of("children", left)));
            outbox(c, unit, "UNPACKED", "UNPACK", reason, left, now);
            return unitByCode(c, unit.code());
        });
    }

    /**
     * Replaces one child of a PACKED unit (a damaged item): {@code oldChild} leaves, {@code newChild} enters, in
     * one transaction. The new child must pass the checks of {@link #pack} (FOREIGN, NOT_BOUND, NOT_PACKED,
     * ALREADY_PACKED; the old one itself is DUPLICATE). A case on a pallet may have an item replaced.
     */
    public PackUnit replace(String parentCode, String oldChild, String newChild, String operator) {
        return vault.inTransaction(c -> {
            PackUnit unit = packedUnit(c, parentCode, false);
            Long jobApp = jobApplication(c, unit.jobId());
            Child old = child(c, unit.jobId(), jobApp, unit.level(), oldChild);
            if (old.key == null || !unit.children().contains(old.key)) {
                throw new PackingRefusedException(PackRefusal.NOT_A_CHILD, "code " + oldChild + " is not in "
                        + name(unit) + " " + unit.code());
            }
            Child fresh = child(c, unit.jobId(), jobApp, unit.level(), newChild);
            if (old.key.equals(fresh.key)) {
                throw new PackingRefusedException(PackRefusal.DUPLICATE, "the new code is the one being replaced ("
                        + old.key + ")");
            }
            if (fresh.refusal != null) {
                throw new PackingRefusedException(fresh.refusal, fresh.detail);
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("UPDATE pack_child SET active = 0, removed = ?,"
                    + " removed_why = 'REPLACE' WHERE unit_id = ? AND child = ? AND active = 1")) {
                ps.setLong(1, now);
                ps.setLong(2, unit.id());
                ps.setString(3, old.key);
                if (ps.executeUpdate() != 1) {
                    throw new VaultException("code " + old.key + " left " + unit.code() + " while being replaced");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO pack_child(unit_id, child, active, added) VALUES (?, ?, 1, ?)")) {
                ps.setLong(1, unit.id());
                ps.setString(2, fresh.key);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            touch(c, unit, now);
            vault.appendEvent(c, "REPLACE", body(unit, operator, null, Map.of("old", old.key, "new", fresh.key)));
            outbox(c, unit, "UNPACKED", "REPLACE", null, List.of(old.key), now);
            outbox(c, unit, "PACKED", "REPLACE", null, List.of(fresh.key), now);
            return unitByCode(c, unit.code());
        });
    }

    /**
     * Voids a case or pallet code (a damaged label, a case broken up): a PACKED unit's children leave it first,
     * in the same transaction. An UNPACKED unit may be voided too; a VOIDED one is refused (NOT_PACKED), as is a
     * case still on a pallet (ON_PALLET). The code is never used again.
     */
    public PackUnit voidCase(String parentCode, String operator) {
        return voidCase(parentCode, operator, null);
    }

    /** {@link #voidCase(String, String)} with the operator's reason, kept in the audit and the export. */
    public PackUnit voidCase(String parentCode, String operator, String reason) {
        return vault.inTransaction(c -> {
            PackUnit unit = requireUnit(c, parentCode);
            if (unit.state() == PackState.VOIDED) {
                throw new PackingRefusedException(PackRefusal.NOT_PACKED, name(unit) + " " + unit.code()
                        + " is already voided");
            }
            refuseOnPallet(c, unit);
            long now = System.currentTimeMillis();
            List<String> left = unit.state() == PackState.PACKED ? release(c, unit, "VOID", now) : List.of();
            setState(c, unit, PackState.VOIDED, why(operator, reason), now);
            vault.appendEvent(c, "VOID_CASE", body(unit, operator, reason, Map.of("children", left)));
            if (!left.isEmpty()) {
                outbox(c, unit, "UNPACKED", "VOID", reason, left, now);
            }
            return unitByCode(c, unit.code());
        });
    }

    // ---------------------------------------------------------------- queries

    /** Where the read code sits: the unit holding it now, and the unit it names with its children. */
    public PackTree tree(String read) {
        return vault.read(c -> {
            String key = keyOf(c, read);
            if (key == null) {
                return new PackTree(read == null ? "" : read.strip(), false, Optional.empty(), Optional.empty());
            }
            PackUnit unit = unitByCode(c, key);
            PackUnit parent = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT unit_id FROM pack_child WHERE child = ? AND active = 1")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        parent = unitById(c, rs.getLong(1));
                    }
                }
            }
            return new PackTree(key, true, Optional.ofNullable(parent), Optional.ofNullable(unit));
        });
    }

    /** The unit named by the read code (any state), if any. */
    public Optional<PackUnit> unit(String read) {
        return vault.read(c -> {
            String key = keyOf(c, read);
            return Optional.ofNullable(key == null ? null : unitByCode(c, key));
        });
    }

    /** Every unit of the job at this level, in packing order, with its children (one snapshot). */
    public List<PackUnit> units(String jobId, PackLevel level) {
        return vault.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM pack_unit WHERE job_id = ? AND level = ? ORDER BY id")) {
                ps.setString(1, jobId);
                ps.setString(2, level.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<PackUnit> out = new ArrayList<>(ids.size());
            for (long id : ids) {
                out.add(unitById(c, id));
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- SSCC serials

    /**
     * Reserves the next SSCC serial of the company prefix and extension digit in a committed transaction, so the
     * SSCC may then be printed: the counter never goes back, and a reserved SSCC that is never used is skipped,
     * never handed out again.
     *
     * @throws VaultException when every serial the prefix leaves room for is used
     */
    public Sscc reserveSscc(String companyPrefix, int extension) {
        Sscc.checkPrefix(companyPrefix);
        if (extension < 0 || extension > 9) {
            throw new IllegalArgumentException("the SSCC extension digit is 0 to 9, got " + extension);
        }
        return vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sscc_serial(prefix, extension, next)"
                    + " VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
                ps.setString(1, companyPrefix);
                ps.setInt(2, extension);
                ps.executeUpdate();
            }
            long serial;
            try (PreparedStatement ps = c.prepareStatement("UPDATE sscc_serial SET next = next + 1"
                    + " WHERE prefix = ? AND extension = ? RETURNING next - 1")) {
                ps.setString(1, companyPrefix);
                ps.setInt(2, extension);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    serial = rs.getLong(1);
                }
            }
            if (serial > Sscc.maxSerial(companyPrefix.length())) {
                throw new VaultException("every SSCC serial of company prefix " + companyPrefix + " extension "
                        + extension + " is used (" + (Sscc.maxSerial(companyPrefix.length()) + 1) + "); configure"
                        + " another extension digit");
            }
            Sscc sscc = Sscc.of(companyPrefix, extension, serial);
            vault.appendEvent(c, "SSCC_RESERVED", Map.of("sscc", sscc.digits()));
            return sscc;
        });
    }

    // ---------------------------------------------------------------- internals

    private record CodeRow(long id, long applicationId, String code, String url, int state, String jobId) {
    }

    /** A resolved case code: its key, or why it cannot name a case. */
    private record Parent(String key, CodeRow wechat, int prefixLength, PackRefusal refusal, String detail) {
        static Parent refused(PackRefusal r, String detail) {
            return new Parent(null, null, 0, r, detail);
        }
    }

    /** A resolved child: its key (null when the vault does not know it), and why it may not enter (null: it may). */
    private record Child(String key, PackRefusal refusal, String detail) {
    }

    private Parent ssccParent(Connection c, String read) throws SQLException {
        String digits = Sscc.digitsOf(read);
        if (digits == null) {
            return Parent.refused(PackRefusal.CASE_CODE_FOREIGN, "case code " + read.strip()
                    + " is not an SSCC (18 digits with a valid check digit)");
        }
        int prefixLength = reservedPrefixLength(c, digits);
        if (prefixLength == 0) {
            return Parent.refused(PackRefusal.CASE_CODE_FOREIGN, "SSCC " + digits
                    + " was not reserved by this vault");
        }
        return new Parent(digits, null, prefixLength, null, null);
    }

    /** The company prefix length of an SSCC this vault reserved; 0 when it did not reserve it. */
    private static int reservedPrefixLength(Connection c, String digits) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT prefix, next FROM sscc_serial WHERE extension = ?"
                + " ORDER BY length(prefix) DESC")) {
            ps.setInt(1, digits.charAt(0) - '0');
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String prefix = rs.getString(1);
                    if (digits.startsWith(prefix, 1)
                            && Long.parseLong(digits.substring(1 + prefix.length(), 17)) < rs.getLong(2)) {
                        return prefix.length();
                    }
                }
            }
        }
        return 0;
    }

    private Parent wechatParent(Connection c, String jobId, String read) throws SQLException {
        CodeRow row = codeRow(c, read);
        if (row == null) {
            return Parent.refused(PackRefusal.CASE_CODE_FOREIGN, "case code " + read.strip()
                    + " is not a code of this vault");
        }
        if (!jobId.equals(row.jobId)) {
            return Parent.refused(PackRefusal.CASE_CODE_FOREIGN, "case code " + row.code + " belongs to "
                    + (row.jobId == null ? "no job" : "job " + row.jobId) + ", not job " + jobId);
        }
        if (row.state != SENT && row.state != BOUND) {
            return Parent.refused(PackRefusal.CASE_CODE_NOT_ISSUED, "case code " + row.code + " is "
                    + CodeState.ofStored(row.state) + "; only a printed (SENT or BOUND) case label can close a case");
        }
        return new Parent(row.code, row, 0, null, null);
    }

    /** Resolves a child read and checks whether it may enter a unit of {@code level} in the job. */
    private Child child(Connection c, String jobId, Long jobApp, PackLevel level, String read) throws SQLException {
        if (read == null || read.isBlank()) {
            return new Child(null, PackRefusal.FOREIGN, "an empty read is not a code");
        }
        if (level == PackLevel.CASE) {
            CodeRow row = codeRow(c, read);
            if (row == null) {
                return new Child(null, PackRefusal.FOREIGN, "code " + read.strip() + " is not a code of this vault");
            }
            if (!jobId.equals(row.jobId)) {
                return new Child(row.code, PackRefusal.FOREIGN, "code " + row.code + " belongs to "
                        + (row.jobId == null ? "no job" : "job " + row.jobId) + ", not job " + jobId);
            }
            if (unitByCode(c, row.code) != null || (jobApp != null && row.applicationId != jobApp)) {
                return new Child(row.code, PackRefusal.FOREIGN, "code " + row.code + " is a case code, not an item"
                        + " of job " + jobId);
            }
            if (row.state != BOUND) {
                return new Child(row.code, PackRefusal.NOT_BOUND, "code " + row.code + " is "
                        + CodeState.ofStored(row.state) + ", not BOUND: its item never passed verification");
            }
            return packedElsewhere(c, row.code);
        }
        String key = keyOf(c, read);
        PackUnit unit = key == null ? null : unitByCode(c, key);
        if (unit == null || unit.level() != PackLevel.CASE) {
            return new Child(key, PackRefusal.FOREIGN, "code " + read.strip() + " is not a case of this vault");
        }
        if (!jobId.equals(unit.jobId())) {
            return new Child(key, PackRefusal.FOREIGN, "case " + key + " belongs to job " + unit.jobId()
                    + ", not job " + jobId);
        }
        if (unit.state() != PackState.PACKED) {
            return new Child(key, PackRefusal.NOT_PACKED, "case " + key + " is " + unit.state()
                    + ", not PACKED");
        }
        return packedElsewhere(c, key);
    }

    private static Child packedElsewhere(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.code FROM pack_child p JOIN pack_unit u"
                + " ON u.id = p.unit_id WHERE p.child = ? AND p.active = 1")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Child(key, PackRefusal.ALREADY_PACKED, "code " + key + " is already in "
                            + rs.getString(1));
                }
            }
        }
        return new Child(key, null, null);
    }

    /** The vault's name for a read: an SSCC's 18 digits, a code's code text, or a unit's code; null if unknown. */
    private static String keyOf(Connection c, String read) throws SQLException {
        if (read == null || read.isBlank()) {
            return null;
        }
        String digits = Sscc.digitsOf(read);
        if (digits != null) {
            return digits;
        }
        CodeRow row = codeRow(c, read);
        if (row != null) {
            return row.code;
        }
        String r = read.strip();
        return unitByCode(c, r) != null ? r : null;
    }

    /** A code by URL, code text or matrix (as {@code resolveRead}), on the caller's connection; STAGED hidden. */
    private static CodeRow codeRow(Connection c, String read) throws SQLException {
        String r = read.strip();
        String sql = "SELECT id, application_id, code, url, state, job_id FROM code WHERE ";
        Object[] args;
        if (r.length() == Microcode.CELLS && r.chars().allMatch(ch -> ch == '0' || ch == '1')) {
            byte[] packed = Microcode.fromBits(r).packed();
            sql += MatrixHash.KEY_EXPRESSION + " = ? AND matrix = ?";
            args = new Object[] {MatrixHash.key(packed), packed};
        } else if (r.length() == 28) {
            sql += "url = ?";
            args = new Object[] {UrlKey.encode(r)};
        } else if (!r.isEmpty() && r.length() <= 9) {
            sql += "code = ?";
            args = new Object[] {r};
        } else {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(sql + " AND state <> " + CodeState.STAGED.stored())) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new CodeRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        UrlKey.decode(rs.getObject(4)), rs.getInt(5), rs.getString(6)) : null;
            }
        }
    }

    private static Long jobApplication(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT application_id FROM job WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static final String UNIT = "SELECT u.id, u.code, u.kind, u.level, u.job_id, u.state, u.child_count,"
            + " u.packed, u.updated, u.reason, c.url, u.prefix_length FROM pack_unit u LEFT JOIN code c"
            + " ON c.id = u.code_id WHERE ";

    private static PackUnit unitByCode(Connection c, String code) throws SQLException {
        return unit(c, UNIT + "u.code = ?", code);
    }

    private static PackUnit unitById(Connection c, long id) throws SQLException {
        return unit(c, UNIT + "u.id = ?", id);
    }

    private static PackUnit unit(Connection c, String sql, Object arg) throws SQLException {
        long id;
        String code;
        CaseCodeKind kind;
        PackLevel level;
        String job;
        PackState state;
        int count;
        long packed;
        long updated;
        String reason;
        String url;
        int prefixLength;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                id = rs.getLong(1);
                code = rs.getString(2);
                kind = CaseCodeKind.valueOf(rs.getString(3));
                level = PackLevel.valueOf(rs.getString(4));
                job = rs.getString(5);
                state = PackState.valueOf(rs.getString(6));
                count = rs.getInt(7);
                packed = rs.getLong(8);
                updated = rs.getLong(9);
                reason = rs.getString(10);
                url = rs.getObject(11) == null ? null : UrlKey.decode(rs.getObject(11));
                prefixLength = rs.getInt(12);
            }
        }
        List<String> children = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT child FROM pack_child WHERE unit_id = ? AND active = 1 ORDER BY id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    children.add(rs.getString(1));
                }
            }
        }
        String sscc = kind == CaseCodeKind.SSCC ? Sscc.epcUri(code, prefixLength) : null;
        return new PackUnit(id, code, kind, level, job, state, count, children, packed, updated, reason, url, sscc);
    }

    private PackUnit requireUnit(Connection c, String read) throws SQLException {
        String key = keyOf(c, read);
        PackUnit unit = key == null ? null : unitByCode(c, key);
        if (unit == null) {
            throw new PackingRefusedException(PackRefusal.UNKNOWN_UNIT, "no case or pallet has the code "
                    + (read == null ? "" : read.strip()));
        }
        return unit;
    }

    private PackUnit packedUnit(Connection c, String read, boolean refuseOnPallet) throws SQLException {
        PackUnit unit = requireUnit(c, read);
        if (unit.state() != PackState.PACKED) {
            throw new PackingRefusedException(PackRefusal.NOT_PACKED, name(unit) + " " + unit.code() + " is "
                    + unit.state() + ", not PACKED");
        }
        if (refuseOnPallet) {
            refuseOnPallet(c, unit);
        }
        return unit;
    }

    private static void refuseOnPallet(Connection c, PackUnit unit) throws SQLException {
        Child on = packedElsewhere(c, unit.code());
        if (on.refusal != null) {
            throw new PackingRefusedException(PackRefusal.ON_PALLET, "case " + unit.code() + " is on a pallet ("
                    + on.detail.substring(on.detail.lastIndexOf(' ') + 1) + "); unpack the pallet first");
        }
    }

    /** Every active child leaves the unit; returns them in packing order. */
    private static List<String> release(Connection c, PackUnit unit, String why, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pack_child SET active = 0, removed = ?,"
                + " removed_why = ? WHERE unit_id = ? AND active = 1")) {
            ps.setLong(1, now);
            ps.setString(2, why);
            ps.setLong(3, unit.id());
            ps.executeUpdate();
        }
        return unit.children();
    }

    private static void setState(Connection c, PackUnit unit, PackState state, String reason, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pack_unit SET state = ?, reason = ?, updated = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, reason);
            ps.setLong(3, now);
            ps.setLong(4, unit.id());
            ps.setString(5, unit.state().name());
            if (ps.executeUpdate() != 1) {
                throw new VaultException(name(unit) + " " + unit.code() + " changed state meanwhile");
            }
        }
    }

    private static void touch(Connection c, PackUnit unit, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pack_unit SET updated = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, unit.id());
            ps.executeUpdate();
        }
    }

    private static String why(String operator, String reason) {
        String r = reason == null || reason.isBlank() ? "" : reason.strip();
        String by = operator == null || operator.isBlank() ? "" : "by " + operator.strip();
        String s = (r + (r.isEmpty() || by.isEmpty() ? "" : ", ") + by).strip();
        return s.isEmpty() ? null : s;
    }

    private static Map<String, Object> body(PackUnit unit, String operator, String reason, Map<String, ?> more) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("job", unit.jobId());
        b.put("level", unit.level().name());
        b.put("unit", unit.code());
        if (operator != null) {
            b.put("by", operator);
        }
        if (reason != null) {
            b.put("reason", reason);
        }
        b.putAll(more);
        return b;
    }

    static String name(PackUnit unit) {
        return unit.level() == PackLevel.CASE ? "case" : "pallet";
    }

    /**
     * One aggregation row in the export outbox while export is on; {@code detail} carries everything the EPCIS
     * event needs (the unit's and the children's identities), so the payload never changes once written.
     */
    private static void outbox(Connection c, PackUnit unit, String kind, String why, String reason,
                               List<String> children, long now) throws SQLException {
        ObjectNode d = JSON.createObjectNode();
        d.put("why", why);
        d.put("level", unit.level().name());
        identity(c, d.putObject("parent"), unit.code(), unit);
        ArrayNode list = d.putArray("children");
        for (String child : children) {
            identity(c, list.addObject(), child, null);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_outbox(line, job_id, kind, reason, detail,"
                + " ts) SELECT (SELECT line FROM job WHERE id = ?), ?, ?, ?, ?, ?"
                + " WHERE (SELECT enabled FROM export_switch WHERE id = 1) = 1")) {
            ps.setString(1, unit.jobId());
            ps.setString(2, unit.jobId());
            ps.setString(3, kind);
            ps.setString(4, reason);
            ps.setString(5, d.toString());
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }

    /** {@code code} plus {@code url} (a WeChat code) or {@code sscc} (the EPC URI of an SSCC). */
    private static void identity(Connection c, ObjectNode n, String key, PackUnit known) throws SQLException {
        PackUnit unit = known != null ? known : (Sscc.digitsOf(key) != null ? unitByCode(c, key) : null);
        n.put("code", key);
        if (unit != null && unit.kind() == CaseCodeKind.SSCC) {
            n.put("sscc", unit.ssccUri());
            return;
        }
        CodeRow row = codeRow(c, key);
        if (row != null) {
            n.put("url", row.url);
        }
    }
}
