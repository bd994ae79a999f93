package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A counting observer hears each line event as the per-item callback it stands for, named with its line. */
class LineObserverTest {
    /** Writes every callback down as text, so a test sees which ones ran, in order, with what. */
    private static final class Recording implements LineObserver {
        final List<String> calls = new ArrayList<>();

        @Override
        public void printed(String line, long triggerToPrintNanos) {
            calls.add("printed " + line + " " + triggerToPrintNanos);
        }

        @Override
        public void bound(String line) {
            calls.add("bound " + line);
        }

        @Override
        public void rejected(String line, RejectReason reason) {
            calls.add("rejected " + line + " " + reason);
        }

        @Override
        public void voided(String line, int count) {
            calls.add("voided " + line + " " + count);
        }

        @Override
        public void result(String line, long triggerToResultNanos) {
            calls.add("result " + line + " " + triggerToResultNanos);
        }

        @Override
        public void jobClosed(String line, String jobId) {
            calls.add("jobClosed " + line + " " + jobId);
        }
    }

    @Test
    void eachEventBecomesItsCallbackWithTheLineAndItsFigures() {
        Recording seen = new Recording();
        LineListener listener = seen.listenerFor("L7");
        listener.on(new LineEvent.LabelPrinted(1, "item-1", new CodeRef(5, 9), 1_500));
        listener.on(new LineEvent.ItemBound(2, "item-1", "C1", 4_000));
        listener.on(new LineEvent.ItemRejected(3, "item-2", RejectReason.MISMATCH, 6_000));
        listener.on(new LineEvent.CodesVoided(3, 12, VoidReason.JOB_CLOSED));
        listener.on(new LineEvent.JobClosed(4, new JobAccount("J9", 2, 1, 1, 0)));

        assertThat(seen.calls).containsExactly(
                "printed L7 1500",
                "bound L7", "result L7 4000",
                "rejected L7 MISMATCH", "result L7 6000",
                "voided L7 12",
                "jobClosed L7 J9");
    }

    @Test
    void aResultWithUnknownLatencyCountsTheVerdictButNoLatency() {
        Recording seen = new Recording();
        LineListener listener = seen.listenerFor("L1");
        listener.on(new LineEvent.ItemBound(1, "a", "C1", -1));
        listener.on(new LineEvent.ItemRejected(2, "b", RejectReason.VOIDED, -1));
        // zero is a measured latency (the result came in the same clock tick), not an unknown one
        listener.on(new LineEvent.ItemBound(3, "c", "C2", 0));
        listener.on(new LineEvent.ItemRejected(4, "d", RejectReason.TIMEOUT, 0));

        assertThat(seen.calls).containsExactly("bound L1", "rejected L1 VOIDED",
                "bound L1", "result L1 0", "rejected L1 TIMEOUT", "result L1 0");
    }

    @Test
    void eventsThatAreNoItemResultCallNothing() {
        Recording seen = new Recording();
        LineListener listener = seen.listenerFor("L1");
        listener.on(new LineEvent.DeviceFault(1, Device.PRINTER, "head open"));
        listener.on(new LineEvent.DeviceCleared(2, Device.PRINTER));
        listener.on(new LineEvent.LineStateChanged(2, LineState.RUNNING));
        listener.on(new LineEvent.CodesReserved(2, 100));
        listener.on(new LineEvent.TriggerStale(2, "x", 10));

        assertThat(seen.calls).isEmpty();
    }
}
