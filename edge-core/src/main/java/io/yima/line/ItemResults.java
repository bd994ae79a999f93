package io.yima.line;

import io.yima.vault.Binding;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.Rejection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where items' results go: the vault (bind / reject / void) and their events in ONE transaction, then the job's
 * counters. Verdicts wait here in arrival order until committed, so a vault fault delays results but never
 * loses or reorders one, and no event reports a change that is not on disk. Runs on the line's thread.
 */
final class ItemResults {
    private final CodeVault vault;
    private final LineStats stats;
    private final LineEvents events;
    private final OpenJob job;
    private final ArrayDeque<Verdict> waiting = new ArrayDeque<>();
    private final BooleanSupplier held;

    ItemResults(CodeVault vault, LineStats stats, LineEvents events, OpenJob job, BooleanSupplier held) {
        this.held = held;
        this.vault = vault;
        this.stats = stats;
        this.events = events;
        this.job = job;
    }

    LineStats stats() {
        return stats;
    }

    LineEvents events() {
        return events;
    }

    /** Queues the verdicts and commits every waiting one (unless the vault is faulted); a vault failure propagates and they keep waiting. */
    void record(List<Verdict> verdicts) {
        waiting.addAll(verdicts);
        if (!held.getAsBoolean()) {
            settle();
        }
    }

    /** Commits the waiting verdicts (after a vault fault cleared); throws when the vault still fails. */
    void settle() {
        if (waiting.isEmpty()) {
            return;
        }
        List<Verdict> batch = new ArrayList<>(waiting);
        String jobId = job.id();
        events.transaction((c, em) -> {
            List<Binding> binds = new ArrayList<>();
            List<Rejection> rejects = new ArrayList<>();
            Map<VoidReason, List<CodeRef>> voids = new EnumMap<>(VoidReason.class);
            for (Verdict v : batch) {
                if (v.label() == null) {
                    continue;
                }
                CodeRecord code = v.label().code;
                if (v.isBind()) {
                    binds.add(new Binding(code.applicationId(), code.index(), jobId, v.itemId()));
                } else if (v.voidCode()) {
                    voids.computeIfAbsent(v.voidReason(), r -> new ArrayList<>())
                            .add(new CodeRef(code.applicationId(), code.index()));
                } else {
                    rejects.add(new Rejection(code.applicationId(), code.index(), v.reason().name()));
                }
            }
            vault.bind(binds);
            vault.reject(rejects);
            voids.forEach((reason, codes) -> vault.voidCodes(codes, reason.name()));
            long now = System.nanoTime();
            for (Verdict v : batch) {
                long latency = v.label() == null || v.voidCode() ? -1 : now - v.label().triggeredNanos;
                if (v.isBind()) {
                    em.emit(n -> new LineEvent.ItemBound(n, v.itemId(), v.label().code.code(), latency));
                } else {
                    em.emit(n -> new LineEvent.ItemRejected(n, v.itemId(), v.reason(), latency));
                }
            }
            voids.forEach((reason, codes) -> em.note(n -> new LineEvent.CodesVoided(n, codes.size(), reason)));
            return null;
        });
        waiting.clear();
        long now = System.nanoTime();
        for (Verdict v : batch) {
            // counted by what the vault now holds for the code: a voided code is voided, not also rejected
            if (v.label() == null) {
                stats.tally.rejectedWithoutCode();
            } else if (v.isBind()) {
                stats.tally.bound();
            } else if (v.voidCode()) {
                stats.tally.voidedSent(v.voidReason(), 1);
            } else {
                stats.tally.rejected(v.reason());
            }
            if (v.label() != null && !v.voidCode()) {
                stats.result(now);
            }
        }
        for (Verdict v : batch) {
            if (v.label() != null && v.label().droppedAt != null) {
                v.label().droppedAt.settled(v); // the fault's one log line, once its last label is settled
            }
        }
    }

    /** Verdicts not committed yet (vault fault): their items are still in flight. */
    int waiting() {
        return waiting.size();
    }
}
