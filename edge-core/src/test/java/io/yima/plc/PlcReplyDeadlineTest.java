package io.yima.plc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.yima.config.LineConfig;
import io.yima.guard.AddressAllowList;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalCounters;
import io.yima.line.ItemIssued;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reply waits for the line within a deadline (docs/plc-protocol.md): a line that does not answer gets the PLC
 * {@code NAK NO_ANSWER}, on a real socket and a real event loop that is never blocked meanwhile.
 */
class PlcReplyDeadlineTest {
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aLineThatDoesNotAnswerInTimeIsNakedNoAnswerAndItsLateAnswerIsDropped() throws Exception {
        PlcSessionHandlerTest.RecordingLine line = new PlcSessionHandlerTest.RecordingLine();
        PlcEventFeed feed = new PlcEventFeed(line);
        PortGuard guard = new PortGuard("plc:L1", "line L1 PLC port", 4, AddressAllowList.everyone(),
                RefusalCounters.NONE, io);
        Channel server = new ServerBootstrap().group(io).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new PlcFrameDecoder(), new PlcRequestDecoder(), new PlcMessageEncoder(),
                                new PlcSessionHandler(line, feed, null, false, guard, Duration.ofSeconds(1)));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(),
                ((InetSocketAddress) server.localAddress()).getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            // the loop is free while PRINT waits: the PING behind it is answered first
            out.write("HELLO,1,1,PLC-A\r\nPRINT,2,item-1\r\nPING,3\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("ACK,1,YIMA,1,L1,J1");
            assertThat(in.readLine()).isEqualTo("ACK,3");
            String nak = in.readLine();
            assertThat(nak).startsWith("NAK,2,NO_ANSWER,").contains("within 1s");
            assertThat(nak).doesNotContain("Exception");

            line.pendingPrint.complete(new ItemIssued("item-1", 7, false)); // too late: already answered
            out.write("PING,4\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("ACK,4");
        } finally {
            server.close().syncUninterruptibly();
        }
    }

    @Test
    void theDeadlineIsTheTriggerDeadlineAndAMargin() {
        assertThat(PlcSessionHandler.replyDeadline(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(10_500));
        assertThat(new LineConfig.Plc(null, null, null).triggerDeadline()).isEqualTo(Duration.ofMillis(500));
    }
}
