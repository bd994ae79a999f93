package io.yima.drivers.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One single-threaded NIO event loop group per test class: {@code @RegisterExtension static final NioLoop LOOP}. */
public final class NioLoop implements BeforeAllCallback, AfterAllCallback {
    private EventLoopGroup group;

    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
