package io.yima.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.yima.common.ExportView;
import io.yima.line.JobAccount;
import io.yima.line.LineListener;
import io.yima.line.LineSnapshot;
import io.yima.line.ProductionLine;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT export as the daemon sees it: switches the vault's outbox on, opens the broker session, drains the
 * outbox on its own thread and keeps each line's retained state message current. Off (no {@code export.mqtt} or
 * {@code enabled: false}): {@link #recordOnly} keeps the outbox recording for the file export, kept to the
 * retention by an {@link OutboxRetention}.
 */
public final class MqttExport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttExport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRUNE_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    static final int PRUNE_BATCH = 5_000;

    private final ExportConfig.Mqtt config;
    private final ExportOutbox outbox;
    private volatile Map<String, ProductionLine> lines = Map.of();
    private final Topics topics;
    private final ExportStats stats;
    private final MqttLink link;
    private final ExportDrainer drainer;
    private final Map<String, String> lastState = new HashMap<>();
    private boolean announced;
    private long lastPrune = System.nanoTime() - PRUNE_EVERY_NANOS;

    private MqttExport(ExportConfig.Mqtt config, ExportConfig.BacklogAlarm alarm, CodeVault vault,
                       PrometheusRegistry registry) {
        this.config = config;
        this.outbox = new ExportOutbox(vault);
        this.topics = Topics.of(config);
        this.stats = new ExportStats(registry, config.broker(), alarm);
        outbox.enable(true);
        EpcisEvents epcis = EpcisEvents.of(config, outbox.vaultId());
        ExportDrainer[] d = new ExportDrainer[1];
        this.link = new MqttLink(config, topics, () -> {
            if (d[0] != null) {
                d[0].signal();
            }
        });
        stats.link(link);
        this.drainer = new ExportDrainer(outbox, link, epcis, topics, config, stats, this::housekeeping);
        d[0] = drainer;
    }

    /** Switches the outbox on and starts exporting; the broker may be down (the events wait in the vault). */
    public static MqttExport start(ExportConfig.Mqtt config, CodeVault vault, PrometheusRegistry registry) {
        return start(config, ExportConfig.BacklogAlarm.DEFAULT, vault, registry);
    }

    /** As above, with the backlog alarm's bounds ({@code export.backlog_alarm}). */
    public static MqttExport start(ExportConfig.Mqtt config, ExportConfig.BacklogAlarm alarm, CodeVault vault,
                                   PrometheusRegistry registry) {
        MqttExport export = new MqttExport(config, alarm, vault, registry);
        byte[] password = export.password();
        export.drainer.start();
        export.link.connect(password); // the client keeps this array for every reconnect: do not wipe it
        log.info("MQTT export to {} as {}: topics {}", config.broker(), config.clientIdOrDefault(),
                export.topics.events("LINE"));
        return export;
    }

    /** A line listener that wakes the drain after each event (non-blocking, for the line's thread). */
    public LineListener wakeListener() {
        return e -> drainer.signal();
    }

    /** The lines whose retained state is published (set once they are built). */
    public void watch(Map<String, ProductionLine> lines) {
        this.lines = Map.copyOf(lines);
    }

    /**
     * No MQTT export: the outbox still records every event, so {@code export --job} has any recent job's EPCIS
     * file; {@link OutboxRetention} keeps it to the retention. (Until this release the triggers were switched off
     * here, and a job recorded then had nothing to export.)
     */
    public static OutboxRetention recordOnly(CodeVault vault, java.time.Duration retention) {
        ExportOutbox outbox = new ExportOutbox(vault);
        outbox.enable(true);
        return new OutboxRetention(outbox, ExportDrainer.CURSOR, retention);
    }

    public ExportView view() {
        return stats.view();
    }

    /** On the drain thread once a second: the edge's and the lines' retained states, and pruning. */
    private void housekeeping() {
        if (!link.online()) {
            announced = false;
            return;
        }
        if (!announced) {
            link.publishRetained(topics.edgeState(), "online".getBytes(StandardCharsets.US_ASCII));
            lastState.clear();
            announced = true;
        }
        lines.forEach((id, line) -> {
            String state = lineState(line.snapshot());
            if (!state.equals(lastState.get(id))) {
                link.publishRetained(topics.lineState(id), state.getBytes(StandardCharsets.UTF_8));
                lastState.put(id, state);
            }
        });
        if (System.nanoTime() - lastPrune > PRUNE_EVERY_NANOS) {
            lastPrune = System.nanoTime();
            // the cut-off is a point in time (rows carry wall-clock stamps); in batches, so a day's events are
            // pruned as fast as they arrive and the line's writes go between the batches
            int pruned = outbox.prune(ExportDrainer.CURSOR, System.currentTimeMillis() - config.retention().toMillis(),
                    PRUNE_BATCH);
            if (pruned > 0) {
                log.debug("MQTT export: pruned {} acknowledged events older than the retention", pruned);
            }
        }
    }

    /** The retained line state: what it is doing and its open job's counts; sent at most once a second, when changed. */
    public static String lineState(LineSnapshot s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("line", s.lineId());
        n.put("state", s.state().name());
        n.put("printer", s.printerLink().name());
        n.put("scanner", s.scannerLink().name());
        if (s.jobId() != null) {
            ObjectNode job = n.putObject("job");
            job.put("id", s.jobId());
            job.put("sku", s.sku());
            job.put("batch", s.batch());
            job.put("quantity", s.quantity());
            job.put("printed", s.printed());
            job.put("bound", s.bound());
            job.put("rejected", s.rejected());
            job.put("voided", s.voided());
            JobAccount a = s.account(); // the same account as job report and the status page
            job.put("awaiting", a.awaiting());
            job.put("stale", a.stale());
            a.rejectedSorted().forEach(job.putObject("rejected_by_reason")::put);
            a.voidedSorted().forEach(job.putObject("voided_by_reason")::put);
        }
        return n.toString();
    }

    private byte[] password() {
        if (config.passwordFile() == null) {
            return null;
        }
        try {
            String text = Files.readString(config.passwordFile(), StandardCharsets.UTF_8).strip();
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("export.mqtt.password_file: cannot read " + config.passwordFile()
                    + " (check its owner and permissions)");
        }
    }

    @Override
    public void close() {
        drainer.close();
        link.close();
    }
}
