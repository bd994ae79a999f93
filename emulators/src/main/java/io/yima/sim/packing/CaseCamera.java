package io.yima.sim.packing;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.net.TcpListener;
import io.yima.sim.scanner.LabelDecoder;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A camera above the open case at the case packer: it sees every item code in the case and the case label at
 * once and sends one frame per case to every connected host (docs/device-protocols.md §7):
 * {@code code1;code2;…;CASE:<case code>} CR LF. The case label is taken off the case printer's conveyor (the next
 * label printed there belongs to the next case closed) and decoded for real; an unreadable label is sent as an
 * empty {@code CASE:}. Faults from {@link CameraFaults} are injected per case and recorded with the truth; a
 * {@code LATE} frame is sent {@code lateMillis} after the others, so the frames of later cases overtake it.
 */
public final class CaseCamera implements Closeable {
    /** The frame bound of docs/device-protocols.md §7: a longer frame is never sent (the case is recorded unsent). */
    public static final int MAX_FRAME = 16 * 1024;
    static final String FOREIGN_CODE = "https://foreign.example.com/q/STRAY";

    private final CasePacker packer;
    private final Conveyor caseLabels;
    private final CameraFaults faults;
    private final long labelWaitMillis;
    private final LabelDecoder decoder = new LabelDecoder();
    private final Set<OutputStream> hosts = ConcurrentHashMap.newKeySet();
    private final List<CameraRecord> records = new ArrayList<>();
    private TcpListener listener;
    private List<String> previousCase = List.of();
    private volatile boolean running = true;
    private Thread worker;

    /**
     * @param caseLabels      the case printer's conveyor: one case label per closed case, in the same order
     * @param labelWaitMillis how long the camera waits for a closed case's label before it sends the case unlabelled
     */
    public CaseCamera(CasePacker packer, Conveyor caseLabels, CameraFaults faults, long labelWaitMillis) {
        this.packer = packer;
        this.caseLabels = caseLabels;
        this.faults = faults;
        this.labelWaitMillis = labelWaitMillis;
    }

    /** Listens for hosts on {@code port} (0 = ephemeral); every frame goes to every connected host. */
    public CaseCamera listen(InetAddress bind, int port) throws IOException {
        listener = new TcpListener("case-camera", bind, port, s -> host(s));
        listener.start();
        return this;
    }

    public CaseCamera start() {
        worker = new Thread(this::loop, "case-camera");
        worker.setDaemon(true);
        worker.start();
        return this;
    }

    public int port() {
        return listener == null ? -1 : listener.port();
    }

    public int hostsConnected() {
        return hosts.size();
    }

    /** One record per case seen, in the packer's order. */
    public synchronized List<CameraRecord> records() {
        return List.copyOf(records);
    }

    private void host(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        hosts.add(out);
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[256];
            while (in.read(sink) >= 0) {
                // the camera takes no commands; what a host sends is read and dropped so its socket never fills
            }
        } finally {
            hosts.remove(out);
        }
    }

    private void loop() {
        try {
            while (running) {
                CasePacker.PackedCase c = packer.nextClosed(200, TimeUnit.MILLISECONDS);
                if (c != null) {
                    see(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void see(CasePacker.PackedCase c) throws InterruptedException {
        PrintedLabel label = caseLabels.take(labelWaitMillis, TimeUnit.MILLISECONDS);
        String caseCode = label == null ? null : decoder.text(label);
        CameraInjection injected = faults.draw();
        List<String> codes = new ArrayList<>(c.items());
        String shownCase = caseCode;
        switch (injected) {
            case MISSING -> codes.remove(faults.nextInt(codes.size()));
            case FOREIGN -> codes.set(faults.nextInt(codes.size()), FOREIGN_CODE + c.number());
            case ALREADY_PACKED -> {
                if (previousCase.isEmpty()) {
                    injected = CameraInjection.NONE; // nothing packed before the first case to swap in
                } else {
                    codes.set(faults.nextInt(codes.size()), previousCase.get(faults.nextInt(previousCase.size())));
                }
            }
            case CASE_NO_READ -> shownCase = null;
            case LATE, NONE -> { }
        }
        previousCase = c.items();
        String frame = String.join(";", codes) + ";CASE:" + (shownCase == null ? "" : shownCase);
        record(new CameraRecord(c.number(), c.items(), caseCode, injected, Instant.now(), frame));
        if (frame.length() > MAX_FRAME) {
            return;
        }
        if (injected == CameraInjection.LATE) {
            // a late frame is held on its own, the cases behind it are seen on time (and overtake it)
            long late = faults.lateMillis();
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(late);
                    broadcast(frame);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "case-camera-late");
            t.setDaemon(true);
            t.start();
        } else {
            broadcast(frame);
        }
    }

    private void broadcast(String frame) {
        byte[] bytes = (frame + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (OutputStream out : hosts) {
            synchronized (out) {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    hosts.remove(out);
                }
            }
        }
    }

    private synchronized void record(CameraRecord r) {
        records.add(r);
    }

    @Override
    public void close() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
        if (listener != null) {
            listener.close();
        }
    }
}
