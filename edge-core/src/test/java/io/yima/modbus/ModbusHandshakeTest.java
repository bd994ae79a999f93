package io.yima.modbus;

import static io.yima.modbus.RegisterMap.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.line.ItemIssued;
import io.yima.line.JobOrder;
import io.yima.line.LineCommands;
import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.Subscription;
import io.yima.line.LineRefusal;
import io.yima.line.LineState;
import io.yima.line.LineStatus;
import io.yima.line.Refusal;
import io.yima.line.RejectReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake against a line whose answers the test gives by hand: an echo only after the stage completes, the
 * line's refusal as its code, NO_ANSWER past the timeout, counters found at start taken as handled, results
 * slotted until acknowledged and triggers refused BUSY while too many wait.
 */
class ModbusHandshakeTest {
    /** A line that records requests and completes them when the test says. */
    static final class HandLine implements LineCommands {
        final Map<String, CompletableFuture<ItemIssued>> prints = new ConcurrentHashMap<>();
        final List<String> printed = new CopyOnWriteArrayList<>();
        final List<LineListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public String lineId() {
            return "L1";
        }

        @Override
        public String currentJobId() {
            return "J1";
        }

        @Override
        public CompletionStage<String> start(JobOrder order) {
            return CompletableFuture.completedFuture(order.jobId());
        }

        @Override
        public CompletionStage<ItemIssued> print(String itemId) {
            printed.add(itemId);
            return prints.computeIfAbsent(itemId, k -> new CompletableFuture<>());
        }

        @Override
        public CompletionStage<String> stop() {
            return CompletableFuture.failedFuture(new LineRefusal(Refusal.NO_JOB));
        }

        @Override
        public CompletionStage<String> close() {
            return CompletableFuture.completedFuture("J1");
        }

        @Override
        public CompletionStage<LineStatus> status() {
            return CompletableFuture.completedFuture(new LineStatus(LineState.RUNNING, "J1", 3, 2, 1, 0, 10));
        }

        @Override
        public Subscription subscribe(LineListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public void replay(long after, LineListener sink, Runnable then) {
            then.run();
        }

        @Override
        public long lastEventNumber() {
            return 0;
        }

        @Override
        public void afterPublished(Runnable task) {
            task.run();
        }

        void publish(LineEvent e) {
            listeners.forEach(l -> l.on(e));
        }
    }

    final HandLine line = new HandLine();
    final ModbusHandshake handshake = new ModbusHandshake(line, Duration.ofSeconds(1), Duration.ofSeconds(1));
    final int[] plc = new int[PLC_AREA_SIZE];

    @AfterEach
    void close() {
        handshake.close();
    }

    int edge(int offset) {
        return handshake.edgeArea()[offset - EDGE_AREA];
    }

    void trigger(int counter, long item) {
        plc[TRIGGER] = counter;
        Registers.putU32(plc, ITEM, item);
        handshake.plcWrote(plc);
    }

    @Test
    void theEchoWaitsForTheLinesAnswerAndCarriesTheIndex() {
        handshake.plcWrote(plc); // first sight: counters 0 taken as handled
        trigger(1, 7);
        await().until(() -> line.printed.contains("7"));
        assertThat(edge(TRIGGER_ECHO)).as("no echo before the line answered").isZero();

        line.prints.get("7").complete(new ItemIssued("7", 70_000, false));
        await().until(() -> edge(TRIGGER_ECHO) == 1);
        assertThat(edge(TRIGGER_STATUS)).isEqualTo(1);
        int[] area = handshake.edgeArea();
        assertThat(Registers.u32(area, TRIGGER_ITEM - EDGE_AREA)).isEqualTo(7);
        assertThat(Registers.u32(area, TRIGGER_INDEX - EDGE_AREA)).isEqualTo(70_000);
    }

