package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one wait for a line: each of the four answers, the unwrap done once, and the line's own future left alone. */
class LineCallsTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void aDoneStageAnswersItsValue() {
        LineAnswer<String> a = LineCalls.ask(CompletableFuture.completedFuture("J1"), LONG).join();
        assertThat(a).isEqualTo(new LineAnswer.Done<>("J1"));
    }

    @Test
    void aRefusalIsTypedEvenInsideACompletionException() {
        LineRefusal refusal = new LineRefusal(Refusal.NO_JOB, "no job is open");
        CompletableFuture<String> wrapped = new CompletableFuture<>();
        wrapped.completeExceptionally(new CompletionException(refusal));
        assertThat(LineCalls.ask(wrapped, LONG).join()).isEqualTo(new LineAnswer.Refused<>(refusal));
        // a stage built on a failed one fails with the CompletionException wrapper: unwrapped the same
        CompletableFuture<String> chained = CompletableFuture.<String>failedFuture(refusal).thenApply(s -> s + "!");
        assertThat(LineCalls.ask(chained, LONG).join()).isEqualTo(new LineAnswer.Refused<>(refusal));
    }

    @Test
    void aStageThatNeverCompletesIsTimedOutAndTheLinesFutureIsNotTouched() {
        CompletableFuture<String> never = new CompletableFuture<>();
        LineAnswer<String> a = LineCalls.ask(never, Duration.ofMillis(50)).join();
        assertThat(a).isEqualTo(new LineAnswer.TimedOut<>(Duration.ofMillis(50)));
        assertThat(never).isNotDone(); // other callers of the same stage still get the line's answer
        never.complete("late");
        assertThat(LineCalls.ask(never, LONG).join()).isEqualTo(new LineAnswer.Done<>("late"));
    }

    @Test
    void anyOtherFailureIsHandedOverUnwrapped() {
        IllegalStateException bug = new IllegalStateException("bug");
        CompletableFuture<String> failed = CompletableFuture.<String>failedFuture(bug).thenApply(s -> s);
        assertThat(LineCalls.ask(failed, LONG).join()).isEqualTo(new LineAnswer.Failed<>(bug));
        assertThat(LineCalls.cause(new CompletionException(bug))).isSameAs(bug);
        assertThat(LineCalls.cause(bug)).isSameAs(bug);
    }

    @Test
    void awaitWaitsOnTheCallingThreadAndKeepsAnInterrupt() {
        assertThat(LineCalls.await(CompletableFuture.completedFuture(3), LONG)).isEqualTo(new LineAnswer.Done<>(3));
        Thread.currentThread().interrupt();
        try {
            LineAnswer<Object> a = LineCalls.await(new CompletableFuture<>(), LONG);
            assertThat(a).isInstanceOf(LineAnswer.Failed.class);
            assertThat(((LineAnswer.Failed<Object>) a).cause()).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
