package io.yima.line;

import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;

/** A line's event owner on a real vault, as the line's event tests start it: line L1, jobs of application 1. */
final class LineEventsFixture {
    private LineEventsFixture() {
    }

    static void openJob(CodeVault vault, String id) {
        vault.openJob(new JobSpec(id, "L1", 1L, "SKU", "B1", 10, "QR", "TRIGGERED", null));
    }

    /** Loaded as the line loads it at start: numbering continues above anything stored. */
    static LineEvents started(CodeVault vault) {
        LineEvents events = new LineEvents("L1", vault);
        events.load();
        return events;
    }
}
