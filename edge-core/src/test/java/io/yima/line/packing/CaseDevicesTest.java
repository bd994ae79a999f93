package io.yima.line.packing;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.config.PrinterLanguage;
import io.yima.drivers.transport.LinkState;
import io.yima.guard.RefusalCounters;
import io.yima.line.CaseRejectReason;
import io.yima.line.DeviceState;
import io.yima.line.JobOrder;
import io.yima.line.LabelOutput;
import io.yima.line.LineEvent;
import io.yima.line.LineRefusal;
import io.yima.line.ProductionLine;
import io.yima.line.Refusal;
import io.yima.line.packing.CaseLinks.CaseDevice;
import io.yima.vault.CodeVault;
import io.yima.vault.PackingFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A packing line's case devices over real sockets on 127.0.0.1: the case printer (and pallet printer) are TCP
 * ports this test listens on and records, the case reader (and pallet reader) are the edge's {@code listen://}
 * ports this test connects to and sends reads on, as a reader does. A real line and vault file behind them.
 */
class CaseDevicesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String JOB = "J1";

    @TempDir
    Path dir;
    final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    final List<LineEvent> heard = new CopyOnWriteArrayList<>();
    CodeVault vault;
    ProductionLine line;
    CaseDevices devices;
    CasePackingTest.Binder binder;

    /** A printer's port: accepts the edge's connection and keeps every byte it is sent. */
    static final class PrinterPort implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        PrinterPort() throws IOException {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        synchronized (received) {
                            received.write(buf, 0, n);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "printer-port-" + server.getLocalPort());
            t.setDaemon(true);
            t.start();
        }

        String uri() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        int size() {
            synchronized (received) {
                return received.size();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A printer that prints at once, for the line's items. */
    static final class ItemPrinter implements LabelOutput {
        @Override
        public CompletableFuture<Void> send(byte[] label) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void askProgress() {
        }

        @Override
        public void cancelQueued() {
        }
    }

    @AfterEach
    void close() throws Exception {
        if (devices != null) {
            devices.close();
        }
        if (line != null) {
            line.shutdown();
        }
        if (vault != null) {
            vault.close();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static LineConfig.Printer printer(String uri) {
        // no status polling: ONLINE once connected
        return new LineConfig.Printer(uri, PrinterLanguage.ZPL, null, Duration.ZERO, null, null);
    }

    private LineConfig config(PrinterPort casePrinter, Integer perPallet, PrinterPort palletPrinter,
                              boolean palletReader) {
        LineConfig.Packing packing = new LineConfig.Packing("count", 2, perPallet,
                new LineConfig.CaseCodes("sscc", null, PackingFixture.PREFIX, 3), printer(casePrinter.uri()), null,
                new LineConfig.Scanner("listen://127.0.0.1:0", null, null, null), null,
                palletPrinter == null ? null : printer(palletPrinter.uri()),
                palletReader ? new LineConfig.Scanner("listen://127.0.0.1:0", null, null, null) : null, null);
        return new LineConfig("line-1", APP, LineMode.TRIGGERED, new LineConfig.Printer(null, null, null, null, null,
                null), null, null, null, new LineConfig.Verify(Duration.ofHours(1), 8), new LineConfig.Stream(3), null,
                null, packing);
    }

    private void started(LineConfig config) throws Exception {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        line = new ProductionLine(config, vault, 8);
        line.subscribe(heard::add);
        line.start(new ItemPrinter());
        line.printerState(DeviceState.ONLINE, null);
        binder = new CasePackingTest.Binder(new VaultCaseBinder(vault, config));
        devices = CaseDevices.connect(config, line, binder, io, RefusalCounters.NONE);
        line.start(new JobOrder(JOB, "SKU-1", "B7", 100, null, null, null, null)).toCompletableFuture()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private PrinterPort port() throws IOException {
        PrinterPort p = new PrinterPort();
        open.add(p);
        return p;
    }

    /** A reader connected to the edge's listen:// port. */
    private OutputStream reader(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        open.add(s);
        return s.getOutputStream();
    }

    private static void send(OutputStream reader, String read) throws IOException {
        reader.write((read + "\r\n").getBytes(StandardCharsets.US_ASCII));
        reader.flush();
    }

    private void bind(String item) throws Exception {
        long index = line.print(item).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).codeIndex();
        line.scanned(vault.byIndex(APP, index).orElseThrow().url());
        await().atMost(WAIT).until(() -> heard.stream().anyMatch(e -> e instanceof LineEvent.ItemBound b
                && b.itemId().equals(item)));
    }

    private <E extends LineEvent> List<E> heard(Class<E> type) {
        return heard.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aFullCasesLabelGoesToTheCasePrinterAndTheCaseReadersReadPacksIt() throws Exception {
        PrinterPort casePrinter = port();
        started(config(casePrinter, null, null, false));
        await().atMost(WAIT).until(() -> devices.links().of(CaseDevice.CASE_PRINTER).state() == DeviceState.ONLINE);
        assertThat(devices.readerPort()).isPositive();
        assertThat(devices.palletReaderPort()).as("no pallet reader").isEqualTo(-1);
        assertThat(devices.palletPrinterLink()).as("no pallet printer").isEqualTo(LinkState.OFFLINE);

        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.size() > 0);
        OutputStream reader = reader(devices.readerPort());
        await().atMost(WAIT).until(() -> devices.links().of(CaseDevice.CASE_READER).state() == DeviceState.ONLINE);
        send(reader, binder.cases.get(0).read());

        await().atMost(WAIT).untilAsserted(() -> assertThat(heard(LineEvent.CasePacked.class)).singleElement()
                .satisfies(p -> assertThat(p.caseCode()).isEqualTo(binder.cases.get(0).code())));
        assertThat(devices.packing().counts().casesPacked()).isEqualTo(1);
        ExecutionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> devices.repallet(0, "tech").toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(((LineRefusal) refused.getCause()).reason()).isEqualTo(Refusal.WRONG_MODE);
    }

    @Test
    void theCaseReadersNoReadRejectsTheCaseAwaitingItsRead() throws Exception {
        PrinterPort casePrinter = port();
        started(config(casePrinter, null, null, false));
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.size() > 0);

        send(reader(devices.readerPort()), "ERROR");

        await().atMost(WAIT).untilAsserted(() -> assertThat(heard(LineEvent.CaseRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(CaseRejectReason.CASE_NO_READ)));
        assertThat(heard(LineEvent.CasePacked.class)).isEmpty();
    }

    @Test
    void aPalletGoesToItsOwnPrinterAndIsPackedOnceThePalletReaderShowsItsCases() throws Exception {
        PrinterPort casePrinter = port();
        PrinterPort palletPrinter = port();
        started(config(casePrinter, 1, palletPrinter, true));
        await().atMost(WAIT).until(() -> devices.palletPrinterLink() == LinkState.ONLINE);
        assertThat(devices.palletReaderPort()).isPositive().isNotEqualTo(devices.readerPort());

        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.size() > 0);
        send(reader(devices.readerPort()), binder.cases.get(0).read());
        await().atMost(WAIT).until(() -> palletPrinter.size() > 0);
        assertThat(heard(LineEvent.PalletPacked.class)).as("awaits the pallet reader's frame").isEmpty();

        send(reader(devices.palletReaderPort()), binder.cases.get(0).read() + ";PALLET:"
                + binder.pallets.get(0).read());

        await().atMost(WAIT).untilAsserted(() -> assertThat(heard(LineEvent.PalletPacked.class)).singleElement()
                .satisfies(p -> {
                    assertThat(p.palletCode()).isEqualTo(binder.pallets.get(0).code());
                    assertThat(p.cases()).isEqualTo(1);
                }));
        assertThat(devices.packing().palletFramesRefused()).isZero();
    }
}
