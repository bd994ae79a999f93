package io.yima.line;

/**
 * A per-item callback view of the line's events, for code that only counts (the demo's progress, the bench's
 * tally): {@link #listenerFor} turns it into a {@link LineListener}. Called on the line's thread, must not block.
 */
public interface LineObserver {
    LineObserver NONE = new LineObserver() {
    };

    default void printed(String line, long triggerToPrintNanos) {
    }

    default void bound(String line) {
    }

    default void rejected(String line, RejectReason reason) {
    }

    default void voided(String line, int count) {
    }

    default void result(String line, long triggerToResultNanos) {
    }

    default void jobClosed(String line, String jobId) {
    }

    /** This observer as a listener of line {@code line}'s events. */
    default LineListener listenerFor(String line) {
        return event -> {
            if (event instanceof LineEvent.LabelPrinted p) {
                printed(line, p.triggerToPrintNanos());
            } else if (event instanceof LineEvent.ItemBound b) {
                bound(line);
                if (b.triggerToResultNanos() >= 0) {
                    result(line, b.triggerToResultNanos());
                }
            } else if (event instanceof LineEvent.ItemRejected r) {
                rejected(line, r.reason());
                if (r.triggerToResultNanos() >= 0) {
                    result(line, r.triggerToResultNanos());
                }
            } else if (event instanceof LineEvent.CodesVoided v) {
                voided(line, v.count());
            } else if (event instanceof LineEvent.JobClosed c) {
                jobClosed(line, c.account().jobId());
            }
        };
    }
}
