package io.yima.vault;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** A transaction of its own on another thread that holds the vault's writer until {@code release} opens. */
final class WriterHold {
    private WriterHold() {
    }

    static CompletableFuture<Void> hold(CodeVault vault, Executor pool, CountDownLatch holding, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> vault.inTransaction(c -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), pool);
    }
}
