package io.yima.export;

import io.yima.vault.ExportOutbox;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export off: the outbox records every event anyway (for {@code export --job}), so something must keep it to the
 * retention. Once a minute (the daemon's vault thread) rows older than the retention are deleted, acknowledged or
 * not, and the MQTT cursor moves past them: an MQTT export switched on later starts with what is still kept.
 */
public final class OutboxRetention implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

    private final ExportOutbox outbox;
    private final String cursor;
    private final Duration retention;

    OutboxRetention(ExportOutbox outbox, String cursor, Duration retention) {
        this.outbox = outbox;
        this.cursor = cursor;
        this.retention = retention;
    }

    @Override
    public void run() {
        try {
            int n = outbox.expire(cursor, System.currentTimeMillis() - retention.toMillis(), MqttExport.PRUNE_BATCH);
            if (n > 0) {
                log.debug("export outbox: {} events older than the retention ({}) removed", n, retention);
            }
        } catch (RuntimeException e) {
            // a busy or full vault costs one round; the next minute tries again
            log.warn("export outbox: removing events older than the retention failed: {}", e.getMessage());
        }
    }
}
