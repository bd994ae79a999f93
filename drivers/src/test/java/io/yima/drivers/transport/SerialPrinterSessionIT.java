package io.yima.drivers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

class SerialPrinterSessionIT {
    @RegisterExtension
    static final NioLoop LOOP = new NioLoop();

    /** Plays a Zebra on the far pty: answers ~HS, keeps everything else. */
    static final class PtyPrinter implements Runnable {
        final SocatPair pair;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        PtyPrinter(SocatPair pair) {
            this.pair = pair;
            Thread t = new Thread(this, "pty-printer");
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
                    while (window.contains("~HS")) {
                        window = window.substring(window.indexOf("~HS") + 3);
                        out.write(FakePrinter.READY.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                    if (window.length() > 8) {
                        window = window.substring(window.length() - 2);
                    }
                }
            } catch (Exception e) {
                // the pty went away: the device was unplugged
            }
        }

        String text() {
            synchronized (received) {
                return received.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Test
    void serialPrinterComesOnlineIsUnpluggedAndReturns(@TempDir Path dir) throws Exception {
        try (SocatPair pair = new SocatPair(dir).start(); Transitions.Auto t = new Transitions.Auto()) {
            new PtyPrinter(pair);
            URI uri = URI.create("serial:" + pair.a + "?baud=115200&parity=none&flow=none");
            PrinterSession s = t.keep(PrinterSession.open(uri, PrinterProtocol.zpl(), Duration.ofMillis(100),
                    Duration.ofMillis(500), LOOP.group(), t, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200))));
            s.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.reached(s, LinkState.ONLINE));

            pair.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> t.reached(s, LinkState.OFFLINE));
            assertThat(s.send(new byte[] {1}).handle((v, e) -> e).get(5, TimeUnit.SECONDS)).isNotNull();

            pair.start();
            PtyPrinter back = new PtyPrinter(pair);
            await().atMost(Duration.ofSeconds(10)).until(() -> t.reached(s, LinkState.ONLINE));
            s.send("^XA^FDagain^FS^XZ".getBytes(StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> back.text().contains("^XA^FDagain^FS^XZ"));
            assertThat(t.states()).containsSubsequence(LinkState.ONLINE, LinkState.OFFLINE, LinkState.ONLINE);
        }
    }
}
