package io.yima.line;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What adapters (the ASCII PLC port, Modbus, OPC UA) may ask of a line. Each command is queued onto the
 * line's thread; its stage completes after the state change it confirms is committed to the vault, or
 * exceptionally with a {@link LineRefusal}. Stages complete on the line's thread: do not block in callbacks.
 */
public interface LineCommands {
    String lineId();

    /** The open job's id, or null; readable from any thread without waiting. */
    String currentJobId();

    /** Opens a job, or acknowledges the open one again (same id and fields); completes with the job id. */
    CompletionStage<String> start(JobOrder order);

    /** TRIGGERED: one label for the item; a repeat for an item of the open job gets its code again, no label. */
    CompletionStage<ItemIssued> print(String itemId);

    /** No more labels; those in flight still get their result. Completes with the job id. */
    CompletionStage<String> stop();

    /** Closes the open job (its account is published as {@link LineEvent.JobClosed}); completes with the job id. */
    CompletionStage<String> close();

    CompletionStage<LineStatus> status();

    /**
     * As {@link #start(JobOrder)}; {@code by} says who asked ({@code opcua user 'mes' at 10.0.0.5},
     * {@code modbus 10.20.1.32 unit 1}) and is recorded in the vault's audit entry for the job.
     */
    default CompletionStage<String> start(JobOrder order, String by) {
        return start(order);
    }

    /** As {@link #stop()}, recording who asked. */
    default CompletionStage<String> stop(String by) {
        return stop();
    }

    /** As {@link #close()}, recording who asked. */
    default CompletionStage<String> close(String by) {
        return close();
    }

    /**
     * Adds a listener for every event published from now on (see {@link LineListener}); closing the answer takes
     * it off again (an adapter does so when it closes).
     */
    Subscription subscribe(LineListener listener);

    /**
     * On the line's thread: hands {@code sink} the open job's events numbered above {@code after} (from the
     * vault, so they survive restarts), then runs {@code then}, before any later event is published — so a
     * listener that starts forwarding in {@code then} misses nothing and sees nothing twice.
     */
    void replay(long after, LineListener sink, Runnable then);

    /** The number of the last event published; readable from any thread without waiting. */
    long lastEventNumber();

    /** Runs {@code task} on the line's thread after every event published so far has reached the listeners. */
    void afterPublished(Runnable task);

    /**
     * Aggregation: closes the open case as it is (the PLC's CLOSE_CASE); completes with the number of items the
     * case was closed with (0: the case was empty, nothing happened). Refused WRONG_MODE on a line that packs no
     * cases.
     */
    default CompletionStage<Integer> closeCase() {
        return CompletableFuture.failedFuture(
                new LineRefusal(Refusal.WRONG_MODE, "this line packs no cases (it has no packing section)"));
    }

    /**
     * Aggregation: packs the open pallet as it is (the PLC's CLOSE_PALLET); completes with the number of cases it
     * was closed with (0: no packed case waited, nothing happened). Refused WRONG_MODE on a line that builds no
     * pallets.
     */
    default CompletionStage<Integer> closePallet() {
        return java.util.concurrent.CompletableFuture.failedFuture(new LineRefusal(Refusal.WRONG_MODE,
                "this line builds no pallets (its packing section has no per_pallet)"));
    }

    /** Aggregation: the open job's case and pallet counts; null on a line that packs no cases. Any thread. */
    default PackingCounts packingCounts() {
        return null;
    }

    /** Aggregation: rework of the line's packed cases and pallets (unpack, replace, void, re-pallet). Any thread. */
    default LineRework rework() {
        return LineRework.NONE;
    }
}
