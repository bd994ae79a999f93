import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Line stall while a technician voids a large index range (docs/BENCHMARKS.md, "Voiding a range while a line
 * runs"). Builds a vault of CODES codes (raw inserts into the schema CodeVault creates), reserves 5,000 of them for
 * a job, then runs a "line" thread that commits one label SENT (CodeVault.markSent, the line's per-label commit)
 * every 5 ms while the main thread voids VOID AVAILABLE codes with CodeVault.voidAvailable. Prints how long the
 * void took and the longest and 99th-percentile markSent commit of the line meanwhile.
 *
 * java -cp edge-core/target/yima-edge.jar bench/VoidStallBench.java DIR [CODES] [VOID]     (1000000 990000)
 */
public class VoidStallBench {
    static final long APP = 1;
    static final int RESERVED = 5_000;
    static final int FIRST_VOIDED = 10_000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int codes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int voids = args.length > 2 ? Integer.parseInt(args[2]) : 990_000;
        Files.createDirectories(dir);
        Path db = dir.resolve("void-stall.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        // the vault is built once per size and copied for each run (a build of another commit reuses it)
        Path template = dir.resolve("void-stall-" + codes + ".template.db");
        if (!Files.exists(template)) {
            build(template, codes);
        }
        Files.copy(template, db);
        run(db, codes, voids);
    }

    private static void build(Path db, int codes) throws Exception {
        CodeVault.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("INSERT INTO application(id, slot, created) VALUES (" + APP + ", 1, 0)");
            st.execute("BEGIN");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO code(id, application_id, code, url, matrix,"
                    + " state) VALUES (?, " + APP + ", ?, ?, zeroblob(46), 0)")) {
                for (int i = 0; i < codes; i++) {
                    ps.setLong(1, (1L << 25) | i);
                    ps.setString(2, "C" + i);
                    ps.setString(3, "U" + i);
                    ps.executeUpdate();
                }
            }
            st.execute("COMMIT");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            st.execute("PRAGMA journal_mode=DELETE"); // one self-contained file to copy
        }
    }

    private static void run(Path db, int codes, int voids) throws Exception {
        try (CodeVault vault = CodeVault.open(db)) {
            vault.openJob(new JobSpec("BENCH", "L1", APP, "SKU", "B", RESERVED, "QR", "TRIGGERED", null));
            vault.reserve(APP, "BENCH", RESERVED);
            AtomicBoolean voiding = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            List<Long> during = Collections.synchronizedList(new ArrayList<>());
            Thread line = new Thread(() -> {
                for (int i = 0; i < RESERVED && !stop.get(); i++) {
                    long t0 = System.nanoTime();
                    vault.markSent(List.of(new Issue(APP, i, "BENCH", "item-" + i)));
                    long took = System.nanoTime() - t0;
                    if (voiding.get()) {
                        during.add(took);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "line");
            line.start();
            Thread.sleep(500);
            voiding.set(true);
            long t0 = System.nanoTime();
            int voided = vault.voidAvailable(APP, FIRST_VOIDED, FIRST_VOIDED + voids - 1L, "BENCH");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(200); // the commit that waited for the last chunk is counted too
            voiding.set(false);
            stop.set(true);
            line.join();
            List<Long> sorted = new ArrayList<>(during);
            Collections.sort(sorted);
            double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6;
            double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))) / 1e6;
            System.out.printf("voided %,d of %,d codes in %.2f s; line commits meanwhile: %d, longest %.0f ms,"
                    + " p99 %.0f ms (load %s)%n", voided, codes, seconds, sorted.size(), max, p99,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }
}
