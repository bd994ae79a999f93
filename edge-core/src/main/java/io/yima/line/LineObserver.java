package io.yima.line;

/** Where the line reports what happened, for metrics; called on the line's thread, must not block. */
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
}
