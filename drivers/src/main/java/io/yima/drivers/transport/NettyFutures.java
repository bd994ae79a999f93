package io.yima.drivers.transport;

import io.netty.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;

/** Netty write futures as the {@link CompletableFuture}s the line works with. */
public final class NettyFutures {
    private NettyFutures() {
    }

    public static CompletableFuture<Void> toCompletable(Future<?> f) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        f.addListener(x -> {
            if (x.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(x.cause());
            }
        });
        return done;
    }
}
