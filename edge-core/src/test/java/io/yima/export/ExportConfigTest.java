package io.yima.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.config.ConfigException;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The export: section is off by default and every mistake names its key in words a technician understands. */
class ExportConfigTest {
    private static final String BASE = "vault: {path: v.db}\n";

    private static EdgeConfig parse(String export) {
        return ConfigLoader.parse(BASE + export, Path.of("/etc/yima"));
    }

    @Test
    void withoutTheSectionNothingIsExported() {
        // absent, the section reads as an empty one: nothing exported, the outbox kept a week for export --job
        assertThat(parse("").export()).isEqualTo(parse("export: {}\n").export());
        assertThat(parse("").export().mqttEnabled()).isFalse();
        assertThat(parse("").export().retention()).isEqualTo(Duration.ofHours(168));
        assertThat(parse("export: {mqtt: {broker: 'tcp://b:1883', site: s, edge: e}}\n").export().mqttEnabled()).isFalse();
    }

    @Test
    void aMinimalSectionGetsTheDocumentedDefaultsAndPathsResolveAgainstTheConfigFolder() {
        ExportConfig.Mqtt m = parse("export:\n  mqtt:\n    enabled: true\n    broker: ssl://broker.plant:8883\n"
                + "    site: plant-1\n    edge: edge-7\n    username: edge7\n    password_file: mqtt.pass\n").export().mqtt();
        assertThat(m.topicPrefix()).isEqualTo("yima");
        assertThat(m.clientIdOrDefault()).isEqualTo("yima-plant-1-edge-7");
        assertThat(m.maxEventsPerSecond()).isEqualTo(1000.0);
        assertThat(m.maxInFlight()).isEqualTo(100);
        assertThat(m.retention()).isEqualTo(Duration.ofHours(168));
        assertThat(m.tls()).isTrue();
        assertThat(m.passwordFile()).isEqualTo(Path.of("/etc/yima/mqtt.pass"));
        assertThat(Topics.of(m).events("L1")).isEqualTo("yima/plant-1/edge-7/L1/events");
        assertThat(Topics.of(m).lineState("L1")).isEqualTo("yima/plant-1/edge-7/L1/state");
    }

    @Test
    void mistakesNameTheirKey() {
        String on = "export:\n  mqtt:\n    enabled: true\n    site: s\n    edge: e\n";
        assertRefused(on, "export.mqtt.broker: required");
        assertRefused(on + "    broker: mqtt://b:1883\n", "export.mqtt.broker: unsupported scheme");
        assertRefused(on + "    broker: tcp://user:secret@b:1883\n", "export.mqtt.broker: no user or password");
        assertRefused(on + "    broker: tcp://b\n", "export.mqtt.broker: needs a host and a port");
        assertRefused(on + "    broker: tcp://b:1883\n    topic_prefix: 'a/#'\n", "export.mqtt.topic_prefix");
        assertRefused(on + "    broker: tcp://b:1883\n    password_file: p\n", "export.mqtt.username: required");
        assertRefused(on + "    broker: tcp://b:1883\n    max_events_per_second: 0\n", "export.mqtt.max_events_per_second");
        assertRefused(on + "    broker: tcp://b:1883\n    time_zone: Mars/Base\n", "export.mqtt.time_zone: unknown");
        assertRefused(on + "    broker: tcp://b:1883\n    ack_timeout: 10ms\n", "export.mqtt.ack_timeout: must be at least");
        assertRefused("export:\n  mqtt:\n    enabled: true\n    broker: tcp://b:1883\n    site: 'a b'\n    edge: e\n",
                "export.mqtt.site: required");
        assertRefused(on + "    broker: tcp://b:1883\n    colour: red\n", "export.mqtt.colour: unknown key");
    }

    @Test
    void theBacklogAlarmHasDefaultsAndRefusesBoundsThatCannotWork() {
        ExportConfig off = parse("export: {mqtt: {broker: 'tcp://b:1883', site: s, edge: e}}\n").export();
        assertThat(off.backlogAlarm().maxEvents()).isEqualTo(500_000L);
        assertThat(off.backlogAlarm().maxAge()).isEqualTo(Duration.ofMinutes(30));
        assertThat(off.retention()).isEqualTo(Duration.ofHours(168));
        ExportConfig set = parse("export:\n  backlog_alarm: {max_events: 1000, max_age: 5m}\n").export();
        assertThat(set.backlogAlarm()).isEqualTo(new ExportConfig.BacklogAlarm(1000L, Duration.ofMinutes(5)));
        assertThat(set.mqttEnabled()).isFalse();
        assertRefused("export:\n  backlog_alarm: {max_events: 0}\n", "export.backlog_alarm.max_events: must be at least 1");
        assertRefused("export:\n  backlog_alarm: {max_age: 0s}\n", "export.backlog_alarm.max_age: must be positive");
        assertRefused("export:\n  backlog_alarm: {max_size: 3}\n", "export.backlog_alarm.max_size: unknown key");
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message)
                .hasMessageNotContaining("secret").hasMessageNotContaining("io.yima");
    }
}
