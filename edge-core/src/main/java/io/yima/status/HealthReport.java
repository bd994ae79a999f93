package io.yima.status;

import io.yima.status.StatusSnapshot.Link;
import io.yima.status.StatusSnapshot.LinkState;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to "can this edge produce right now": healthy when every configured device is ONLINE and the
 * vault accepts writes; otherwise the reasons, one per problem, worded for a technician. {@code degraded} lists
 * what needs attention without stopping production (an MQTT export backlog over its alarm): still healthy (HTTP
 * 200), with {@code status} "degraded". {@code adapters} lists each adapter's health (ONLINE, OFFLINE or
 * CONFIG_ERROR with the reason) for the technician; it does not change {@code healthy} or {@code status}: the
 * devices and the vault above already say whether the line can produce.
 */
public record HealthReport(boolean healthy, List<String> reasons, List<String> degraded,
                           List<StatusSnapshot.Adapter> adapters) {

    public HealthReport {
        reasons = List.copyOf(reasons);
        degraded = List.copyOf(degraded);
        adapters = adapters == null ? List.of() : List.copyOf(adapters);
    }

    /** Without the adapters' health. */
    public HealthReport(boolean healthy, List<String> reasons, List<String> degraded) {
        this(healthy, reasons, degraded, List.of());
    }

    public HealthReport(boolean healthy, List<String> reasons) {
        this(healthy, reasons, List.of());
    }

    /** {@code ok}, {@code degraded} (producing, something needs attention) or {@code unhealthy}. */
    @com.fasterxml.jackson.annotation.JsonProperty("status")
    public String status() {
        return !healthy ? "unhealthy" : degraded.isEmpty() ? "ok" : "degraded";
    }

    /** What degrades a producing edge: the export backlog alarm, an OPC UA server that is not serving. */
    public static List<String> degradedBy(StatusSnapshot snapshot) {
        List<String> out = new ArrayList<>();
        if (snapshot.export() != null && snapshot.export().alarm() != null) {
            out.add(snapshot.export().alarm());
        }
        StatusSnapshot.OpcUa opcua = snapshot.opcua();
        if (opcua != null && opcua.state() != LinkState.ONLINE) {
            out.add("opcua: " + opcua.state() + (opcua.reason() == null ? "" : " (" + opcua.reason() + ")"));
        }
        return out;
    }

    public static HealthReport ok() {
        return new HealthReport(true, List.of());
    }

    /**
     * Derives health from a snapshot's device links plus the vault write probe, so the daemon need not
     * repeat the rule: every configured (non-null) printer, scanner and PLC must be ONLINE, and on a packing line its case
     * printer and case reader too.
     */
    public static HealthReport of(StatusSnapshot snapshot, boolean vaultWritable) {
        List<String> reasons = new ArrayList<>();
        for (StatusSnapshot.Line line : snapshot.lines()) {
            check(reasons, line.id(), "printer", line.printer());
            check(reasons, line.id(), "scanner", line.scanner());
            check(reasons, line.id(), "plc", line.plc());
            // a packing line cannot pack without its case printer and case reader: its cases would be kicked out
            check(reasons, line.id(), "case printer", line.casePrinter());
            check(reasons, line.id(), "case reader", line.caseReader());
        }
        if (!vaultWritable) {
            reasons.add("vault: not writable");
        }
        return new HealthReport(reasons.isEmpty(), reasons);
    }

    private static void check(List<String> reasons, String line, String device, Link link) {
        if (link != null && link.state() != LinkState.ONLINE) {
            reasons.add("line " + line + " " + device + ": " + link.state()
                    + (link.reason() == null ? "" : " (" + link.reason() + ")"));
        }
    }
}
