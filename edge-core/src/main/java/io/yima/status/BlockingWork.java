package io.yima.status;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where status-port requests that may block (job reports, controls, health's disk probe: SQLite or the disk)
 * run: a few threads of their own with a bounded queue, so they never stall the port's workers or an I/O loop,
 * and every answer has a deadline — a request that waits too long or finds the queue full gets 503 with a
 * reason instead of hanging the technician's browser.
 */
public final class BlockingWork implements AutoCloseable {
    private final ExecutorService pool;
    private final Duration timeout;

    private BlockingWork(ExecutorService pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    /** Runs the work on the caller's thread (handler unit tests on an embedded channel). */
    public static BlockingWork inline() {
        return new BlockingWork(null, Duration.ZERO);
    }

    public static BlockingWork pool(int threads, int queue, Duration timeout) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "status-blocking-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        return new BlockingWork(pool, timeout);
    }

    /** The response {@code work} builds, or 503 when the queue is full or it takes longer than the deadline. */
    CompletionStage<FullHttpResponse> run(Supplier<FullHttpResponse> work) {
        if (pool == null) {
            return CompletableFuture.completedFuture(work.get());
        }
        CompletableFuture<FullHttpResponse> f;
        try {
            f = CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(HttpReply.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "busy: too many requests waiting for the vault, try again"));
        }
        return f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                return HttpReply.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "no answer within " + timeout.toSeconds() + " s (vault busy?), try again");
            }
            throw e instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }

    /**
     * Runs {@code work} on the pool without a response deadline (a streamed download sets its own per-write
     * deadline); false when the queue is full. Inline mode runs it on the caller's thread.
     */
    boolean execute(Runnable work) {
        if (pool == null) {
            work.run();
            return true;
        }
        try {
            pool.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** How long one step of blocking work may take before the client is told to try again. */
    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
