package io.yima.sim.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.export.EpcisEvents;
import io.yima.sim.forge.PackageForge;
import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge process is killed (SIGKILL: no shutdown, no goodbye) while it drains a backlog of 3,000 events to a
 * real mosquitto, then started again: the consumer ends up with every committed event, each exactly once after
 * de-duplication by event id, in commit order.
 */
class ExportKillIT {
    static final long APP = 581865877L;
    static final String KEY = "exportKillKey16b";
    static final int CODES = 1_500;

    @Test
    void aKilledEdgeResumesFromItsCommittedCursorAndTheConsumerHoldsEveryEventOnce(@TempDir Path dir) throws Exception {
        Path vaultFile = dir.resolve("vault.db");
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            new PackageImporter(vault).importStreams(APP, KEY.getBytes(StandardCharsets.US_ASCII),
                    List.of(NamedInput.ofBase64("codes", PackageForge.base64Package(APP, 0, CODES - 1, KEY))));
            new ExportOutbox(vault).enable(true);
            vault.openJob(new JobSpec("J-KILL", "L1", APP, "SKU-K", "B-K", CODES, "QR", "TRIGGERED", null));
            for (int from = 0; from < CODES; from += 500) {
                List<CodeRecord> codes = vault.reserve(APP, "J-KILL", 500);
                List<Issue> issues = new ArrayList<>();
                List<Binding> bindings = new ArrayList<>();
                for (CodeRecord c : codes) {
                    issues.add(new Issue(APP, c.index(), "J-KILL", "item-" + c.index()));
                    bindings.add(new Binding(APP, c.index(), "J-KILL", "item-" + c.index()));
                }
                vault.markSent(issues);
                vault.bind(bindings);
            }
        }
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto broker = new Mosquitto(brokerDir).start();
             EventSubscriber central = new EventSubscriber(broker.port(), "central-kill", "yima/#")) {
            Path config = dir.resolve("edge.yaml");
            Files.writeString(config, String.join("\n", "vault:", "  path: " + vaultFile, "status:",
                    "  port: " + freePort(), "export:", "  mqtt:", "    enabled: true", "    broker: " + broker.url(),
                    "    site: plant-2", "    edge: edge-9", "    max_events_per_second: 400", "    max_in_flight: 50",
                    "    reconnect_min: 200ms", "    reconnect_max: 1s", ""));
            Process edge = EdgeProcess.start(config, dir.resolve("edge-1.log"));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> central.firstDeliveries("/L1/events").size() >= 800);
            } finally {
                edge.destroyForcibly().waitFor();
            }
            int beforeKill = central.firstDeliveries("/L1/events").size();
            assertThat(beforeKill).as("killed mid-backlog").isLessThan(3001);

            List<String> expected;
            try (CodeVault vault = CodeVault.open(vaultFile)) {
                ExportOutbox outbox = new ExportOutbox(vault);
                assertThat(outbox.cursor("mqtt")).as("the cursor never runs ahead of what the broker holds")
                        .isLessThanOrEqualTo(beforeKill);
                expected = outbox.after(0, 10_000).stream().map(r -> EpcisEvents.eventId(outbox.vaultId(), r.seq()))
                        .toList();
            }
            assertThat(expected).hasSize(1 + 2 * CODES);

            Process again = EdgeProcess.start(config, dir.resolve("edge-2.log"));
            try {
                await().atMost(Duration.ofSeconds(90)).until(() ->
                        central.firstDeliveries("/L1/events").size() >= expected.size());
            } finally {
                again.destroy();
                again.waitFor();
            }
            List<EventSubscriber.Received> first = central.firstDeliveries("/L1/events");
            assertThat(first).extracting(EventSubscriber.Received::eventId).containsExactlyElementsOf(expected);
            assertThat(first).extracting(EventSubscriber.Received::seq).isSorted();
            long deliveries = central.all().stream().filter(r -> r.topic().endsWith("/events")).count();
            System.out.printf("ExportKillIT: %d events, %d delivered before the kill, %d deliveries in all (%d duplicates)%n",
                    expected.size(), beforeKill, deliveries, deliveries - expected.size());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
