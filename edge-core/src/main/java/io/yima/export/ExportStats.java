package io.yima.export;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.yima.vault.ExportOutbox;
import java.util.function.Supplier;

/**
 * What the MQTT export shows on /metrics and the status page. The drain thread writes these (the backlog is read
 * from the vault there, once a second); scrapes and status polls only read fields, never the vault.
 */
public final class ExportStats {
    private static final double[] DELAY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600};

    /** The status page's view: broker link, events not yet acknowledged, age of the oldest, last seq acknowledged. */
    public record View(String broker, String link, String reason, long backlog, double oldestAgeSeconds,
                       long acknowledgedSeq, long exported) {
    }

    private final Counter published;
    private final Counter exported;
    private final Counter resent;
    private final Histogram delay;
    private volatile long backlog;
    private volatile long oldestTs;
    private volatile long acknowledgedSeq;
    private volatile Supplier<MqttLink> link = () -> null;
    private final String broker;

    ExportStats(PrometheusRegistry registry, String broker) {
        this.broker = broker;
        published = Counter.builder().name("yima_export_published_total")
                .help("EPCIS events published to the MQTT broker (re-sends included)").register(registry);
        exported = Counter.builder().name("yima_export_acknowledged_total")
                .help("EPCIS events the MQTT broker acknowledged (PUBACK), each counted once").register(registry);
        resent = Counter.builder().name("yima_export_resends_total")
                .help("Events sent again after a missing acknowledgement (consumers de-duplicate by event id)")
                .register(registry);
        delay = Histogram.builder().name("yima_export_delay_seconds")
                .help("Vault commit of an event -> the broker's acknowledgement of it")
                .classicOnly().classicUpperBounds(DELAY_BUCKETS).register(registry);
        GaugeWithCallback.builder().name("yima_export_backlog_events")
                .help("Events committed in the vault and not yet acknowledged by the MQTT broker")
                .callback(cb -> cb.call(backlog)).register(registry);
        GaugeWithCallback.builder().name("yima_export_oldest_event_age_seconds")
                .help("Age of the oldest event not yet acknowledged by the MQTT broker; 0 when none")
                .callback(cb -> cb.call(oldestAgeSeconds())).register(registry);
        GaugeWithCallback.builder().name("yima_export_broker_up")
                .help("1 when the edge's MQTT session with the broker is connected")
                .callback(cb -> cb.call(link.get() != null && link.get().online() ? 1 : 0)).register(registry);
    }

    void link(MqttLink l) {
        link = () -> l;
    }

    void backlog(ExportOutbox.Backlog b) {
        backlog = b.events();
        oldestTs = b.oldestTs();
    }

    void acknowledged(long seq) {
        acknowledgedSeq = seq;
    }

    void published() {
        published.inc();
    }

    void delivered(long commitToAckMillis) {
        exported.inc();
        delay.observe(Math.max(0, commitToAckMillis) / 1000.0);
        if (backlog > 0) {
            backlog--;
        }
    }

    void resent(long n) {
        resent.inc(n);
    }

    private double oldestAgeSeconds() {
        return backlog == 0 || oldestTs == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldestTs) / 1000.0;
    }

    public View view() {
        MqttLink l = link.get();
        String state = l == null ? "CONNECTING" : l.state().name();
        return new View(broker, state, l == null ? null : l.reason(), backlog, oldestAgeSeconds(), acknowledgedSeq,
                (long) exported.get());
    }
}
