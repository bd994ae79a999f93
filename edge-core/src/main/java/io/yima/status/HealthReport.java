package io.yima.status;

import io.yima.status.StatusSnapshot.Link;
import io.yima.status.StatusSnapshot.LinkState;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to "can this edge produce right now": healthy when every configured device is ONLINE and the
 * vault accepts writes; otherwise the reasons, one per problem, worded for a technician.
 */
public record HealthReport(boolean healthy, List<String> reasons) {

    public HealthReport {
        reasons = List.copyOf(reasons);
    }

    public static HealthReport ok() {
        return new HealthReport(true, List.of());
    }

    /**
     * Derives health from a snapshot's device links plus the vault write probe, so the daemon need not
     * repeat the rule: every configured (non-null) printer, scanner and PLC must be ONLINE.
     */
    public static HealthReport of(StatusSnapshot snapshot, boolean vaultWritable) {
        List<String> reasons = new ArrayList<>();
        for (StatusSnapshot.Line line : snapshot.lines()) {
            check(reasons, line.id(), "printer", line.printer());
            check(reasons, line.id(), "scanner", line.scanner());
            check(reasons, line.id(), "plc", line.plc());
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
