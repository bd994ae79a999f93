package io.yima.status;

import io.yima.status.StatusSnapshot.Job;
import io.yima.status.StatusSnapshot.Latency;
import io.yima.status.StatusSnapshot.Line;
import io.yima.status.StatusSnapshot.LineState;
import io.yima.status.StatusSnapshot.Link;
import io.yima.status.StatusSnapshot.Outbox;
import io.yima.status.StatusSnapshot.VaultStock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A line as the status port sees it, driven by the test: the daemon that will implement these interfaces is
 * built in parallel, so the status port is tested against this stand-in. Its snapshot is derived from a
 * "config" that deliberately holds secrets (an AES key, an app secret), the way the real daemon's would, so the
 * leak tests can check that none of it reaches a response.
 */
final class FakeLine implements StatusSource, LineControls {

    static final String AES_KEY = "AESKEY-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String APP_SECRET = "APPSECRET-9b8a7c6d5e4f";

    /** The daemon's config: what it may show, and what it must never show. */
    final Map<String, String> config = Map.of(
            "line", "L1", "sku", "SKU-42", "aes_key", AES_KEY, "app_secret", APP_SECRET);

    final List<String> calls = new CopyOnWriteArrayList<>();

    volatile LineState state = LineState.RUNNING;
    volatile Link printer = Link.online();
    volatile Link scanner = Link.online();
    volatile Link plc = Link.online();
    volatile long stale;
    volatile long voided;
    volatile String mode = "print-verify";
    volatile StatusSnapshot.OpcUa opcua;
    volatile long printed;
    volatile long bound;
    volatile long rejected;
    volatile long available = 50_000;
    volatile boolean vaultWritable = true;
    volatile RuntimeException failure;
    volatile io.yima.common.ExportView export;

    @Override
    public StatusSnapshot snapshot() {
        Job job = new Job("J-1", config.get("sku"), "B-7", 1000, printed, bound, rejected, voided, stale);
        Line line = new Line(config.get("line"), mode, state, printer, scanner, plc, job,
                rejected == 0 ? Map.of() : Map.of("NO_READ", rejected), 120.5, new Latency(12.5, 48.0));
        return new StatusSnapshot("0.1.0-test", 3725, List.of(line),
                List.of(VaultStock.of(7, available, 100_000)), new Outbox(2, 1, 30, 1, 1, 3, 1),
                Instant.parse("2026-11-26T15:00:00Z"), export, opcua);
    }

    @Override
    public Optional<Object> jobReport(String jobId) {
        return jobId.equals("J-1")
                ? Optional.of(Map.of("job", "J-1", "printed", printed, "bound", bound, "rejected", rejected))
                : Optional.empty();
    }

    @Override
    public HealthReport health() {
        return HealthReport.of(snapshot(), vaultWritable);
    }

    @Override
    public void pause(String line) {
        control("pause " + line, line);
        state = LineState.PAUSED;
    }

    @Override
    public void resume(String line) {
        control("resume " + line, line);
        state = LineState.RUNNING;
    }

    @Override
    public void closeJob(String jobId) {
        failIfAsked();
        if (!jobId.equals("J-1")) {
            throw LineControlException.notFound(RefusalCode.NO_JOB, "no job " + jobId, jobId);
        }
        if (state == LineState.IDLE) {
            throw LineControlException.conflict(RefusalCode.JOB_NOT_OPEN, "job " + jobId + " is already closed",
                    jobId);
        }
        calls.add("close " + jobId);
        state = LineState.IDLE;
    }

    @Override
    public java.util.Map<String, Long> rangeStates(long applicationId, long fromIndex, long toIndex) {
        failIfAsked();
        if (applicationId != 7) {
            throw LineControlException.notFound("no application " + applicationId);
        }
        java.util.Map<String, Long> states = new java.util.LinkedHashMap<>();
        states.put("AVAILABLE", toIndex - fromIndex + 1);
        states.put("BOUND", 0L);
        return states;
    }

    @Override
    public int voidRange(long applicationId, long fromIndex, long toIndex) {
        failIfAsked();
        if (applicationId != 7) {
            throw LineControlException.notFound("no application " + applicationId);
        }
        calls.add("void " + applicationId + " " + fromIndex + ".." + toIndex);
        return (int) (toIndex - fromIndex + 1);
    }

    @Override
    public int retryFailedActivations() {
        failIfAsked();
        calls.add("retry");
        return 1;
    }

    private void control(String call, String line) {
        failIfAsked();
        if (!line.equals("L1")) {
            throw LineControlException.notFound(RefusalCode.NO_LINE, "no line " + line, line);
        }
        calls.add(call);
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }
}
