package io.yima.sim.line;

import static io.yima.sim.line.ModbusScript.concat;
import static io.yima.sim.line.ModbusScript.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.scanner.ScannerFaults;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Modbus register handshake of docs/modbus.md, as a script of requests and expected responses against the real
 * edge (server mode) on a whole emulated line: bounds, START, triggers, a write whose reply was lost, a duplicate
 * trigger, a trigger write that never arrived, a reconnect mid-job, an edge restart, CLOSE and its account.
 * The printer emulator's label count is the independent record that nothing was printed twice.
 */
class ModbusConversationIT {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    // docs/modbus.md offsets
    static final int PLC_HEARTBEAT = 0;
    static final int TRIGGER = 1;
    static final int RESULT_ACK = 4;
    static final int COMMAND = 6;
    static final int MAP_VERSION = 65;
    static final int TRIGGER_ECHO = 68;
    static final int COMMAND_ECHO = 74;
    static final int CLOSED_ACCOUNT = 86;
    static final int RESULT_COUNT = 94;
    static final int RESULTS = 95;
    static final int JOB_ID = 135;
    static final int MESSAGE = 151;
    static final int OK = 1;

    /** START's command block (offsets 6–59): counter, code 1, quantity, mode, symbol, job, sku, batch. */
    static int[] start(int counter, int quantity, String job, String sku, String batch) {
        return concat(new int[] {counter, 1, quantity >> 16, quantity & 0xFFFF, 1, 1}, text(job), text(sku),
                text(batch));
    }

    /** The result slots in use: {number, item, code} each. */
    static List<long[]> results(ModbusScript plc) throws Exception {
        int[] w = plc.read(RESULT_COUNT, 41);
        List<long[]> out = new ArrayList<>();
        for (int k = 0; k < w[0]; k++) {
            int at = 1 + 5 * k;
            out.add(new long[] {(long) w[at] << 16 | w[at + 1], (long) w[at + 2] << 16 | w[at + 3], w[at + 4]});
        }
        return out;
    }

    static List<Long> items(List<long[]> slots) {
        return slots.stream().map(s -> s[1]).toList();
    }

