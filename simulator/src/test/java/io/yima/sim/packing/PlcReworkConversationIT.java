package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.cli.YimaEdge;
import io.yima.drivers.transport.LinkState;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeState;
import io.yima.vault.ExportOutbox;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackUnit;
import io.yima.vault.Sscc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The rework station's conversation (ASCII protocol version 2, docs/plc-protocol.md "Rework") over a real socket
 * with a running line on the simulator: UNPACK, REPLACE and VOID_CASE change the vault as the CLI's rework does,
 * audited with the PLC as the operator and exported as EPCIS AggregationEvents; a refusal is a NAK with the vault's
 * reason and changes nothing; REPALLET puts the cases of a pallet rejected for a printer fault on a new pallet.
 */
class PlcReworkConversationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void unpackReplaceAndVoidAreAuditedWithThePlcAndExportedAndARefusalChangesNothing() throws Exception {
        try (PackingLine line = new PackingLine(dir, 20, 2, new ScannerFaults(1), new ScannerFaults(2), null,
                Duration.ofSeconds(5), Map.of())) {
            new ExportOutbox(line.vault()).enable(true); // as the MQTT export does: aggregation rows go out
            try (PackingPlc old = new PackingPlc(line.plcPort(), line.packer)) {
                assertThat(old.call("HELLO", "1", "PLC-RW")).isEqualTo("ACK,1,YIMA,1,L1,");
                assertThat(old.call("UNPACK", "106141410000000015")).as("version 1: no rework")
                        .isEqualTo("NAK,2,UNKNOWN_COMMAND,UNPACK is protocol version 2 (HELLO%2Cseq%2C2%2C%E2%80%A6)");
            }
            try (PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
                assertThat(plc.call("HELLO", "2", "PLC-RW")).isEqualTo("ACK,1,YIMA,2,L1,");
                assertThat(plc.call("START", "JRW", "SKU", "B1", "10")).isEqualTo("ACK,2,JRW");
                for (int i = 1; i <= 6; i++) {
                    assertThat(plc.call("PRINT", "item-" + i)).startsWith("ACK,");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> plc.ok.size() == 6 && plc.cases.size() == 3);
                plc.cases.values().forEach(r -> assertThat(r.packed()).as("%s", r).isTrue());
                String case1 = plc.cases.get(1L).caseCode();
                String case2 = plc.cases.get(2L).caseCode();
                String case3 = plc.cases.get(3L).caseCode();
                String item1 = plc.ok.get("item-1");
                String item3 = plc.ok.get("item-3");
                String item5 = plc.ok.get("item-5");

                // bounded fields, checked before the vault
                assertThat(ask(plc, "UNPACK")).startsWith("NAK,BAD_FIELD,UNPACK takes 1 to 2 fields");
                assertThat(ask(plc, "UNPACK", "9".repeat(65))).isEqualTo(
                        "NAK,BAD_FIELD,code: a code is at most 64 characters");
                assertThat(ask(plc, "VOID_CASE", "%01")).startsWith("NAK,BAD_FIELD,code: a code is visible ASCII");
                assertThat(ask(plc, "REPALLET")).as("no per_pallet")
                        .startsWith("NAK,WRONG_MODE,this line builds no pallets");

                // unpack case 1: its items leave it and are free; the audit row names the PLC
                assertThat(ask(plc, "UNPACK", case1, "label%20torn")).isEqualTo("ACK,CASE," + case1 + ",2");
                PackUnit unpacked = line.vault().packing().unit(case1).orElseThrow();
                assertThat(unpacked.state()).isEqualTo(PackState.UNPACKED);
                assertThat(unpacked.children()).isEmpty();
                assertThat(line.vault().packing().tree(item1).parent()).as("item 1 is free").isEmpty();
                assertThat(line.vault().byCode(item1).orElseThrow().state()).isEqualTo(CodeState.BOUND);
                assertThat(audit(line, "UNPACK")).singleElement().satisfies(j -> assertThat(j)
                        .contains("\"by\":\"plc PLC-RW at 127.0.0.1:").contains("label torn").contains(case1));
                assertThat(ask(plc, "UNPACK", case1)).isEqualTo("NAK,NOT_PACKED,case " + case1
                        + " is UNPACKED%2C not PACKED");

                // replace with a code of no job of this vault, then with an item packed in case 3: refused, nothing
                // changes
                List<String> before = line.vault().packing().unit(case2).orElseThrow().children();
                assertThat(ask(plc, "REPLACE", case2, item3, "ZZZZ")).isEqualTo(
                        "NAK,FOREIGN,code ZZZZ is not a code of this vault");
                assertThat(ask(plc, "REPLACE", case2, item3, item5)).isEqualTo(
                        "NAK,ALREADY_PACKED,code " + item5 + " is already in " + case3);
                assertThat(ask(plc, "REPLACE", case2, item5, item1)).startsWith("NAK,NOT_A_CHILD,");
                assertThat(line.vault().packing().unit(case2).orElseThrow().children()).isEqualTo(before);
                assertThat(audit(line, "REPLACE")).isEmpty();

                // replace the damaged item 3 by item 1 (free since the unpack)
                assertThat(ask(plc, "REPLACE", case2, item3, item1)).isEqualTo("ACK," + case2 + ",2");
                assertThat(line.vault().packing().unit(case2).orElseThrow().children())
                        .containsExactlyInAnyOrder(plc.ok.get("item-4"), item1);
                assertThat(line.vault().packing().tree(item3).parent()).as("item 3 left the case").isEmpty();
                assertThat(audit(line, "REPLACE")).singleElement().satisfies(j -> assertThat(j)
                        .contains("\"by\":\"plc PLC-RW at 127.0.0.1:"));

                // void: case 3 packed (its items leave first), the unpacked case 1; an unknown code
                assertThat(ask(plc, "VOID_CASE", case3)).isEqualTo("ACK,CASE," + case3);
                assertThat(line.vault().packing().unit(case3).orElseThrow().state()).isEqualTo(PackState.VOIDED);
                assertThat(line.vault().packing().tree(item5).parent()).isEmpty();
                assertThat(ask(plc, "VOID_CASE", case1, "case%20crushed")).isEqualTo("ACK,CASE," + case1);
                assertThat(ask(plc, "VOID_CASE", "106141419999999990")).startsWith("NAK,UNKNOWN_UNIT,");
                assertThat(audit(line, "VOID_CASE")).hasSize(2).allSatisfy(j -> assertThat(j)
                        .contains("\"by\":\"plc PLC-RW at 127.0.0.1:"));

                // the export: DELETE for the unpack, DELETE + ADD for the replace, DELETE for the packed case voided
                Path file = dir.resolve("JRW.jsonld");
                assertThat(cli("export", "--vault", dir.resolve("vault.db").toString(), "--site", "site-1", "--edge",
                        "edge-1", "--time-zone", "Asia/Shanghai", "--job", "JRW", "--format", "epcis", "--out",
                        file.toString())).isZero();
                List<String> rework = new ArrayList<>();
                JSON.readTree(file.toFile()).path("epcisBody").path("eventList").forEach(e -> {
                    if (e.path("type").asText().equals("AggregationEvent")
                            && !e.path("yima:change").asText().equals("PACK")) {
                        rework.add(e.path("yima:change").asText() + " " + e.path("action").asText() + " "
                                + e.path("yima:parentCode").asText() + " " + children(e));
                    }
                });
                assertThat(rework).containsExactly(
                        "UNPACK DELETE " + case1 + " 2",
                        "REPLACE DELETE " + case2 + " 1",
                        "REPLACE ADD " + case2 + " 1",
                        "VOID DELETE " + case3 + " 2");
            }
        }
    }

    @Test
    void repalletPutsTheCasesOfAPalletRejectedForAPrinterFaultOnANewPallet() throws Exception {
        try (PackingLine line = new PackingLine(dir, 40, 2, new ScannerFaults(3), new ScannerFaults(4), null,
                Duration.ofSeconds(5), Map.of("packing", Map.of("per_pallet", 2)));
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            assertThat(plc.call("HELLO", "2", "PLC-RW")).isEqualTo("ACK,1,YIMA,2,L1,");
            assertThat(plc.call("REPALLET")).as("no job open").startsWith("NAK,2,NO_JOB");
            assertThat(plc.call("START", "JRP", "SKU", "B1", "20")).isEqualTo("ACK,3,JRP");
            print(plc, 1, 4); // cases 1, 2: pallet 1
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 1);
            assertThat(plc.pallets.get(1L).packed()).isTrue();

            // the pallet printer is off: pallet 2 (cases 3, 4) is rejected, its cases stay on no pallet
            line.palletPrinter.faults().powerCycle(4_000);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    line.edge.caseDevices(PackingLine.LINE).palletPrinterLink() != LinkState.ONLINE);
            print(plc, 5, 8);
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 2);
            assertThat(plc.pallets.get(2L).reason()).isEqualTo("PRINTER_FAULT");
            print(plc, 9, 10); // case 5 waits on the open pallet: not the rework's
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.cases.size() == 5);

            // the printer is back: the rework station re-pallets the rejected pallet's 2 cases
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                    plc.call("PING").startsWith("ACK") // the PLC keeps its session while the printer is off
                            && line.edge.caseDevices(PackingLine.LINE).palletPrinterLink() == LinkState.ONLINE);
            assertThat(ask(plc, "REPALLET", "2")).isEqualTo("ACK,2");
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 3);
            PackingPlc.PalletResult again = plc.pallets.get(3L);
            assertThat(again.packed()).as("%s", again).isTrue();
            assertThat(again.palletCode()).isNotEqualTo(plc.pallets.get(2L).palletCode());
            PackUnit pallet = line.vault().packing().unit(again.palletCode()).orElseThrow();
            assertThat(pallet.children()).containsExactly(Sscc.digitsOf(plc.cases.get(3L).caseCode()),
                    Sscc.digitsOf(plc.cases.get(4L).caseCode()));
            assertThat(line.palletLabels()).anyMatch(l -> l.contains(Sscc.digitsOf(again.palletCode())));
            assertThat(audit(line, "REPALLET")).singleElement().satisfies(j -> assertThat(j)
                    .contains("\"by\":\"plc PLC-RW at 127.0.0.1:").contains("JRP"));
            assertThat(ask(plc, "REPALLET")).as("case 5 is on the open pallet, no other waits").isEqualTo("ACK,0");
            assertThat(plc.call("CLOSE")).endsWith(",JRP");
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 4);
            assertThat(line.vault().packing().units("JRP", PackLevel.PALLET)).hasSize(3);
        }
    }

    /** Sends a request and returns its reply without the sequence number ({@code ACK,…} or {@code NAK,REASON,…}). */
    private static String ask(PackingPlc plc, String command, String... fields) throws Exception {
        return plc.call(command, fields).replaceFirst("^(ACK|NAK),\\d+", "$1");
    }

    private static int children(JsonNode e) {
        return e.path("childEPCs").size();
    }

    /** The vault's audit rows of one kind, as their JSON. */
    private static List<String> audit(PackingLine line, String kind) {
        return line.vault().read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM event WHERE kind = ? ORDER BY rowid")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** PRINT items {@code from}..{@code to} at 40 a second and waits for their results. */
    private static void print(PackingPlc plc, int from, int to) throws Exception {
        long next = System.nanoTime();
        for (int i = from; i <= to; i++) {
            LockSupport.parkNanos(next - System.nanoTime()); // the line's pace, not a synchronisation
            next += 25_000_000L;
            assertThat(plc.call("PRINT", "item-" + i)).startsWith("ACK,");
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> plc.results() == to);
    }

    private int cli(String... args) {
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        assertThat(err.toString()).as("the command's errors").isEmpty();
        return exit;
    }
}
