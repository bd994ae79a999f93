package io.yima.sim.bench;

import io.yima.sim.forge.PackageForge;
import io.yima.sim.wechat.CallRecord;
import io.yima.sim.wechat.WechatEmulator;
import io.yima.upstream.ActivationOutbox;
import io.yima.upstream.AppSecretTokens;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.Sleeper;
import io.yima.upstream.UpstreamConfig;
import io.yima.upstream.VaultUpstreamEvents;
import io.yima.vault.ActivationFields;
import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import io.yima.vault.Rejection;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark (not a test): binds N codes of one application with ~1 % rejected at random, the first half with
 * the activation outbox stopped and the second half with it running, then closes the job and waits until every
 * bound code is activated through the WeChat emulator. Reports codeactive calls against the minimal number of
 * ranges, the activation wall time and the binding rate with and without the sender.
 */
@Command(name = "bench-activation", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim bench-activation --codes 1000000 --reject-percent 1"},
        description = "Benchmark the activation outbox against the WeChat emulator (see docs/BENCHMARKS.md).")
public final class ActivationBenchCommand implements Callable<Integer> {
    private static final String KEY = "0123456789abcdef";

    @Option(names = "--codes", defaultValue = "1000000", description = "Codes to bind. Default ${DEFAULT-VALUE}.")
    int codes;

    @Option(names = "--reject-percent", defaultValue = "1.0", description = "Share rejected. Default ${DEFAULT-VALUE}.")
    double rejectPercent;

    @Option(names = "--batch", defaultValue = "100", description = "Codes per bind/reject transaction. Default ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--max-range", defaultValue = "100000", description = "upstream.max_range_length. Default ${DEFAULT-VALUE}.")
    int maxRange;

    @Option(names = "--rate", defaultValue = "1000", description = "upstream.max_requests_per_second. Default ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--dir", description = "Working directory (default: a new temporary one).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("yima-bench-activation");
        try (WechatEmulator emulator = new WechatEmulator(WechatEmulator.Settings.forTests(KEY)).start();
             CodeVault vault = CodeVault.open(work.resolve("vault.db"))) {
            UpstreamConfig config = UpstreamConfig.defaults().withBaseUrl(emulator.baseUrl()).withAppid("wxBENCH")
                    .withOutbox(maxRange, rate, 10, Duration.ofSeconds(60));
            VaultUpstreamEvents events = new VaultUpstreamEvents(vault);
            MarketcodeClient client = new MarketcodeClient(config, new AppSecretTokens(config, () -> "bench",
                    MarketcodeClient.httpClient(config), Clock.systemUTC(), Sleeper.REAL, events),
                    MarketcodeClient.httpClient(config), events, Clock.systemUTC(), Sleeper.REAL);
            long app = client.applyCode(roundUp(codes), "bench-" + System.nanoTime());
            long t = System.nanoTime();
            List<NamedInput> ranges = new ArrayList<>();
            for (long s = 0; s < codes; s += PackageForge.CODES_PER_FILE) {
                long start = s;
                long end = Math.min(codes, s + PackageForge.CODES_PER_FILE) - 1;
                ranges.add(new NamedInput("range " + s, () -> new java.io.ByteArrayInputStream(
                        PackageForge.base64Package(app, start, end, KEY).getBytes(StandardCharsets.US_ASCII))));
            }
            new PackageImporter(vault).importStreams(app, KEY.getBytes(StandardCharsets.US_ASCII), ranges);
            System.out.printf("setup: %d codes imported in %.1f s (not measured below)%n", codes, secs(t));

            ActivationFields fields = new ActivationFields("bench", "Brand", "Title", "6901234567892", "wxMINI",
                    "pages/index", 0);
            vault.openJob(new JobSpec("BENCH", "line-1", app, "SKU", "B1", codes, "MICROCODE", "TRIGGERED", fields));
            Random random = new Random(42);
            ActivationOutbox outbox = new ActivationOutbox(vault, client, config, Clock.systemUTC());

            long[] bound = {0};
            double withoutRate = bindPhase(vault, app, codes / 2, random, bound);
            long activationStart = System.nanoTime();
            outbox.start();
            double withRate = bindPhase(vault, app, codes - codes / 2, random, bound);
            vault.setJobState("BENCH", JobState.CLOSED);
            long closed = System.nanoTime();
            outbox.signal();
            ActivationOutbox.Backlog b = outbox.backlog();
            while (b.pendingCodes() > 0 || b.queuedRanges() > 0) {
                Thread.sleep(200);
                b = outbox.backlog();
            }
            double activationSeconds = secs(activationStart);
            double drainSeconds = secs(closed);
            outbox.stop();

            long calls = emulator.calls("codeactive").size();
            long ok = emulator.calls("codeactive").stream().filter(CallRecord::succeeded).count();
            long[] runs = minimalRanges(vault, maxRange);
            long perBatch = perBatchRanges(vault, batch);
            System.out.printf("codes %d, bound %d, rejected %d, max_range_length %d, rate %.0f/s, bind batch %d%n",
                    codes, bound[0], codes - bound[0], maxRange, rate, batch);
            System.out.printf("binding rate without sender: %.0f codes/s%n", withoutRate);
            System.out.printf("binding rate with sender running: %.0f codes/s%n", withRate);
            System.out.printf("codeactive calls %d (succeeded %d), minimal ranges %d, ratio %.3f%n", calls, ok, runs[0],
                    (double) calls / runs[0]);
            System.out.printf("baseline, one range per bind batch and run: %d calls (ratio %.2f)%n", perBatch,
                    (double) perBatch / runs[0]);
            System.out.printf("activation wall time from outbox start to empty backlog: %.1f s (of which %.1f s after"
                    + " the job closed); activated %d, failed %d%n", activationSeconds, drainSeconds,
                    b.activatedRanges(), b.failedRanges());
            System.out.println("work dir: " + work);
        }
        return 0;
    }

