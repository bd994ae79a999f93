package io.yima.sim.packing;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A packing line's PLC on the ASCII protocol, version 2: it triggers labels, and as the edge says OK it lets the
 * item pass the kicker into the case packer (REJECT: kicked out, never packed). It records every item result and
 * every case result the edge sent, by the edge's case number.
 */
final class PackingPlc implements Closeable {
    /** A case result as the PLC heard it: CASE_PACKED (reason null) or CASE_REJECTED with its reason. */
    record CaseResult(long caseNumber, String caseCode, String reason, int items) {
        boolean packed() {
            return reason == null;
        }
    }

    /** A pallet result: PALLET_PACKED (reason null) or PALLET_REJECTED with its reason. */
    record PalletResult(long palletNumber, String palletCode, String reason, int cases) {
        boolean packed() {
            return reason == null;
        }
    }

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final CasePacker packer;
    private final Map<Long, CompletableFuture<String>> replies = new ConcurrentHashMap<>();
    final Map<String, String> ok = new ConcurrentHashMap<>();
    final Map<String, String> rejected = new ConcurrentHashMap<>();
    final Map<Long, CaseResult> cases = new ConcurrentHashMap<>();
    final Map<Long, PalletResult> pallets = new ConcurrentHashMap<>();
    /** Every case result, in the order heard. */
    final List<CaseResult> caseOrder = new CopyOnWriteArrayList<>();
    final List<String> caseFramesTwice = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicLong seq = new AtomicLong();
    /** PINGs every second, as a PLC does when idle: the edge closes a PLC silent for three heartbeats (2 s here),
     *  and a test that waits out a 5 s pallet window sends nothing else meanwhile. */
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "packing-plc-ping");
        t.setDaemon(true);
        return t;
    });

    PackingPlc(int port, CasePacker packer) throws IOException {
        this.packer = packer;
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        Thread t = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    frame(line);
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        }, "packing-plc");
        t.setDaemon(true);
        t.start();
        pinger.scheduleWithFixedDelay(this::ping, 1, 1, TimeUnit.SECONDS);
    }

    private void ping() {
        try {
            send("PING," + seq.incrementAndGet());
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    private void send(String frame) throws IOException {
        synchronized (out) {
            out.write((frame + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private void frame(String line) {
        String[] f = line.split(",", -1);
        switch (f[0]) {
            case "ACK", "NAK" -> {
                CompletableFuture<String> r = replies.remove(Long.parseLong(f[1]));
                if (r != null) {
                    r.complete(line);
                }
            }
            case "OK" -> {
                String code = URLDecoder.decode(f[3], StandardCharsets.UTF_8);
                ok.put(f[2], code);
                packer.item(code); // passed the kicker: into the open case, in belt order
            }
            case "REJECT" -> rejected.put(f[2], f[3]);
            case "CASE_PACKED" -> result(new CaseResult(Long.parseLong(f[2]), f[3], null, Integer.parseInt(f[4])));
            case "CASE_REJECTED" -> result(new CaseResult(Long.parseLong(f[2]), f[3].isEmpty() ? null : f[3], f[4],
                    Integer.parseInt(f[5])));
            case "PALLET_PACKED" -> pallet(new PalletResult(Long.parseLong(f[2]), f[3], null, Integer.parseInt(f[4])));
            case "PALLET_REJECTED" -> pallet(new PalletResult(Long.parseLong(f[2]), f[3].isEmpty() ? null : f[3], f[4],
                    Integer.parseInt(f[5])));
            case "CLOSED" -> closed.complete(line);
            default -> { }
        }
    }

    private void result(CaseResult r) {
        if (cases.putIfAbsent(r.caseNumber(), r) != null) {
            caseFramesTwice.add(r.toString());
        } else {
            caseOrder.add(r);
        }
    }

    private void pallet(PalletResult r) {
        if (pallets.putIfAbsent(r.palletNumber(), r) != null) {
            caseFramesTwice.add(r.toString());
        }
    }

    /** Sends a request and waits for its reply (ACK or NAK). */
    String call(String command, String... fields) throws Exception {
        long s = seq.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.put(s, reply);
        StringBuilder frame = new StringBuilder(command).append(',').append(s);
        for (String field : fields) {
            frame.append(',').append(field);
        }
        send(frame.toString());
        return reply.get(30, TimeUnit.SECONDS);
    }

    int results() {
        return ok.size() + rejected.size();
    }

    @Override
    public void close() throws IOException {
        pinger.shutdownNow();
        socket.close();
    }
}
