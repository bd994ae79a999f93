package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.guard.RefusalCounters;
import io.yima.plc.PlcAdapter;
import io.yima.vault.CodeVault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adapter that closes takes its listener off the line: a real line on a real vault, the ASCII PLC port on a real
 * socket. The PLC's connection outlives the closed port (only the listening socket closes), so before the adapter
 * contract the line went on calling the port's feed and the PLC still heard the line's events.
 */
class AdapterUnsubscribeTest {
    @TempDir
    Path dir;
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private CodeVault vault;
    private ProductionLine line;

    @AfterEach
    void stop() {
        if (line != null) {
            line.shutdown();
        }
        if (vault != null) {
            vault.close();
        }
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void afterThePlcPortClosesTheLineNoLongerCallsItsFeed() throws Exception {
        vault = LineRig.vault(dir);
        line = new ProductionLine(LineRig.config(LineMode.TRIGGERED, Duration.ofHours(1)), vault, 8);
        List<LineEvent> heard = new CopyOnWriteArrayList<>();
        line.subscribe(heard::add);
        line.start(new LineRig.RecordingOutput());
        published(() -> line.printerState(DeviceState.ONLINE, null)); // connected: no event, nothing to clear
        PlcAdapter plc = new PlcAdapter(line.lineId(), new LineConfig.Plc("127.0.0.1", 0, Duration.ofSeconds(60)),
                RefusalCounters.NONE, io);
        plc.start(List.of(line));
        assertThat(plc.health()).isEqualTo(AdapterHealth.offline("no PLC connected"));

        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), plc.server().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out.write("HELLO,1,1,PLC-A\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("ACK,1,YIMA,1," + line.lineId());
            // the feed attaches once the line has replayed (nothing here) after the ACK
            await().atMost(Duration.ofSeconds(10)).until(() -> plc.server().plcConnected());
            // a line event while the port is open reaches the PLC
            published(() -> line.printerState(DeviceState.FAULT, "paper out"));
            assertThat(in.readLine()).startsWith("FAULT,").contains("printer");
            assertThat(plc.health().isOnline()).isTrue();

            plc.close();
            assertThat(plc.health()).isEqualTo(AdapterHealth.offline("PLC port closed"));
            int before = heard.size();
            published(() -> line.printerState(DeviceState.ONLINE, null));
            assertThat(heard).hasSizeGreaterThan(before); // the line did publish CLEARED
            // the connection is still open: the next thing the PLC hears is the answer to its PING, no CLEARED
            out.write("PING,2\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("ACK,2");
        }
    }

    /** Runs {@code change} and waits until the line has handed every event it caused to the listeners. */
    private void published(Runnable change) throws InterruptedException {
        change.run();
        CountDownLatch done = new CountDownLatch(1);
        line.afterPublished(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