    /** Reserves, sends and judges {@code n} codes in batches; returns codes per second. */
    private double bindPhase(CodeVault vault, long app, int n, Random random, long[] bound) {
        long t = System.nanoTime();
        int done = 0;
        while (done < n) {
            List<CodeRecord> reserved = vault.reserve(app, "BENCH", Math.min(batch, n - done));
            List<Issue> issues = new ArrayList<>(reserved.size());
            List<Binding> bindings = new ArrayList<>(reserved.size());
            List<Rejection> rejections = new ArrayList<>();
            for (CodeRecord r : reserved) {
                String item = "i" + r.index();
                issues.add(new Issue(app, r.index(), "BENCH", item));
                if (random.nextDouble() * 100 < rejectPercent) {
                    rejections.add(new Rejection(app, r.index(), "NO_READ"));
                } else {
                    bindings.add(new Binding(app, r.index(), "BENCH", item));
                }
            }
            vault.markSent(issues);
            vault.reject(rejections);
            vault.bind(bindings);
            bound[0] += bindings.size();
            done += reserved.size();
        }
        return n / secs(t);
    }

    /** {minimal ranges}: each maximal run of bound codes needs ceil(length / maxRange) calls. */
    private static long[] minimalRanges(CodeVault vault, int maxRange) {
        return vault.inTransaction(c -> {
            long ranges = 0;
            long run = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT state FROM code ORDER BY id")) {
                while (rs.next()) {
                    if (rs.getInt(1) == 3) {
                        run++;
                    } else {
                        ranges += (run + maxRange - 1) / maxRange;
                        run = 0;
                    }
                }
            }
            ranges += (run + maxRange - 1) / maxRange;
            return new long[] {ranges};
        });
    }

    /** What activating each bind batch on its own would cost: runs of bound codes split at batch borders. */
    private static long perBatchRanges(CodeVault vault, int batch) {
        return vault.inTransaction(c -> {
            long ranges = 0;
            boolean inRun = false;
            long i = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT state FROM code ORDER BY id")) {
                while (rs.next()) {
                    boolean isBound = rs.getInt(1) == 3;
                    if (isBound && (!inRun || i % batch == 0)) {
                        ranges++;
                    }
                    inRun = isBound;
                    i++;
                }
            }
            return ranges;
        });
    }

    private static long roundUp(int n) {
        return Math.max(10_000, (n + 9_999) / 10_000 * 10_000L);
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