    @Test
    void theHandshakeSurvivesLostWritesDuplicatesAReconnectAndAnEdgeRestart(@TempDir Path dir) throws Exception {
        Map<String, Object> modbus = Map.of("modbus", Map.of("mode", "server", "bind", "127.0.0.1", "port", 0));
        try (LiveLine line = new LiveLine(dir, 50, new ScannerFaults(1), modbus)) {
            ModbusScript plc = new ModbusScript(line.edge().modbusPort(LiveLine.LINE));

            // the PLC's cyclic words (heartbeat, trigger, item, result ack) → the edge shows its map
            plc.write(PLC_HEARTBEAT, 1, 0, 0, 0, 0, 0).awaitRead(MAP_VERSION, 2);
            // bounds: the edge area is not writable, reads stop at offset 166, at most 125 registers per read
            plc.writeRefused(64, 1, 2).writeRefused(60, 4, 2).readRefused(160, 10, 2).readRefused(0, 126, 3);

            // a START with an empty SKU is refused BAD_FIELD (10) naming the field; then a good START
            plc.write(COMMAND, start(1, 5, "J-MB-1", "", "B7")).awaitRead(COMMAND_ECHO, 1, 10);
            assertThat(plc.text(MESSAGE)).isEqualTo("BAD_FIELD: sku is empty");
            plc.write(COMMAND, start(2, 5, "J-MB-1", "SKU-42", "B7")).awaitRead(COMMAND_ECHO, 2, OK);

            // trigger 1, item 1 → echo 1, OK, item 1, index 0; one label
            plc.write(TRIGGER, 1, 0, 1).awaitRead(TRIGGER_ECHO, 1, OK, 0, 1, 0, 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> line.printer().labelsPrinted() == 1);
            // the reply to that write was lost, so the PLC writes the same counter again: nothing happens
            plc.write(TRIGGER, 1, 0, 1).awaitRead(TRIGGER_ECHO, 1, OK, 0, 1, 0, 0);
            // a duplicate trigger (new counter, same item) is answered with the same index and prints nothing
            plc.write(TRIGGER, 2, 0, 1).awaitRead(TRIGGER_ECHO, 2, OK, 0, 1, 0, 0);
            // trigger 3 for item 2 never reached the edge (lost write); after its timeout the PLC writes 4
            plc.write(TRIGGER, 4, 0, 2).awaitRead(TRIGGER_ECHO, 4, OK, 0, 2, 0, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> line.printer().labelsPrinted() == 2);

            // both results arrive in the slots, oldest first, code 1 (bound)
            await().atMost(Duration.ofSeconds(10)).until(() -> results(plc).size() == 2);
            List<long[]> slots = results(plc);
            assertThat(items(slots)).containsExactly(1L, 2L);
            assertThat(slots).allSatisfy(s -> assertThat(s[2]).isEqualTo(OK));
            long first = slots.get(0)[0];
            // the PLC acknowledges item 1's result: it leaves the slots
            plc.write(RESULT_ACK, (int) (first >> 16), (int) first & 0xFFFF);
            await().atMost(Duration.ofSeconds(5)).until(() -> items(results(plc)).equals(List.of(2L)));

            // the cable is pulled mid-job; the PLC reconnects: unacknowledged results are still there
            plc.close();
            ModbusScript again = new ModbusScript(line.edge().modbusPort(LiveLine.LINE));
            assertThat(items(results(again))).containsExactly(2L);
            // (its first write is retried while the edge has not yet seen the old connection, the writer, close)
            again.awaitWrite(PLC_HEARTBEAT, 2, 4, 0, 2, (int) (first >> 16), (int) first & 0xFFFF)
                    .write(TRIGGER, 5, 0, 3).awaitRead(TRIGGER_ECHO, 5, OK, 0, 3, 0, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> items(results(again)).equals(List.of(2L, 3L)));
            again.close();

            // the edge restarts (service restart); the PLC reconnects and writes its cyclic words: the stale
            // counter 5 is taken as handled (echo 0), results above its RESULT_ACK are replayed (items 2 and 3)
            line.restartEdge();
            ModbusScript after = new ModbusScript(line.edge().modbusPort(LiveLine.LINE));
            after.write(PLC_HEARTBEAT, 3, 5, 0, 3, (int) (first >> 16), (int) first & 0xFFFF)
                    .awaitRead(MAP_VERSION, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> items(results(after)).equals(List.of(2L, 3L)));
            assertThat(after.read(TRIGGER_ECHO, 1)).containsExactly(0);
            // not sure item 3 was answered, the PLC repeats it with a new counter: same index, nothing printed
            after.write(TRIGGER, 6, 0, 3).awaitRead(TRIGGER_ECHO, 6, OK, 0, 3, 0, 2);
            after.write(TRIGGER, 7, 0, 4).awaitRead(TRIGGER_ECHO, 7, OK, 0, 4, 0, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> items(results(after)).equals(List.of(2L, 3L, 4L)));
            assertThat(line.printer().labelsPrinted()).as("four items, four labels").isEqualTo(4);

            // an unknown command code is refused 23; CLOSE (code 3) answers OK and shows the closing account
            after.write(COMMAND, 3, 9).awaitRead(COMMAND_ECHO, 3, 23);
            after.write(COMMAND, 4, 3).awaitRead(COMMAND_ECHO, 4, OK);
            after.awaitRead(CLOSED_ACCOUNT, 0, 4, 0, 4, 0, 0, 0, 0);
            assertThat(after.text(JOB_ID)).isEqualTo("J-MB-1");
            assertThat(line.vault().jobReport("J-MB-1").printed()).isEqualTo(4);
            assertThat(line.printer().labelsPrinted()).isEqualTo(4);
            // the vault's audit names the Modbus peer that opened and closed the job
            for (String kind : List.of("JOB_OPEN", "JOB_CLOSED")) {
                assertThat(VaultAudit.bodies(line.vault(), kind)).as(kind).singleElement().asString()
                        .containsPattern("\"by\":\"modbus 127\\.0\\.0\\.1:[0-9]+ unit 1\"");
            }
            after.close();
        }
    }

