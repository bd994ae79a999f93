package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault refuses Netty's I/O event-loop threads and serves a line's DefaultEventLoop and plain threads. */
class EventLoopGuardTest {
    @TempDir
    Path dir;
    CodeVault vault;

    @BeforeEach
    void open() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(TestPackages.APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 20))))));
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void anIoEventLoopThreadIsRefusedAndCounted() throws Exception {
        MultiThreadIoEventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            assertThat(io.next()).isInstanceOf(IoEventLoop.class);
            for (Runnable call : List.<Runnable>of(vault::stats, () -> vault.byIndex(TestPackages.APP, 1),
                    () -> vault.reserve(TestPackages.APP, "J", 1), () -> vault.inTransaction(c -> null),
                    () -> vault.read(c -> null))) {
                Throwable t = failure(io, call);
                assertThat(t).isInstanceOf(VaultException.class)
                        .hasMessageContaining("called from a network thread");
            }
            assertThat(vault.eventLoopRefusals()).isEqualTo(5);
            // nothing was reserved by the refused call
            assertThat(vault.stats().applications().get(0).states()).containsEntry(CodeState.AVAILABLE, 20L);
        } finally {
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Throwable failure(MultiThreadIoEventLoopGroup io, Runnable call)
            throws InterruptedException {
        try {
            io.next().submit(call).get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLinesDefaultEventLoopAndAPlainThreadAreServed() throws Exception {
        DefaultEventLoop line = new DefaultEventLoop();
        try {
            assertThat(line).isNotInstanceOf(IoEventLoop.class);
            assertThat(line.submit(() -> vault.reserve(TestPackages.APP, "J", 2).size()).get(10, TimeUnit.SECONDS))
                    .isEqualTo(2);
        } finally {
            line.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertThat(CompletableFuture.supplyAsync(() -> vault.stats().applications().get(0).states()
                .get(CodeState.RESERVED), r -> new Thread(r).start()).get(10, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(vault.eventLoopRefusals()).isZero();
    }
}
