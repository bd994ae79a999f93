package io.yima.export;

import io.yima.common.ExportView;
import io.yima.line.AdapterHealth;
import io.yima.line.LineAdapter;
import io.yima.line.ProductionLine;
import io.yima.line.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MQTT export as an adapter ({@link LineAdapter}). The {@link MqttExport} is built before the lines (its
 * outbox records from the first event on; the events wait in the vault while the broker is away);
 * {@link #start} then wakes its drain on every line's events and publishes the lines' retained states. ONLINE
 * while the broker session is connected, OFFLINE with the broker's reason otherwise.
 */
public final class MqttAdapter implements LineAdapter {
    private final MqttExport export;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile boolean closed;

    public MqttAdapter(MqttExport export) {
        this.export = export;
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public synchronized void start(List<ProductionLine> lines) {
        Map<String, ProductionLine> byId = new LinkedHashMap<>();
        for (ProductionLine line : lines) {
            byId.put(line.lineId(), line);
            subscriptions.add(line.subscribe(export.wakeListener()));
        }
        export.watch(byId);
    }

    @Override
    public AdapterHealth health() {
        if (closed) {
            return AdapterHealth.offline("MQTT export stopped");
        }
        ExportView v = export.view();
        if ("ONLINE".equals(v.link())) {
            return AdapterHealth.online();
        }
        String why = "OFFLINE".equals(v.link()) && v.reason() != null ? v.reason() : "connecting";
        return AdapterHealth.offline("broker " + v.broker() + ": " + why);
    }

    public MqttExport export() {
        return export;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.forEach(Subscription::close);
        export.close();
    }
}
