import io.yima.vault.ActivationFields;
import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a job's first labels spend their time on a large vault (docs/BENCHMARKS.md, "Job start on a large vault"):
 * copies VAULT to DIR, opens the copy as the daemon does (openExisting, recover), opens a job and times each step
 * of the first labels as the line runs them: reserve (a block of 256), markSent, the scanner's read resolved by
 * URL (resolveRead on the reader connection), bind. Prints one line per label for the first 10, then the
 * distribution over the next 190.
 *
 * java -cp edge-core/target/yima-edge.jar bench/JobStartProbe.java VAULT DIR [APPLICATION [sync]]
 *   sync: run sync(1) on the copy before opening it (its pages written out, as a vault that was not just copied)
 */
public class JobStartProbe {
    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        long app = args.length > 2 ? Long.parseLong(args[2]) : 581865877L;
        Path db = dir.resolve("probe.db");
        for (String s : new String[] {"", "-wal", "-shm", ".ledger", ".lock"}) {
            Files.deleteIfExists(Path.of(db + s));
        }
        long t = System.nanoTime();
        Files.copy(source, db);
        System.out.printf("copy %.0f ms%n", ms(t));
        if (args.length > 3 && args[3].equals("sync")) { // write the copy out first: no dirty pages of it left
            t = System.nanoTime();
            new ProcessBuilder("sync", db.toString()).inheritIO().start().waitFor();
            System.out.printf("sync %.0f ms%n", ms(t));
        }
        t = System.nanoTime();
        try (CodeVault v = CodeVault.openExisting(db)) {
            System.out.printf("open %.1f ms%n", ms(t));
            t = System.nanoTime();
            v.recover();
            System.out.printf("recover %.1f ms%n", ms(t));
            t = System.nanoTime();
            JobSpec job = new JobSpec("PROBE", "L1", app, "SKU", "B1", 1000, "QR", "TRIGGERED",
                    new ActivationFields("a", "b", "c", "6901234567892", "wx0", "p", 0));
            v.openJob(job);
            System.out.printf("openJob %.1f ms%n", ms(t));
            List<CodeRecord> block = List.of();
            int next = 0;
            double[] total = new double[200];
            double[] worst = new double[4];
            int[] worstAt = new int[4];
            for (int i = 0; i < 200; i++) {
                double reserve = 0;
                if (next == block.size()) {
                    t = System.nanoTime();
                    block = v.reserve(app, "PROBE", 256);
                    reserve = ms(t);
                    next = 0;
                }
                CodeRecord c = block.get(next++);
                t = System.nanoTime();
                v.markSent(List.of(new Issue(app, c.index(), "PROBE", "i" + i)));
                double sent = ms(t);
                t = System.nanoTime();
                CodeRecord read = v.resolveRead(c.url()).orElseThrow();
                double lookup = ms(t);
                t = System.nanoTime();
                v.bind(List.of(new Binding(app, read.index(), "PROBE", "i" + i)));
                double bind = ms(t);
                total[i] = reserve + sent + lookup + bind;
                double[] steps = {reserve, sent, lookup, bind};
                for (int k = 0; k < 4; k++) {
                    if (steps[k] > worst[k]) {
                        worst[k] = steps[k];
                        worstAt[k] = i;
                    }
                }
                if (i < 10) {
                    System.out.printf("label %d: reserve %.1f  markSent %.1f  resolveRead %.1f  bind %.1f ms%n", i,
                            reserve, sent, lookup, bind);
                }
            }
            double[] rest = java.util.Arrays.copyOfRange(total, 10, 200);
            java.util.Arrays.sort(rest);
            System.out.printf("labels 10-199: p50 %.2f  p99 %.2f  max %.2f ms per label (all four steps)%n",
                    rest[rest.length / 2], rest[(int) (rest.length * 0.99)], rest[rest.length - 1]);
            System.out.printf("worst of 200: reserve %.1f (label %d)  markSent %.1f (%d)  resolveRead %.1f (%d)  bind %.1f (%d) ms%n",
                    worst[0], worstAt[0], worst[1], worstAt[1], worst[2], worstAt[2], worst[3], worstAt[3]);
        }
    }

    static double ms(long from) {
        return (System.nanoTime() - from) / 1e6;
    }
}
