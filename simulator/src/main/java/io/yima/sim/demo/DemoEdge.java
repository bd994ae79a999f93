package io.yima.sim.demo;

import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.line.LineObserver;
import io.yima.line.RejectReason;
import io.yima.sim.rig.EdgeUnderTest;
import io.yima.upstream.ActivationOutbox;
import io.yima.vault.JobReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's edge: the real daemon in this JVM, with a progress line while the job runs, and a stop that waits
 * for the activation outbox to empty and keeps the job's reconciliation for the summary.
 */
final class DemoEdge implements EdgeUnderTest, LineObserver {
    private final int items;
    private final AtomicLong printed = new AtomicLong();
    private final AtomicLong bound = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private io.yima.sim.console.ProgressBar progress;
    private volatile JobReport account;
    private final List<String> report = new ArrayList<>();
    private EdgeDaemon daemon;
    private volatile String lastJob;
    private boolean balanced;

    DemoEdge(int items) {
        this.items = items;
    }

    @Override
    public void start(Path configFile) throws Exception {
        daemon = EdgeDaemon.start(ConfigLoader.load(configFile), this);
        System.out.println("   edge running; status page: http://127.0.0.1:" + daemon.statusPort() + "/");
        progress = new io.yima.sim.console.ProgressBar(System.out, items, printed::get,
                () -> String.format(java.util.Locale.ROOT, "bound %,d  rejected %,d", bound.get(), rejected.get()))
                .start();
    }

    @Override
    public void stop() {
        if (progress != null) {
            progress.close();
        }
        if (daemon == null) {
            return;
        }
        try {
            awaitActivations();
            if (lastJob != null) {
                JobReport r = daemon.vault().jobReport(lastJob);
                report.add("job " + r.jobId() + ": printed " + r.printed() + " = bound " + r.bound() + " + rejected "
                        + r.rejected() + " (" + io.yima.sim.console.Verdict.tally(r.rejectedByReason()) + ") + voided "
                        + r.voidedAfterSent());
                account = r;
                report.add("reserved but never printed, returned to stock: " + (r.voided() - r.voidedAfterSent() == 0
                        ? "all" : (r.voided() - r.voidedAfterSent()) + " voided"));
                report.add(r.balanced() ? "balanced: no code left RESERVED or SENT" : "NOT balanced");
                balanced = r.balanced() && r.printed() == r.bound() + r.rejected() + r.voidedAfterSent();
            }
        } finally {
            daemon.close();
        }
    }

    private void awaitActivations() {
        ActivationOutbox outbox = daemon.outbox();
        if (outbox == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            outbox.flushNow();
            ActivationOutbox.Backlog b = outbox.backlog();
            if (b.pendingCodes() == 0 && b.queuedCodes() == 0) {
                return;
            }
            try {
                Thread.sleep(100); // polling the outbox for the demo's summary, not test synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    List<String> report() {
        return report;
    }

    /** The closed job's account from the vault ({@code job report}), or null when no job closed. */
    JobReport account() {
        return account;
    }

    boolean balanced() {
        return balanced;
    }

    @Override
    public String ended() {
        return null;
    }

    @Override
    public void printed(String line, long triggerToPrintNanos) {
        printed.incrementAndGet();
    }

    @Override
    public void bound(String line) {
        bound.incrementAndGet();
    }

    @Override
    public void rejected(String line, RejectReason reason) {
        rejected.incrementAndGet();
    }

    @Override
    public void jobClosed(String line, String jobId) {
        lastJob = jobId;
    }
}
