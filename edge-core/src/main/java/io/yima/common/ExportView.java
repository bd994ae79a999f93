package io.yima.common;

/**
 * The MQTT export's figures as the status page, {@code /health} and {@code yima-edge status} show them: the broker,
 * the link's state and why it is down, events not yet acknowledged, the age of the oldest, the last seq the broker
 * acknowledged, events exported since start, and the backlog alarm (null when none). A ground type, so the status
 * port shows the export without importing the export adapter.
 */
public record ExportView(String broker, String link, String reason, long backlog, double oldestAgeSeconds,
                         long acknowledgedSeq, long exported, String alarm) {
}
