package io.yima.opcua;

import io.yima.line.Device;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.nodes.objects.AlarmConditionTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.nodes.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

/**
 * A device fault as an OPC UA alarm event ({@code AlarmConditionType}, ActiveState true, severity 700) and its clear
 * as the same condition going inactive (severity 100, Retain false). Posted from the publisher thread to every
 * client subscribed to events of the Server object, the line or the device. One condition per line and device
 * ({@code ConditionName} {@code L1/printer}), so a client pairs a clear with its fault.
 */
final class DeviceAlarms {
    static final int FAULT_SEVERITY = 700;
    static final int CLEAR_SEVERITY = 100;
    private static final Logger log = LoggerFactory.getLogger(DeviceAlarms.class);

    private final OpcUaServer server;
    private final LineNamespace ns;

    DeviceAlarms(OpcUaServer server, LineNamespace ns) {
        this.server = server;
        this.ns = ns;
    }

    void post(String lineId, Device device, UaObjectNode source, boolean active, String reason) {
        String name = lineId + "/" + device.name().toLowerCase(Locale.ROOT);
        try {
            BaseEventTypeNode node = server.getEventFactory().createEvent(ns.id(UUID.randomUUID()),
                    Identifiers.AlarmConditionType);
            AlarmConditionTypeNode alarm = (AlarmConditionTypeNode) node;
            alarm.setBrowseName(ns.qn(name));
            alarm.setDisplayName(LocalizedText.english(name));
            alarm.setEventId(eventId());
            alarm.setEventType(Identifiers.AlarmConditionType);
            alarm.setSourceNode(source.getNodeId());
            alarm.setSourceName(name);
            alarm.setTime(DateTime.now());
            alarm.setReceiveTime(DateTime.NULL_VALUE);
            alarm.setMessage(LocalizedText.english(active ? name + ": " + reason : name + ": cleared"));
            alarm.setSeverity(ushort(active ? FAULT_SEVERITY : CLEAR_SEVERITY));
            alarm.setConditionName(name);
            alarm.setRetain(active);
            alarm.setEnabledState(LocalizedText.english("Enabled"));
            alarm.getEnabledStateNode().setId(true);
            alarm.setActiveState(LocalizedText.english(active ? "Active" : "Inactive"));
            alarm.getActiveStateNode().setId(active);
            alarm.setAckedState(LocalizedText.english("Acknowledged"));
            alarm.getAckedStateNode().setId(true);
            server.getEventBus().post(alarm);
            alarm.delete();
            log.info("OPC UA: alarm {} {}", name, active ? "active" : "cleared");
        } catch (UaException | RuntimeException e) {
            log.warn("OPC UA: could not post the {} alarm of {}: {}", active ? "fault" : "clear", name, e.toString());
        }
    }

    private static ByteString eventId() {
        UUID u = UUID.randomUUID();
        return ByteString.of(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }
}
