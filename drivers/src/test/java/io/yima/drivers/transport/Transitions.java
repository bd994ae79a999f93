package io.yima.drivers.transport;

import io.yima.drivers.printer.PrinterStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records link transitions for assertions. */
class Transitions implements LinkListener {
    record Change(LinkState state, String reason, PrinterStatus status) {
    }

    final List<Change> changes = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChange(LinkState state, String reason, PrinterStatus status) {
        changes.add(new Change(state, reason, status));
    }

    List<LinkState> states() {
        return changes.stream().map(Change::state).toList();
    }

    /** Closes the sessions a test opened, whatever the outcome. */
    static final class Auto extends Transitions implements AutoCloseable {
        private final List<AutoCloseable> sessions = new CopyOnWriteArrayList<>();

        <T extends AutoCloseable> T keep(T s) {
            sessions.add(s);
            return s;
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable s : sessions) {
                s.close();
            }
        }
    }

    /**
     * True once the session is in {@code state} and this listener has heard so. The session sets its state before it
     * calls its listeners, so a test that waits on the state alone can look at the transitions one step too early.
     */
    boolean reached(PrinterSession s, LinkState state) {
        Change last = last();
        return s.state() == state && last != null && last.state() == state;
    }

    Change last() {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1);
    }
}