    /** One request on a raw socket, the whole answer in hex ("00 07 00 00 00 03 01 ab 01"). */
    private static String exchange(Socket s, String request) throws Exception {
        s.getOutputStream().write(HEX.parseHex(request));
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] mbap = new byte[6];
        in.readFully(mbap);
        byte[] rest = new byte[(mbap[4] & 0xFF) << 8 | mbap[5] & 0xFF];
        in.readFully(rest);
        return HEX.formatHex(mbap) + " " + HEX.formatHex(rest);
    }

    @Test
    void probesAndASecondWriterAreAnsweredAndCountedInTheDaemonsMetrics(@TempDir Path dir) throws Exception {
        Map<String, Object> modbus = Map.of("modbus", Map.of("mode", "server", "bind", "127.0.0.1", "port", 0));
        try (LiveLine line = new LiveLine(dir, 10, new ScannerFaults(1), modbus)) {
            int port = line.edge().modbusPort(LiveLine.LINE);
            InetAddress edge = InetAddress.getByName("127.0.0.1");
            try (Socket plc = new Socket(edge, port, InetAddress.getByName("127.0.0.1"), 0);
                 Socket other = new Socket(edge, port, InetAddress.getByName("127.0.0.2"), 0)) {
                plc.setSoTimeout(5000);
                other.setSoTimeout(5000);
                // a scanner's "read device identification" and a diagnostic: exception 1, the connection stays
                assertThat(exchange(plc, "00 01 00 00 00 05 01 2b 0e 01 00")).isEqualTo("00 01 00 00 00 03 01 ab 01");
                assertThat(exchange(plc, "00 02 00 00 00 06 01 08 00 00 12 34")).isEqualTo("00 02 00 00 00 03 01 88 01");
                assertThat(exchange(plc, "00 03 00 00 00 06 01 06 00 00 00 07")).isEqualTo("00 03 00 00 00 06 01 06 00 00 00 07");
                // another host writing the PLC's block: exception 6
                assertThat(exchange(other, "00 04 00 00 00 06 01 06 00 00 00 09")).isEqualTo("00 04 00 00 00 03 01 86 06");
            }
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + line.statusPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body())
                    .containsPattern("yima_requests_refused_total\\{port=\"modbus:L1\",reason=\"illegal_function\"} 2(\\.0)?\\b")
                    .containsPattern("yima_requests_refused_total\\{port=\"modbus:L1\",reason=\"in_use\"} 1(\\.0)?\\b");
        }
    }

    /** One client's triggers: the items it wrote, the items in the echoes it took as its answers, its refusals. */
    private record Triggers(List<Long> wrote, List<Long> answered, List<Integer> exceptions) { }

    /**
     * A PLC written like docs/modbus.md's S7 example: trigger {@code n} for item {@code firstItem + n - 1}, then
     * poll until the block's echo has reached {@code n}; an echo of exactly {@code n} with status OK is taken as the
     * answer and its item recorded. A write refused with a Modbus exception is recorded and its echo not taken; the
     * client still waits for the echo to reach {@code n}, so both clients write each counter at about the same time.
     */
    private static Triggers trigger(ModbusScript client, long firstItem, int count) throws Exception {
        Triggers t = new Triggers(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int n = 1; n <= count; n++) {
            long item = firstItem + n - 1;
            int refused = client.writeOrException(TRIGGER, n, (int) (item >> 16), (int) item & 0xFFFF);
            if (refused != 0) {
                t.exceptions().add(refused);
            } else {
                t.wrote().add(item);
            }
            int counter = n;
            int[] echo = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(2))
                    .until(() -> client.read(TRIGGER_ECHO, 4), w -> w[0] >= counter);
            if (refused == 0 && echo[0] == counter && echo[1] == OK) {
                t.answered().add((long) echo[2] << 16 | echo[3]);
            }
        }
        return t;
    }

    /**
     * Issue 19: two clients on the same host (two programs on 127.0.0.1) writing the same block at the same time
     * with the same trigger counters. The first to write owns the block: every OK it reads echoes its own item; the
     * other gets exception 6 for each write and never an answer, so no answer crosses; only the owner's items are
     * labelled.
     */
    @Test
    void twoClientsOnOneHostWritingTheSameBlockNeverCrossTheirAnswers(@TempDir Path dir) throws Exception {
        int triggers = 30;
        Map<String, Object> modbus = Map.of("modbus", Map.of("mode", "server", "bind", "127.0.0.1", "port", 0));
        try (LiveLine line = new LiveLine(dir, 80, new ScannerFaults(1), modbus);
             ModbusScript owner = new ModbusScript(line.edge().modbusPort(LiveLine.LINE));
             ModbusScript second = new ModbusScript(line.edge().modbusPort(LiveLine.LINE))) {
            owner.write(PLC_HEARTBEAT, 1, 0, 0, 0, 0, 0).awaitRead(MAP_VERSION, 2);
            owner.write(COMMAND, start(1, triggers, "J-MB-2", "SKU-42", "B7")).awaitRead(COMMAND_ECHO, 1, OK);
            assertThat(second.read(MAP_VERSION, 1)).as("the second client reads the block").containsExactly(2);

            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                Future<Triggers> ownerRun = both.submit(() -> {
                    go.await();
                    return trigger(owner, 1_000_001L, triggers);
                });
                Future<Triggers> secondRun = both.submit(() -> {
                    go.await();
                    return trigger(second, 2_000_001L, triggers);
                });
                go.countDown();
                Triggers mine = ownerRun.get(60, TimeUnit.SECONDS);
                Triggers other = secondRun.get(60, TimeUnit.SECONDS);

                // no answer crosses: each item a client took as answered is one it wrote itself
                assertThat(mine.answered()).as("answers the owner read").allMatch(mine.wrote()::contains);
                assertThat(other.answered()).as("answers the second client read").allMatch(other.wrote()::contains);
                assertThat(mine.exceptions()).as("the owner's writes refused").isEmpty();
                assertThat(mine.answered()).as("every OK the owner read echoes its own item")
                        .hasSize(triggers).containsExactlyElementsOf(mine.wrote());
                assertThat(other.wrote()).as("the second client's writes taken").isEmpty();
                assertThat(other.answered()).as("answers the second client read").isEmpty();
                assertThat(other.exceptions()).as("exception 6 for each of its writes")
                        .hasSize(triggers).containsOnly(6);
            } finally {
                both.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> line.printer().labelsPrinted() == triggers);
            assertThat(line.vault().jobReport("J-MB-2").printed()).as("only the owner's items").isEqualTo(triggers);
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + line.statusPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).containsPattern(
                    "yima_requests_refused_total\\{port=\"modbus:L1\",reason=\"in_use\"} " + triggers + "(\\.0)?\\b");
        }
    }
}
