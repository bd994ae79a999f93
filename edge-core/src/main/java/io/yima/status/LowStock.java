package io.yima.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vault stock levels for the dashboard: amber below {@code status.low_stock_warning}, red below
 * {@code status.low_stock_critical}, with the moment each application first went below the warning (kept while
 * it stays low, forgotten once stock is back above it). One per status port; polls call it from any worker.
 */
final class LowStock {
    private final long warning;
    private final long critical;
    private final Clock clock;
    private final Map<Long, Instant> lowSince = new ConcurrentHashMap<>();

    LowStock(long warning, long critical, Clock clock) {
        this.warning = warning;
        this.critical = critical;
        this.clock = clock;
    }

    StatusSnapshot apply(StatusSnapshot snapshot) {
        List<StatusSnapshot.VaultStock> leveled = snapshot.vault().stream().map(this::level).toList();
        return snapshot.withStock(leveled);
    }

    private StatusSnapshot.VaultStock level(StatusSnapshot.VaultStock v) {
        if (v.available() >= warning) {
            lowSince.remove(v.applicationId());
            return v.leveled("ok", null);
        }
        Instant since = lowSince.computeIfAbsent(v.applicationId(), id -> clock.instant());
        return v.leveled(v.available() < critical ? "red" : "amber", since);
    }
}
