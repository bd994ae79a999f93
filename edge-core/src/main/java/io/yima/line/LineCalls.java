package io.yima.line;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way an adapter waits for a line: ask with a deadline, get a typed {@link LineAnswer}. The unwrap of
 * {@link CompletionException} and the mapping of {@link LineRefusal} and of the deadline live here, once, for the
 * ASCII PLC port, Modbus, OPC UA and the status port.
 */
public final class LineCalls {
    private LineCalls() {
    }

    /**
     * The line's answer to {@code stage}, or {@link LineAnswer.TimedOut} once {@code deadline} has passed. The
     * returned future never fails and never blocks the caller: an event loop chains its reply onto it (with its
     * own executor, so the reply is written on the loop).
     */
    public static <T> CompletableFuture<LineAnswer<T>> ask(CompletionStage<T> stage, Duration deadline) {
        // a copy: the timeout must not complete the line's own future (other callers may share it)
        return stage.toCompletableFuture().copy()
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .handle((value, error) -> error == null ? new LineAnswer.Done<>(value) : answer(error, deadline));
    }

    /**
     * As {@link #ask}, waiting on the calling thread: only for a thread that may wait (the status port's blocking
     * pool), never an event loop. An interrupt ends the wait as {@link LineAnswer.Failed} with an
     * {@link InterruptedException}, and the thread keeps its interrupt flag.
     */
    public static <T> LineAnswer<T> await(CompletionStage<T> stage, Duration deadline) {
        try {
            return ask(stage, deadline).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LineAnswer.Failed<>(e);
        } catch (ExecutionException e) {
            return new LineAnswer.Failed<>(cause(e)); // not reached: ask's future never fails
        }
    }

    /** What a failed stage failed with: the cause inside a {@link CompletionException} or {@link ExecutionException}. */
    public static Throwable cause(Throwable error) {
        return (error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null
                ? error.getCause() : error;
    }

    private static <T> LineAnswer<T> answer(Throwable error, Duration deadline) {
        Throwable cause = cause(error);
        if (cause instanceof LineRefusal r) {
            return new LineAnswer.Refused<>(r);
        }
        if (cause instanceof TimeoutException) {
            return new LineAnswer.TimedOut<>(deadline);
        }
        return new LineAnswer.Failed<>(cause);
    }
}
