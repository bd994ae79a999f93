import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * What preparing the line's statements costs (docs/BENCHMARKS.md, "Edge CPU per label"): prepares and closes each
 * statement 20,000 times on a vault (use a copy: nothing is written) and prints the mean of the third round. The
 * UPDATE of the code table compiles that table's counting and export triggers into every prepared statement.
 *
 * java -cp edge-core/target/yima-edge.jar bench/PrepareProbe.java VAULT_COPY
 */
public class PrepareProbe {
    public static void main(String[] args) throws Exception {
        String[] statements = {
                "UPDATE code SET state = 2, item_id = ?, updated = ? WHERE id = ? AND state = 1",
                "INSERT INTO event(ts, kind, json) VALUES (?, ?, ?)",
                "INSERT INTO line_event(line, number, job_id, kind, body, ts) VALUES (?,?,?,?,?,?)",
                "SAVEPOINT part"};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0])) {
            for (String sql : statements) {
                double micros = 0;
                for (int round = 0; round < 3; round++) {
                    int n = 20_000;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.getParameterMetaData(); // nothing run: the prepare alone
                        }
                    }
                    micros = (System.nanoTime() - t0) / 1e3 / n;
                }
                System.out.printf("%7.1f us  %s%n", micros, sql);
            }
        }
    }
}
