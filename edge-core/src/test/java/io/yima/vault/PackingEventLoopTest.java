package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing is refused on a Netty I/O event loop (nothing packed, nothing reserved) and served on a line's loop. */
class PackingEventLoopTest {
    @TempDir
    Path dir;
    CodeVault vault;
    List<String> items;

    @BeforeEach
    void open() {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        PackingFixture.job(vault, "J1", "L1");
        items = PackingFixture.boundItems(vault, "J1", 2);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void anIoEventLoopIsRefusedAndALinesLoopIsServed() throws Exception {
        String sscc = vault.packing().reserveSscc(PackingFixture.PREFIX, 1).digits();
        MultiThreadIoEventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            for (Runnable call : List.<Runnable>of(
                    () -> vault.packing().pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 2, items),
                    () -> vault.packing().reserveSscc(PackingFixture.PREFIX, 1),
                    () -> vault.packing().tree(items.get(0)),
                    () -> vault.packing().unpack(sscc, "op", null))) {
                try {
                    io.next().submit(call).get(10, TimeUnit.SECONDS);
                    throw new AssertionError("served on an I/O event loop");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(VaultException.class)
                            .hasMessageContaining("called from a network thread");
                }
            }
        } finally {
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertThat(vault.eventLoopRefusals()).isEqualTo(4);
        assertThat(vault.packing().unit(sscc)).isEmpty();
        DefaultEventLoop line = new DefaultEventLoop();
        try {
            PackResult r = line.submit(() -> vault.packing().pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 2,
                    items)).get(10, TimeUnit.SECONDS);
            assertThat(r.packed()).isTrue();
        } finally {
            line.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        // the refused reservation took no serial: the next one follows the first
        assertThat(vault.packing().reserveSscc(PackingFixture.PREFIX, 1).serial()).isEqualTo(1);
    }
}
