package io.yima.export;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's one MQTT 5 session (HiveMQ client): persistent (clean start off, a session expiry), TLS and
 * username/password when configured, automatic reconnect with backoff, a retained edge state with a last will
 * of {@code offline}. It only publishes; ordering and acknowledgement bookkeeping are {@link ExportDrainer}'s.
 * The HiveMQ client runs its own Netty threads; nothing here touches the vault.
 */
final class MqttLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

    enum State { CONNECTING, ONLINE, OFFLINE }

    private final ExportConfig.Mqtt config;
    private final Topics topics;
    private final Mqtt5AsyncClient client;
    private final Runnable onChange;
    private volatile State state = State.CONNECTING;
    private volatile String reason = "not connected yet";
    private volatile boolean closing;
    private volatile String lastLogged;

    MqttLink(ExportConfig.Mqtt config, Topics topics, Runnable onChange) {
        this.config = config;
        this.topics = topics;
        this.onChange = onChange;
        URI broker = config.brokerUri();
        Mqtt5ClientBuilder b = Mqtt5Client.builder()
                .identifier(config.clientIdOrDefault())
                .serverHost(broker.getHost())
                .serverPort(broker.getPort())
                .automaticReconnect()
                .initialDelay(config.reconnectMin().toMillis(), TimeUnit.MILLISECONDS)
                .maxDelay(config.reconnectMax().toMillis(), TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(ctx -> changed(State.ONLINE, null))
                .addDisconnectedListener(ctx -> changed(State.OFFLINE, describe(ctx.getCause())));
        if (config.tls()) {
            b = b.sslConfig(ssl(config.caFile()));
        }
        this.client = b.buildAsync();
    }

    /** Starts connecting; the client keeps retrying with backoff until {@link #close}. */
    void connect(byte[] password) {
        Mqtt5ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck>> c =
                client.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(config.sessionExpiry().getSeconds())
                        .keepAlive((int) config.keepAlive().getSeconds())
                        .willPublish()
                        .topic(topics.edgeState())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(true)
                        .payload("offline".getBytes(StandardCharsets.US_ASCII))
                        .applyWillPublish();
        if (config.username() != null) {
            var auth = c.simpleAuth().username(config.username());
            c = password == null ? auth.applySimpleAuth() : auth.password(password).applySimpleAuth();
        }
        c.send(); // failures reach the disconnected listener; the client retries with backoff
    }

    /** One QoS 1 publish; the future completes when the broker acknowledged (PUBACK) or fails. */
    CompletableFuture<Mqtt5PublishResult> publish(String topic, byte[] payload, String eventId, long seq) {
        return client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .contentType("application/ld+json")
                .userProperties().add("event-id", eventId).add("seq", Long.toString(seq)).applyUserProperties()
                .payload(payload)
                .send();
    }

    /** A retained QoS 1 message (a line's or the edge's state). */
    CompletableFuture<Mqtt5PublishResult> publishRetained(String topic, byte[] payload) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .contentType("application/json").payload(payload).send();
    }

    State state() {
        return state;
    }

    /** Why the link is not ONLINE (plain words, no secrets); null when online. */
    String reason() {
        return reason;
    }

    boolean online() {
        return state == State.ONLINE;
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (client.getState().isConnected()) {
                publishRetained(topics.edgeState(), "offline".getBytes(StandardCharsets.US_ASCII))
                        .get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.debug("MQTT: offline state not sent at shutdown: {}", describe(e));
        }
        try {
            client.disconnect().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("MQTT: disconnect at shutdown: {}", describe(e));
        }
    }

    private void changed(State s, String why) {
        State was = state;
        state = s;
        reason = why;
        if (s == State.ONLINE) {
            log.info("MQTT broker {}: connected", config.broker());
            lastLogged = null;
        } else if (!closing && (was == State.ONLINE || !java.util.Objects.equals(why, lastLogged))) {
            // once per reason, not once per reconnect attempt
            log.warn("MQTT broker {}: {} ({}); events wait in the vault, retrying with backoff", config.broker(),
                    was == State.ONLINE ? "disconnected" : "not connected", why);
            lastLogged = why;
        }
        onChange.run();
    }

    /** A failure in a technician's words: the innermost message, without class names. */
    static String describe(Throwable e) {
        if (e == null) {
            return "closed";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() != null ? t.getMessage() : e.getMessage();
        if (m == null || m.isBlank()) {
            return "connection lost";
        }
        m = m.replaceAll("\\p{Cntrl}", "?");
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static MqttClientSslConfig ssl(Path caFile) {
        if (caFile == null) {
            return MqttClientSslConfig.builder().build();
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new IllegalArgumentException("export.mqtt.ca_file: " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return MqttClientSslConfig.builder().trustManagerFactory(tmf).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("export.mqtt.ca_file: cannot read certificates from " + caFile
                    + " (" + describe(e) + ")");
        }
    }
}
