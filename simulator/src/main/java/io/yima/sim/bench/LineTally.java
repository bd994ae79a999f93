package io.yima.sim.bench;

import io.yima.line.LineObserver;
import io.yima.line.RejectReason;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the edge's lines report while a benchmark runs: results counted, and each label's trigger → printed
 * latency with the moment it was taken, so a phase (e.g. "while the import ran") can be cut out afterwards.
 */
final class LineTally implements LineObserver {
    private final AtomicLong results = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final java.util.Map<RejectReason, AtomicLong> reasons = new java.util.concurrent.ConcurrentHashMap<>();
    private long[] at = new long[1 << 16];
    private long[] latency = new long[1 << 16];
    private int samples;

    long results() {
        return results.get();
    }

    long rejected() {
        return rejected.get();
    }

    @Override
    public synchronized void printed(String line, long triggerToPrintNanos) {
        if (samples == at.length) {
            at = java.util.Arrays.copyOf(at, samples * 2);
            latency = java.util.Arrays.copyOf(latency, samples * 2);
        }
        at[samples] = System.nanoTime();
        latency[samples] = triggerToPrintNanos;
        samples++;
    }

    @Override
    public void bound(String line) {
        results.incrementAndGet();
    }

    @Override
    public void rejected(String line, RejectReason reason) {
        results.incrementAndGet();
        rejected.incrementAndGet();
        reasons.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** Reject reasons and counts so far. */
    String reasons() {
        return new java.util.TreeMap<>(reasons).toString();
    }

    /** Latencies of labels printed in [fromNanos, toNanos). */
    synchronized java.util.List<Long> latencies(long fromNanos, long toNanos) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (at[i] >= fromNanos && at[i] < toNanos) {
                out.add(latency[i]);
            }
        }
        return out;
    }
}
