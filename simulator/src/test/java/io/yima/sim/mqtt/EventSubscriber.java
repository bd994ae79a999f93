package io.yima.sim.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A central consumer as docs/fleet.md describes it: a persistent MQTT 5 session (clean start off, QoS 1) on the
 * events topics of every edge, keeping each message as received; {@link #firstDeliveries} de-duplicates by the
 * event id the edge puts in the {@code event-id} user property.
 */
public final class EventSubscriber implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Received(String topic, String eventId, long seq, byte[] payload, boolean retained, long receivedNanos) {
        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Mqtt5AsyncClient client;
    private final List<Received> received = new ArrayList<>();

    public EventSubscriber(int port, String clientId, String filter) throws Exception {
        this(port, clientId, filter, null, null);
    }

    public EventSubscriber(int port, String clientId, String filter, String user, String password) throws Exception {
        client = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port)
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
                .applyAutomaticReconnect().buildAsync();
        var connect = client.connectWith().cleanStart(false).sessionExpiryInterval(3600);
        if (user != null) {
            connect = connect.simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        connect.send().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).callback(this::on).send()
                .get(10, TimeUnit.SECONDS);
    }

    private void on(Mqtt5Publish p) {
        String id = null;
        long seq = -1;
        for (var up : p.getUserProperties().asList()) {
            if (up.getName().toString().equals("event-id")) {
                id = up.getValue().toString();
            } else if (up.getName().toString().equals("seq")) {
                seq = Long.parseLong(up.getValue().toString());
            }
        }
        synchronized (received) {
            received.add(new Received(p.getTopic().toString(), id, seq, p.getPayloadAsBytes(), p.isRetain(),
                    System.nanoTime()));
        }
    }

    public boolean connected() {
        return client.getState().isConnected();
    }

    /** Everything received, duplicates included, in arrival order. */
    public List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The first delivery of each event id, in arrival order (what a de-duplicating consumer keeps). */
    public List<Received> firstDeliveries(String topicSuffix) {
        Map<String, Received> first = new LinkedHashMap<>();
        for (Received r : all()) {
            if (r.eventId() != null && r.topic().endsWith(topicSuffix)) {
                first.putIfAbsent(r.eventId(), r);
            }
        }
        return new ArrayList<>(first.values());
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(5, TimeUnit.SECONDS);
    }
}
