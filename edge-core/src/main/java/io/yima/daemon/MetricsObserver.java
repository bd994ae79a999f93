package io.yima.daemon;

import io.yima.line.LineObserver;
import io.yima.line.RejectReason;
import io.yima.status.EdgeMetrics;
import java.time.Duration;

/** Feeds the line's happenings into the Prometheus metrics, and wakes the activation outbox when a job closes. */
final class MetricsObserver implements LineObserver {
    private final EdgeMetrics metrics;
    private final LineObserver next;
    private final Runnable jobClosed;

    MetricsObserver(EdgeMetrics metrics, LineObserver next, Runnable jobClosed) {
        this.metrics = metrics;
        this.next = next;
        this.jobClosed = jobClosed;
    }

    @Override
    public void printed(String line, long triggerToPrintNanos) {
        metrics.printed(line);
        metrics.triggerToPrint(line, Duration.ofNanos(triggerToPrintNanos));
        next.printed(line, triggerToPrintNanos);
    }

    @Override
    public void bound(String line) {
        metrics.bound(line);
        next.bound(line);
    }

    @Override
    public void rejected(String line, RejectReason reason) {
        metrics.rejected(line, reason.name());
        next.rejected(line, reason);
    }

    @Override
    public void voided(String line, int count) {
        metrics.voided(line, count);
        next.voided(line, count);
    }

    @Override
    public void result(String line, long triggerToResultNanos) {
        metrics.triggerToResult(line, Duration.ofNanos(triggerToResultNanos));
        next.result(line, triggerToResultNanos);
    }

    @Override
    public void jobClosed(String line, String jobId) {
        jobClosed.run();
        next.jobClosed(line, jobId);
    }
}
