package io.yima.sim.rig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A minimal stand-in for the edge daemon, for testing the rig harness: serves the PLC protocol, prints each
 * triggered item's URL as a ZPL QR, and matches scanner reads FIFO (docs/plc-protocol.md, "How a read becomes OK or
 * REJECT"). {@code reissueAt} makes it print one code twice, a bug the rig must report.
 */
final class FakeEdge implements EdgeUnderTest {
    private final int reissueAt;
    private EdgeConfigFile.LineEndpoints ports;
    private ServerSocket plcServer;
    private Socket printer;
    private Socket scanner;
    private OutputStream plcOut;
    private final Deque<String[]> pending = new ArrayDeque<>(); // {item, url}
    private final Set<String> bound = new HashSet<>();
    private int ev;
    private int nextIndex;
    private int printed;
    private int boundCount;
    private int rejected;
    private String job = "";
    volatile Path configSeen;

    FakeEdge(int reissueAt) {
        this.reissueAt = reissueAt;
    }

    static String url(int index) {
        return String.format("P.URL.CN/0V/TEST%012d", index); // 28 characters like the real URLs
    }

    @Override
    public void start(Path configFile) throws IOException {
        configSeen = configFile;
        ports = EdgeConfigFile.read(configFile);
        plcServer = new ServerSocket(ports.plcPort(), 5, InetAddress.getLoopbackAddress());
        daemon(this::acceptPlc);
    }

    /** Devices are connected when the PLC says HELLO, so an edge started before its emulators works too. */
    private void connectDevices() throws IOException {
        if (printer == null) {
            printer = new Socket(InetAddress.getLoopbackAddress(), ports.printerPort());
            scanner = new Socket(InetAddress.getLoopbackAddress(), ports.scannerPort());
            daemon(this::readScanner);
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "fake-edge");
        t.setDaemon(true);
        t.start();
    }

    private void acceptPlc() {
        while (!plcServer.isClosed()) {
            try (Socket s = plcServer.accept()) {
                synchronized (this) {
                    plcOut = s.getOutputStream();
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    plc(line.split(",", -1));
                }
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private synchronized void plc(String[] f) throws IOException {
        String seq = f.length > 1 ? f[1] : "0";
        switch (f[0]) {
            case "HELLO" -> {
                connectDevices();
                send("ACK," + seq + ",YIMA,1,L1," + job);
            }
            case "START" -> {
                job = f[2];
                send("ACK," + seq + "," + job);
            }
            case "PRINT" -> {
                int index = nextIndex++;
                int printedIndex = index == reissueAt ? index - 1 : index;
                String url = url(printedIndex);
                printer.getOutputStream().write(("^XA^PW354^LL236^FO40,30^BQN,2,4^FDQA," + url + "^FS^XZ")
                        .getBytes(StandardCharsets.US_ASCII));
                printer.getOutputStream().flush();
                printed++;
                pending.addLast(new String[] {f[2], url});
                send("ACK," + seq + "," + f[2] + "," + index);
                send("PRINTED," + (++ev) + "," + f[2] + "," + index);
            }
            case "STOP", "PING" -> send("ACK," + seq);
            case "CLOSE" -> {
                int voided = pending.size();
                pending.clear();
                send("ACK," + seq + "," + job);
                send("CLOSED," + (++ev) + "," + job + "," + printed + "," + boundCount + "," + rejected + "," + voided);
            }
            case "ACK" -> { }
            default -> send("NAK," + seq + ",UNKNOWN_COMMAND");
        }
    }

    private void readScanner() {
        try {
            InputStream in = scanner.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\r') {
                    read(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            // scanner gone
        }
    }

    private synchronized void read(String text) {
        try {
            if (bound.contains(text)) {
                return; // a duplicate read of a bound label changes nothing
            }
            if (pending.isEmpty()) {
                return;
            }
            String[] head = pending.pollFirst();
            if (head[1].equals(text)) {
                bound.add(text);
                boundCount++;
                send("OK," + (++ev) + "," + head[0] + "," + text.substring(text.length() - 9));
            } else {
                rejected++;
                send("REJECT," + (++ev) + "," + head[0] + "," + ("ERROR".equals(text) ? "NO_READ" : "MISMATCH"));
            }
        } catch (IOException e) {
            // PLC gone; the rig will report missing results
        }
    }

    private void send(String frame) throws IOException {
        if (plcOut != null) {
            plcOut.write((frame + "\r\n").getBytes(StandardCharsets.US_ASCII));
            plcOut.flush();
        }
    }

    @Override
    public void stop() {
        try {
            plcServer.close();
            if (printer != null) {
                printer.close();
                scanner.close();
            }
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
