package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault refuses (and counts) calls made on a Netty I/O loop, and serves every other thread. */
class EventLoopGuardTest {
    @TempDir
    Path dir;

    @Test
    void aVaultCallOnAnIoLoopIsRefusedAndCountedButALinesOwnLoopIsServed() throws Exception {
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        DefaultEventLoop lineLoop = new DefaultEventLoop();
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            long before = EventLoopGuard.refusals();
            Throwable refused = null;
            try {
                io.submit(() -> vault.isEmpty()).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                refused = e.getCause();
            }
            assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("I/O event loop");
            assertThat(EventLoopGuard.refusals() - before).isEqualTo(1);

            assertThat(lineLoop.submit(() -> vault.isEmpty()).get(10, TimeUnit.SECONDS)).isTrue();
            int one = vault.inTransaction(c -> 1);
            assertThat(one).isEqualTo(1);
            assertThat(EventLoopGuard.refusals() - before).isEqualTo(1);
        } finally {
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            lineLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
