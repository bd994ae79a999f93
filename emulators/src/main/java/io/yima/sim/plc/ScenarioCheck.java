package io.yima.sim.plc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The scenario's verdict: what a PLC engineer would call a line bug. An empty list = the run is clean. */
public final class ScenarioCheck {
    private ScenarioCheck() {
    }

    /**
     * @param mustReject items whose label the scanner could not read (from the scanner's ground truth); each must
     *                   have been rejected, never bound
     */
    public static List<String> violations(ScenarioResult r, Set<String> mustReject) {
        List<String> v = new ArrayList<>();
        for (ItemOutcome i : r.items()) {
            if (i.result() == null) {
                v.add(i.item() + ": no result");
            } else if (i.results() > 1) {
                v.add(i.item() + ": " + i.results() + " results");
            }
            if (mustReject.contains(i.item()) && "OK".equals(i.result())) {
                v.add(i.item() + ": bound although the scanner could not read it");
            }
        }
        if (r.closed() == null) {
            v.add("no CLOSED event");
        }
        if (r.unknownItemEvents() > 0) {
            v.add(r.unknownItemEvents() + " events for items never triggered");
        }
        return v;
    }
}