    @Test
    void aRefusalIsItsCodeAndALineThatDoesNotAnswerIsNoAnswer() {
        handshake.plcWrote(plc);
        trigger(1, 8);
        await().until(() -> line.prints.containsKey("8"));
        line.prints.get("8").completeExceptionally(new LineRefusal(Refusal.OUT_OF_CODES, "application 5"));
        await().until(() -> edge(TRIGGER_ECHO) == 1);
        assertThat(edge(TRIGGER_STATUS)).isEqualTo(15);
        assertThat(Registers.text(handshake.edgeArea(), MESSAGE - EDGE_AREA, TEXT_BYTES))
                .isEqualTo("OUT_OF_CODES: application 5");

        trigger(2, 9); // the line never answers item 9
        await().atMost(Duration.ofSeconds(5)).until(() -> edge(TRIGGER_ECHO) == 2);
        assertThat(edge(TRIGGER_STATUS)).isEqualTo(24);
        line.prints.get("9").complete(new ItemIssued("9", 3, false)); // too late: the echo stays NO_ANSWER
        trigger(3, 9);
        await().until(() -> edge(TRIGGER_ECHO) == 3);
        assertThat(edge(TRIGGER_STATUS)).as("the repeat gets the index").isEqualTo(1);
    }

    @Test
    void countersFoundAtStartAreNotExecuted() {
        plc[TRIGGER] = 57;
        Registers.putU32(plc, ITEM, 5);
        plc[COMMAND] = 12;
        plc[COMMAND_CODE] = CMD_CLOSE;
        handshake.plcWrote(plc);
        trigger(58, 6);
        await().until(() -> line.printed.contains("6"));
        assertThat(line.printed).containsExactly("6");
        assertThat(edge(COMMAND_ECHO)).isZero();
    }

    @Test
    void resultsWaitInTheSlotsUntilAcknowledgedAndTooManyWaitingRefuseTriggersBusy() {
        handshake.plcWrote(plc);
        await().until(() -> edge(MAP_VERSION) == 2);
        for (int n = 1; n <= ModbusHandshake.BUSY_RESULTS; n++) {
            line.publish(n % 2 == 0 ? new LineEvent.ItemBound(n, Integer.toString(n), "C" + n, 0)
                    : new LineEvent.ItemRejected(n, Integer.toString(n), RejectReason.NO_READ, 0));
        }
        await().until(() -> edge(RESULT_COUNT) == RESULT_SLOTS);
        int[] area = handshake.edgeArea();
        assertThat(Registers.u32(area, RESULTS - EDGE_AREA)).isEqualTo(1);
        assertThat(area[RESULTS + 4 - EDGE_AREA]).as("slot 0: NO_READ").isEqualTo(30);
        assertThat(area[RESULTS + RESULT_SLOT_SIZE + 4 - EDGE_AREA]).as("slot 1: OK").isEqualTo(1);

        trigger(1, 100);
        await().until(() -> edge(TRIGGER_ECHO) == 1);
        assertThat(edge(TRIGGER_STATUS)).as("BUSY").isEqualTo(17);
        assertThat(line.printed).isEmpty();

        Registers.putU32(plc, RESULT_ACK, 60); // results 1..60 processed
        handshake.plcWrote(plc);
        await().until(() -> Registers.u32(handshake.edgeArea(), RESULTS - EDGE_AREA) == 61);
        assertThat(edge(RESULT_COUNT)).isEqualTo(4);
        trigger(2, 100);
        await().until(() -> line.printed.contains("100"));
    }

    @Test
    void statusFaultsAndTheClosingAccountReachTheEdgeArea() {
        line.publish(new LineEvent.DeviceFault(1, io.yima.line.Device.PRINTER, "head open"));
        line.publish(new LineEvent.JobClosed(2, new io.yima.line.JobAccount("J9", 10, 7, 2, 1)));
        await().until(() -> edge(FAULTS) == FAULT_PRINTER && edge(CLOSED_PRINTED + 1) == 10);
        int[] area = handshake.edgeArea();
        assertThat(Registers.u32(area, CLOSED_BOUND - EDGE_AREA)).isEqualTo(7);
        assertThat(Registers.u32(area, CLOSED_REJECTED - EDGE_AREA)).isEqualTo(2);
        assertThat(Registers.u32(area, CLOSED_VOIDED - EDGE_AREA)).isEqualTo(1);
        assertThat(edge(LINE_STATE)).isEqualTo(1);
        assertThat(Registers.u32(area, PRINTED - EDGE_AREA)).isEqualTo(3);
        line.publish(new LineEvent.DeviceCleared(3, io.yima.line.Device.PRINTER));
        await().until(() -> edge(FAULTS) == 0);
    }
}
