package io.yima.export;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.yima.common.ExportView;
import io.yima.config.DurationText;
import io.yima.vault.ExportOutbox;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the MQTT export shows on /metrics and the status page. The drain thread writes these (the backlog is read
 * from the vault there, once a second, in a few index seeks); scrapes and status polls only read fields, never
 * the vault. The oldest event's age is a duration, so it runs on the monotonic clock: the wall clock is read once,
 * when an event becomes the oldest (its commit time is a wall-clock stamp), and the age then grows with
 * {@code System.nanoTime()}, so setting the wall clock back neither freezes nor shrinks it.
 */
public final class ExportStats {
    private static final double[] DELAY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600};

    private final Counter published;
    private final Counter exported;
    private final Counter resent;
    private final Histogram delay;
    private volatile long backlog;
    /** The oldest waiting event (0: none), its age when it became the oldest, and the monotonic time of that. */
    private volatile Oldest oldest = Oldest.NONE;
    private volatile long acknowledgedSeq;
    private volatile Supplier<MqttLink> link = () -> null;
    private final String broker;
    private final ExportConfig.BacklogAlarm alarm;
    private final LongSupplier nanos;
    private final LongSupplier wallMillis;

    private record Oldest(long seq, long ageMillisWhenSeen, long seenNanos) {
        static final Oldest NONE = new Oldest(0, 0, 0);
    }

    ExportStats(PrometheusRegistry registry, String broker, ExportConfig.BacklogAlarm alarm) {
        this(registry, broker, alarm, System::nanoTime, System::currentTimeMillis);
    }

    /** With the clocks given: {@code nanos} monotonic (durations), {@code wallMillis} for commit stamps only. */
    ExportStats(PrometheusRegistry registry, String broker, ExportConfig.BacklogAlarm alarm, LongSupplier nanos,
                LongSupplier wallMillis) {
        this.broker = broker;
        this.alarm = alarm;
        this.nanos = nanos;
        this.wallMillis = wallMillis;
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
        GaugeWithCallback.builder().name("yima_export_backlog_alarm")
                .help("1 while the export backlog is above export.backlog_alarm (max_events or max_age)")
                .callback(cb -> cb.call(alarm() == null ? 0 : 1)).register(registry);
        GaugeWithCallback.builder().name("yima_export_backlog_alarm_max_events")
                .help("export.backlog_alarm.max_events: the backlog size that raises the alarm")
                .callback(cb -> cb.call(alarm.maxEvents())).register(registry);
        GaugeWithCallback.builder().name("yima_export_backlog_alarm_max_age_seconds")
                .help("export.backlog_alarm.max_age: the oldest waiting event's age that raises the alarm")
                .callback(cb -> cb.call(alarm.maxAge().toMillis() / 1000.0)).register(registry);
    }

    void link(MqttLink l) {
        link = () -> l;
    }

    void backlog(ExportOutbox.Backlog b) {
        backlog = b.events();
        if (b.events() == 0) {
            oldest = Oldest.NONE;
        } else if (b.oldestSeq() != oldest.seq()) {
            oldest = new Oldest(b.oldestSeq(), Math.max(0, wallMillis.getAsLong() - b.oldestTs()), nanos.getAsLong());
        }
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

    double oldestAgeSeconds() {
        Oldest o = oldest;
        if (backlog == 0 || o.seq() == 0) {
            return 0;
        }
        long elapsedMillis = Math.max(0, (nanos.getAsLong() - o.seenNanos()) / 1_000_000);
        return (o.ageMillisWhenSeen() + elapsedMillis) / 1000.0;
    }

    /** Why the backlog alarm is raised, in a technician's words; null while it is not. */
    public String alarm() {
        long events = backlog;
        if (events > alarm.maxEvents()) {
            return "export backlog: " + events + " events wait for the broker (alarm above " + alarm.maxEvents() + ")";
        }
        double age = oldestAgeSeconds();
        if (age > alarm.maxAge().toMillis() / 1000.0) {
            return "export backlog: the oldest event has waited " + DurationText.format(Duration.ofSeconds((long) age))
                    + " for the broker (alarm above " + DurationText.format(alarm.maxAge()) + ")";
        }
        return null;
    }

    public ExportView view() {
        MqttLink l = link.get();
        String state = l == null ? "CONNECTING" : l.state().name();
        return new ExportView(broker, state, l == null ? null : l.reason(), backlog, oldestAgeSeconds(),
                acknowledgedSeq, (long) exported.get(), alarm());
    }
}
