package io.yima.sim.bench;

import io.yima.sim.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.yima.edge.ConfigLoader;
import io.yima.export.ExportConfig;
import io.yima.export.MqttExport;
import io.yima.sim.forge.PackageForge;
import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The MQTT export against a real mosquitto on this machine: how fast a backlog drains (events/s, first to last
 * event received by a subscriber) and, with the backlog empty, the delay from an event's commit in the vault to
 * its arrival at a subscriber of the broker while codes are committed one per transaction at a steady rate (the
 * drain is woken after each commit, as a line's listener does).
 */
@Command(name = "bench-export", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim bench-export --events 20000 --live-rate 200 --live-seconds 10"},
        description = "Benchmark the MQTT export: backlog drain rate and commit-to-broker delay (see docs/BENCHMARKS.md).")
public final class ExportBenchCommand implements Callable<Integer> {
    private static final String KEY = "0123456789abcdef";
    private static final long APP = 581865877L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--events", defaultValue = "20000", description = "Backlog events (half commissioned, half bound). Default ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--max-rate", defaultValue = "100000", description = "export.mqtt.max_events_per_second. Default ${DEFAULT-VALUE}.")
    double maxRate;

    @Option(names = "--in-flight", defaultValue = "100", description = "export.mqtt.max_in_flight. Default ${DEFAULT-VALUE}.")
    int inFlight;

    @Option(names = "--live-rate", defaultValue = "200", description = "Commits per second in the delay phase. Default ${DEFAULT-VALUE}.")
    double liveRate;

    @Option(names = "--live-seconds", defaultValue = "10", description = "Length of the delay phase. Default ${DEFAULT-VALUE}.")
    int liveSeconds;

    @Option(names = "--trigger-codes", defaultValue = "20000", description = "Codes sent and bound (batches of 100) to time the outbox triggers, off and on alternately. Default ${DEFAULT-VALUE}.")
    int triggerCodes;

    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto", description = "The broker binary. Default ${DEFAULT-VALUE}.")
    Path mosquitto;

    @Option(names = "--dir", description = "Working directory (default: a new temporary one).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("yima-bench-export");
        int codes = events / 2 + (int) (liveRate * liveSeconds) + triggerCodes + 10;
        int port = FreePorts.one();
        Process broker = startBroker(work, port);
        try (CodeVault vault = CodeVault.open(work.resolve("vault.db"))) {
            new PackageImporter(vault).importStreams(APP, KEY.getBytes(StandardCharsets.US_ASCII),
                    List.of(NamedInput.ofBase64("codes", PackageForge.base64Package(APP, 0, codes - 1, KEY))));
            vault.openJob(new JobSpec("BENCH", "L1", APP, "SKU", "B1", codes, "QR", "TRIGGERED", null));
            // the triggers' cost on the line's commits: send + bind in batches of 100, export off and on in turn
            // round 0 warms the JIT up and is not counted; then off, on, off, on ... (8 rounds)
            double[] secs = new double[2];
            int perRound = triggerCodes / 9;
            for (int round = 0; round < 9; round++) {
                boolean on = round % 2 == 0;
                new ExportOutbox(vault).enable(on);
                long t0 = System.nanoTime();
                for (int done = 0; done < perRound; done += 100) {
                    commitAndBind(vault, Math.min(100, perRound - done));
                }
                if (round > 0) {
                    secs[on ? 1 : 0] += (System.nanoTime() - t0) / 1e9;
                }
            }
            System.out.printf("outbox triggers: %d codes sent + bound in batches of 100: %.0f codes/s export off,"
                    + " %.0f codes/s export on (%+.0f %%)%n", perRound * 8, perRound * 4 / secs[0],
                    perRound * 4 / secs[1], (secs[0] / secs[1] - 1) * 100);
            vault.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM export_outbox"));
            new ExportOutbox(vault).enable(true);
            long t = System.nanoTime();
            for (int done = 0; done < events / 2; done += 500) {
                commitAndBind(vault, Math.min(500, events / 2 - done));
            }
            System.out.printf("setup: %d events committed to the outbox in %.1f s (not measured)%n",
                    new ExportOutbox(vault).backlog("mqtt").events(), (System.nanoTime() - t) / 1e9);

            ConcurrentLinkedQueue<long[]> received = new ConcurrentLinkedQueue<>(); // {seq, receivedMillis, eventMillis}
            AtomicLong count = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            Mqtt5AsyncClient sub = Mqtt5Client.builder().identifier("bench-sub").serverHost("127.0.0.1").serverPort(port)
                    .buildAsync();
            sub.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
            sub.subscribeWith().topicFilter("yima/+/+/+/events").qos(MqttQos.AT_LEAST_ONCE).callback(p -> {
                long now = System.currentTimeMillis();
                try {
                    JsonNode e = JSON.readTree(p.getPayloadAsBytes());
                    long at = OffsetDateTime.parse(e.path("eventTime").asText()).toInstant().toEpochMilli();
                    received.add(new long[] {e.path("yima:seq").asLong(), now, at});
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
                bytes.addAndGet(p.getPayloadAsBytes().length);
                count.incrementAndGet();
            }).send().get(10, TimeUnit.SECONDS);

            ExportConfig.Mqtt config = ConfigLoader.mapper().readValue(String.join("\n", "mqtt:", "  enabled: true",
                    "  broker: tcp://127.0.0.1:" + port, "  site: bench", "  edge: e1",
                    "  max_events_per_second: " + maxRate, "  max_in_flight: " + inFlight, ""), ExportConfig.class).mqtt();
            long backlog = new ExportOutbox(vault).backlog("mqtt").events();
            long start = System.nanoTime();
            try (MqttExport export = MqttExport.start(config, vault, new PrometheusRegistry())) {
                while (count.get() < backlog) {
                    Thread.sleep(20);
                }
                double wall = (System.nanoTime() - start) / 1e9;
                long[] firstLast = firstLast(received);
                double drain = backlog / Math.max(0.001, (firstLast[1] - firstLast[0]) / 1000.0);
                System.out.printf("backlog: %d events drained in %.2f s from start (connect included); "
                        + "%.0f events/s first to last received; max_in_flight %d, max_events_per_second %.0f%n",
                        backlog, wall, drain, inFlight, maxRate);
                System.out.printf("payload: %.0f bytes per event on average (EPCIS JSON-LD, before MQTT framing)%n",
                        bytes.get() / (double) count.get());

                received.clear();
                long live = (long) (liveRate * liveSeconds);
                long gap = (long) (1e9 / liveRate);
                long next = System.nanoTime();
                List<CodeRecord> pool = vault.reserve(APP, "BENCH", (int) live);
                for (CodeRecord c : pool) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    next += gap;
                    vault.markSent(List.of(new Issue(APP, c.index(), "BENCH", "live-" + c.index())));
                    export.wakeListener().on(null);
                }
                long target = backlog + pool.size();
                while (count.get() < target) {
                    Thread.sleep(20);
                }
                long[] delays = received.stream().mapToLong(r -> r[1] - r[2]).sorted().toArray();
                System.out.printf("live: %d commits at %.0f/s, one per transaction; commit -> subscriber delay"
                        + " p50 %d ms, p99 %d ms, max %d ms%n", delays.length, liveRate, pct(delays, 50), pct(delays, 99),
                        delays[delays.length - 1]);
            }
            sub.disconnect().get(5, TimeUnit.SECONDS);
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
        return 0;
    }

    private static void commitAndBind(CodeVault vault, int n) {
        List<CodeRecord> codes = vault.reserve(APP, "BENCH", n);
        List<Issue> issues = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        for (CodeRecord c : codes) {
            issues.add(new Issue(APP, c.index(), "BENCH", "i" + c.index()));
            bindings.add(new Binding(APP, c.index(), "BENCH", "i" + c.index()));
        }
        vault.markSent(issues);
        vault.bind(bindings);
    }

    private static long[] firstLast(ConcurrentLinkedQueue<long[]> received) {
        long first = Long.MAX_VALUE;
        long last = 0;
        for (long[] r : received) {
            first = Math.min(first, r[1]);
            last = Math.max(last, r[1]);
        }
        return new long[] {first, last};
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private Process startBroker(Path work, int port) throws Exception {
        Path conf = work.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n", "listener " + port + " 127.0.0.1", "allow_anonymous true",
                "max_queued_messages 0", "max_inflight_messages 100", "log_dest file " + work.resolve("mosquitto.log"), ""));
        Process p = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("mosquitto.out").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return p;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("mosquitto exited; see " + work.resolve("mosquitto.out"));
                }
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IllegalStateException("mosquitto did not listen on port " + port);
    }

}
