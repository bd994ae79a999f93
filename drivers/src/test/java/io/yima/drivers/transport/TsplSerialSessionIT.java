package io.yima.drivers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.drivers.printer.PrinterCondition;
import io.yima.drivers.printer.PrinterProtocol;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TSC printer on a serial line (a real socat pty pair): the session polls with {@code <ESC>!?}, the one status
 * byte makes it ONLINE or FAULT with the condition (docs/device-protocols.md §6.5), labels arrive whole, and
 * {@code cancelQueued} sends {@code <ESC>!.} (§6.7).
 */
class TsplSerialSessionIT {
    @RegisterExtension
    static final NioLoop LOOP = new NioLoop();

    /** Plays a TSC on the far pty: answers each {@code <ESC>!?} with the current status byte, keeps everything. */
    static final class PtyTsc implements Runnable {
        final SocatPair pair;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile int status;

        PtyTsc(SocatPair pair) {
            this.pair = pair;
            Thread t = new Thread(this, "pty-tsc");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void run() {
            try (InputStream in = pair.deviceIn(); OutputStream out = pair.deviceOut()) {
                byte[] buf = new byte[4096];
                String window = "";
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (received) {
                        received.write(buf, 0, n);
                    }
                    window += new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    while (window.contains("\u001B!?")) {
                        window = window.substring(window.indexOf("\u001B!?") + 3);
                        out.write(status);
                        out.flush();
                    }
                    if (window.length() > 8) {
                        window = window.substring(window.length() - 2);
                    }
                }
            } catch (Exception e) {
                // the pty went away
            }
        }

        String text() {
            synchronized (received) {
                return received.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Test
    void statusByteFaultsAndClearsLabelsArriveAndCancelIsEscBangDot(@TempDir Path dir) throws Exception {
        try (SocatPair pair = new SocatPair(dir).start(); Transitions.Auto t = new Transitions.Auto()) {
            PtyTsc tsc = new PtyTsc(pair);
            URI uri = URI.create("serial:" + pair.a + "?baud=115200&parity=none&flow=none");
            PrinterSession s = t.keep(PrinterSession.open(uri, PrinterProtocol.tspl(), Duration.ofMillis(100),
                    Duration.ofMillis(500), LOOP.group(), t, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))));
            s.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.reached(s, LinkState.ONLINE));

            tsc.status = 0x04; // out of paper
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.FAULT));
            assertThat(t.last().status().conditions()).containsExactly(PrinterCondition.PAPER_OUT);
            tsc.status = 0x20; // printing: not a fault
            await().atMost(Duration.ofSeconds(5)).until(() -> t.reached(s, LinkState.ONLINE));

            String label = "SIZE 30 mm,20 mm\r\nCLS\r\nTEXT 10,10,\"3\",0,1,1,\"A\"\r\nPRINT 1,1\r\n";
            s.send(label.getBytes(StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
            s.cancelQueued();
            await().atMost(Duration.ofSeconds(5)).until(() -> tsc.text().contains(label)
                    && tsc.text().indexOf("\u001B!.") > tsc.text().indexOf(label));
        }
    }
}
