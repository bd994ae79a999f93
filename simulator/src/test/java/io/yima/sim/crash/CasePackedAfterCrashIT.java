package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeConfigFile;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.rig.VaultSeed;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case packed while the PLC is away must still reach it after a crash: the PLC's link drops, the case's label is
 * read and the case packed in the vault, then the edge is killed before the line writes anything else. When the PLC
 * comes back with {@code HELLO,…,last-event}, the restarted edge replays what it missed from its journal — the
 * {@code CASE_PACKED} included, because it is journaled in the pack's own transaction. (It used to be written
 * "with the next transaction", which an idle line never had: the case was packed and the PLC never heard of it, and
 * sent it to rework.)
 */
class CasePackedAfterCrashIT {
    @TempDir
    Path dir;

    /** A raw version 2 PLC session: requests and the event lines the edge sends, each event acknowledged. */
    private static final class Session implements AutoCloseable {
        final Socket socket = new Socket();
        final OutputStream out;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private int seq;

        Session(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            Thread t = new Thread(() -> {
                try {
                    for (String l; (l = in.readLine()) != null; ) {
                        lines.add(l);
                        String[] f = l.split(",", -1);
                        if (!f[0].equals("ACK") && !f[0].equals("NAK") && f.length > 1) {
                            send("ACK," + f[1]);
                        }
                    }
                } catch (IOException e) {
                    // closed by the test or the edge
                }
            }, "plc-session");
            t.setDaemon(true);
            t.start();
        }

        synchronized void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Sends a request and waits for its reply. */
        String call(String command, String... fields) throws IOException {
            int s = ++seq;
            send(command + "," + s + (fields.length == 0 ? "" : "," + String.join(",", fields)));
            String prefix = "," + s;
            await(command).atMost(Duration.ofSeconds(20)).until(() -> lines.stream()
                    .anyMatch(l -> (l.startsWith("ACK" + prefix + ",") || l.equals("ACK" + prefix)
                            || l.startsWith("NAK" + prefix + ","))));
            return lines.stream().filter(l -> l.startsWith("ACK" + prefix) || l.startsWith("NAK" + prefix))
                    .findFirst().orElseThrow();
        }

        List<String> events(String command) {
            return lines.stream().filter(l -> l.startsWith(command + ",")).toList();
        }

        long lastEvent() {
            return lines.stream().map(l -> l.split(",", -1)).filter(f -> !f[0].equals("ACK") && !f[0].equals("NAK"))
                    .mapToLong(f -> Long.parseLong(f[1])).max().orElse(0);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aCasePackedWhileThePlcWasAwayIsReplayedAfterTheEdgeWasKilled() throws Exception {
        Path vaultFile = dir.resolve("vault.db");
        VaultSeed.importForged(vaultFile, TortureLine.APP, 100, dir);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Conveyor belt = new Conveyor();
        Conveyor caseBelt = new Conveyor();
        LabelDecoder decoder = new LabelDecoder();
        int plcPort;
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            plcPort = s.getLocalPort();
        }
        try (LabelLog record = new LabelLog(decoder::text, dir.resolve("printed.jsonl"));
             LabelLog caseRecord = new LabelLog(decoder::text, dir.resolve("case-printed.jsonl"));
             PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, loopback, 0, record, belt, null)
                     .start();
             ScannerEmulator scanner = new ScannerEmulator(ReaderStyle.KEYENCE, belt, new ScannerFaults(1), null,
                     false, 0).listen(loopback, 0).start();
             PrinterEmulator casePrinter = new PrinterEmulator("CASE", PrinterLanguage.ZPL, loopback, 0, caseRecord,
                     caseBelt, null).start();
             // the case label is read 3 s after it is printed: time for the PLC to go away first
             ScannerEmulator caseReader = new ScannerEmulator(ReaderStyle.KEYENCE, caseBelt,
                     new ScannerFaults(2).delayRate(1.0, 3000), null, false, 0).listen(loopback, 0).start()) {
            Map<String, Object> packing = Map.of("mode", "count", "per_case", 2,
                    "case_codes", Map.of("source", "sscc", "company_prefix", "0614141", "extension", 0),
                    "case_printer", Map.of("uri", "tcp://127.0.0.1:" + casePrinter.port(), "language", "zpl"),
                    "case_scanner", Map.of("uri", "tcp://127.0.0.1:" + caseReader.port(), "no_read", "ERROR"),
                    "case_window", "20s");
            Path config = dir.resolve("edge.yaml");
            EdgeConfigFile.write(config, RigSpec.defaults(dir, 0, 1), printer.port(), scanner.port(), plcPort,
                    Map.of("packing", packing), Map.of("vault", Map.of("path", vaultFile.toString())));
            EdgeProcess edge = new EdgeProcess(config, dir.resolve("edge.log"), plcPort);
            edge.start();
            try {
                await("case printer and reader linked").atMost(Duration.ofSeconds(30))
                        .until(() -> casePrinter.connections() > 0 && caseReader.hostsConnected() > 0);
                long lastSeen;
                try (Session plc = new Session(plcPort)) {
                    assertThat(plc.call("HELLO", "2", "PLC-A")).startsWith("ACK,1,YIMA,2,L1,");
                    assertThat(plc.call("START", "JC", "SKU", "B1", "10")).isEqualTo("ACK,2,JC");
                    assertThat(plc.call("PRINT", "item-1")).startsWith("ACK,3,item-1,");
                    assertThat(plc.call("PRINT", "item-2")).startsWith("ACK,4,item-2,");
                    await("both items OK").atMost(Duration.ofSeconds(20)).until(() -> plc.events("OK").size() == 2);
                    assertThat(plc.events("CASE_PACKED")).isEmpty();
                    lastSeen = plc.lastEvent();
                } // the PLC goes away before the case label is read
                await("the case packed in the vault").atMost(Duration.ofSeconds(30))
                        .until(() -> packedCases(vaultFile) == 1);
                edge.kill(); // nothing else happened on the line since the pack
                edge.start();
                try (Session plc = new Session(plcPort)) {
                    assertThat(plc.call("HELLO", "2", "PLC-A", Long.toString(lastSeen)))
                            .isEqualTo("ACK,1,YIMA,2,L1,JC");
                    await("CASE_PACKED replayed").atMost(Duration.ofSeconds(10))
                            .until(() -> !plc.events("CASE_PACKED").isEmpty());
                    String[] f = plc.events("CASE_PACKED").get(0).split(",", -1);
                    assertThat(f[2]).isEqualTo("1");
                    assertThat(f[3]).isEqualTo(packedCaseCode(vaultFile));
                    assertThat(f[4]).isEqualTo("2");
                }
            } finally {
                edge.kill();
            }
        }
    }

    private static int packedCases(Path vaultFile) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vaultFile);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pack_unit WHERE state = 'PACKED'")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String packedCaseCode(Path vaultFile) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vaultFile);
             ResultSet rs = c.createStatement().executeQuery("SELECT code FROM pack_unit WHERE state = 'PACKED'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
