import io.yima.vault.CodeVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Durability benchmark (docs/BENCHMARKS.md, "Durability: fsync per commit"): commits per second of the markSent
 * transaction (K codes RESERVED -> SENT plus the SENT event, one transaction) on a WAL vault with the given
 * synchronous level. The vault and its triggers are created by CodeVault; the transactions are the same SQL
 * markSent runs, on a plain connection so the synchronous level can be chosen.
 *
 * java -cp edge-core/target/yima-edge.jar bench/FsyncBench.java DIR NORMAL|FULL CODES_PER_COMMIT COMMITS
 * strace -f --seccomp-bpf -c -e trace=fsync,fdatasync java -cp ... bench/FsyncBench.java ...   (fsyncs per commit)
 */
public class FsyncBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String sync = args[1];
        int perCommit = Integer.parseInt(args[2]);
        int commits = Integer.parseInt(args[3]);
        Files.createDirectories(dir);
        Path db = dir.resolve("fsync-" + sync + "-" + perCommit + ".db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        CodeVault.open(db).close();
        int codes = perCommit * commits;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("INSERT INTO application(id, slot, created) VALUES (1, 1, 0)");
            st.execute("BEGIN");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO code(id, application_id, code, url, matrix,"
                    + " state, job_id) VALUES (?, 1, ?, ?, zeroblob(46), 1, 'BENCH')")) {
                for (int i = 0; i < codes; i++) {
                    ps.setLong(1, (1L << 25) | i);
                    ps.setString(2, "C" + i);
                    ps.setString(3, "U" + i);
                    ps.executeUpdate();
                }
            }
            st.execute("COMMIT");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            st.execute("PRAGMA synchronous=" + sync);
            long t0 = System.nanoTime();
            try (PreparedStatement sent = c.prepareStatement(
                    "UPDATE code SET state = 2, item_id = ?, updated = ? WHERE id = ? AND state = 1");
                 PreparedStatement event = c.prepareStatement("INSERT INTO event(ts, kind, json) VALUES (?, 'SENT', ?)")) {
                int next = 0;
                for (int t = 0; t < commits; t++) {
                    st.execute("BEGIN IMMEDIATE");
                    for (int k = 0; k < perCommit; k++, next++) {
                        sent.setString(1, "item-" + next);
                        sent.setLong(2, System.currentTimeMillis());
                        sent.setLong(3, (1L << 25) | next);
                        if (sent.executeUpdate() != 1) {
                            throw new IllegalStateException("code " + next + " not RESERVED");
                        }
                    }
                    event.setLong(1, System.currentTimeMillis());
                    event.setString(2, "{\"codes\":" + perCommit + "}");
                    event.executeUpdate();
                    st.execute("COMMIT");
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("synchronous=%s, %d code(s) per commit: %d commits in %.2f s = %.0f commits/s,"
                    + " %.0f codes/s, %.2f ms per commit%n", sync, perCommit, commits, s, commits / s,
                    commits * perCommit / s, s * 1000 / commits);
        }
    }
}
