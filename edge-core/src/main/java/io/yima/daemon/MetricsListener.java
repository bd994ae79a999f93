package io.yima.daemon;

import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.RejectReason;
import io.yima.status.EdgeMetrics;
import java.time.Duration;
import java.util.Arrays;

/**
 * Feeds one line's events into the Prometheus metrics, and wakes the activation outbox when a job closes.
 * Subscribed to the line: runs on its thread, and only bumps counters.
 */
final class MetricsListener implements LineListener {
    private final EdgeMetrics metrics;
    private final String line;
    private final Runnable jobClosed;

    MetricsListener(EdgeMetrics metrics, String line, Runnable jobClosed) {
        this.metrics = metrics;
        this.line = line;
        this.jobClosed = jobClosed;
        metrics.lineAdded(line, Arrays.stream(RejectReason.values()).map(Enum::name).toList());
    }

    @Override
    public void on(LineEvent event) {
        if (event instanceof LineEvent.LabelPrinted p) {
            metrics.printed(line);
            metrics.triggerToPrint(line, Duration.ofNanos(p.triggerToPrintNanos()));
        } else if (event instanceof LineEvent.ItemBound b) {
            metrics.bound(line);
            result(b.triggerToResultNanos());
        } else if (event instanceof LineEvent.ItemRejected r) {
            metrics.rejected(line, r.reason().name());
            result(r.triggerToResultNanos());
        } else if (event instanceof LineEvent.CodesReserved r) {
            metrics.reserved(line, r.count());
        } else if (event instanceof LineEvent.CodesVoided v) {
            metrics.voided(line, v.count());
        } else if (event instanceof LineEvent.TriggerStale) {
            metrics.stale(line);
        } else if (event instanceof LineEvent.JobClosed) {
            jobClosed.run();
        }
    }

    private void result(long nanos) {
        if (nanos >= 0) {
            metrics.triggerToResult(line, Duration.ofNanos(nanos));
        }
    }
}
