package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.yima.sim.packing.PackingLine;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackUnit;
import io.yima.vault.Sscc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases and pallets over OPC UA through Eclipse Milo's client on a whole packing line (4 items a case, 2 cases a
 * pallet, SSCC codes): the Packing variables follow the open job (cases and pallets packed, the open case's items,
 * the last case and pallet), CloseCase closes the short last case and ClosePallet the partial pallet, each
 * answering with what it closed; both are refused Bad_InvalidState with the line's reason when there is nothing
 * they may do (no job; a line that packs no cases). The rework methods (UnpackCase, ReplaceItem, VoidCase,
 * Repallet) change the vault with the MES user in the audit log, and a refusal carries the vault's reason and
 * changes nothing. Runs in simulator/pom.xml's {@code opcua-client} execution.
 */
class OpcUaPackingIT {
    static UaClient.Identity app;

    @BeforeAll
    static void clientCertificate() throws Exception {
        app = UaClient.Identity.generate("yima-it-packing");
    }

    private static Map<String, Object> opcua(Path dir) throws Exception {
        Path pki = dir.resolve("pki");
        app.trustIn(pki);
        Path password = dir.resolve("opcua.password");
        Files.writeString(password, OpcUaLineIT.PASSWORD + "\n");
        Map<String, Object> opcua = new LinkedHashMap<>();
        opcua.put("enabled", true);
        opcua.put("bind", "127.0.0.1");
        opcua.put("port", OpcUaLineIT.freePort());
        opcua.put("username", "mes");
        opcua.put("password_file", password.toString());
        opcua.put("pki_dir", pki.toString());
        return Map.of("opcua", opcua);
    }

    @Test
    void closeCaseAndClosePalletAnswerWithWhatTheyClosedAndThePackingVariablesFollow(@TempDir Path dir)
            throws Exception {
        try (PackingLine line = new PackingLine(dir, 40, 4, new ScannerFaults(1), new ScannerFaults(3), null,
                Duration.ofSeconds(5), Map.of("packing", Map.of("per_pallet", 2)), 0, opcua(dir));
             UaClient ua = UaClient.connect(line.edge.opcuaEndpointUrl(), app,
                     new UsernameProvider("mes", OpcUaLineIT.PASSWORD))) {
            CallMethodResult noJob = ua.call("L1", "CloseCase");
            assertThat(noJob.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
            assertThat(noJob.getOutputArguments()[0].getValue()).isEqualTo("NO_JOB");
            assertThat(ua.call("L1", "ClosePallet").getOutputArguments()[0].getValue()).isEqualTo("NO_JOB");

            CallMethodResult started = ua.call("L1", "StartJob", "J-UA-PACK", "SKU-P", "B1", uint(10), "STREAM", "");
            assertThat(started.getStatusCode().isGood()).as("%s", started).isTrue();
            // 10 items: cases 1 and 2 close by count (pallet 1 closes with them), 2 items wait in case 3
            // The counts and the last results are refreshed on the same 100 ms tick from two sources, the line's
            // counters are a third source on their own tick, and each refresh sets its variables one after the
            // other: every variable asserted is read inside the wait.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(ua.read("L1/Packing/CasesPacked")).isEqualTo(uint(2));
                assertThat(ua.read("L1/Packing/OpenCaseItems")).isEqualTo(uint(2));
                assertThat(ua.read("L1/Packing/PalletsPacked")).isEqualTo(uint(1));
                assertThat(ua.read("L1/Packing/OpenPalletCases")).isEqualTo(uint(0));
                assertThat(ua.read("L1/Packing/LastCase/Number")).isEqualTo(2L);
                assertThat(ua.read("L1/Packing/LastCase/PackedElements")).isEqualTo(uint(4));
                assertThat(ua.read("L1/Packing/LastPallet/Result")).isEqualTo("PACKED");
                assertThat(ua.read("L1/Packing/LastPallet/PackedElements")).isEqualTo(uint(2));
                assertThat(ua.read("L1/Counters/Bound")).isEqualTo(uint(10));
            });

            CallMethodResult closed = ua.call("L1", "CloseCase");
            assertThat(closed.getStatusCode().isGood()).as("%s", closed).isTrue();
            assertThat(closed.getOutputArguments()[2].getValue()).as("items in the short case").isEqualTo(uint(2));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(ua.read("L1/Packing/CasesPacked")).isEqualTo(uint(3));
                assertThat(ua.read("L1/Packing/OpenCaseItems")).isEqualTo(uint(0));
                assertThat(ua.read("L1/Packing/LastCase/Number")).isEqualTo(3L);
                assertThat(ua.read("L1/Packing/LastCase/Result")).isEqualTo("PACKED");
                assertThat(ua.read("L1/Packing/LastCase/Reason")).isEqualTo("");
                // set after ParentElement: once it shows 2, ParentElement is case 3's
                assertThat(ua.read("L1/Packing/LastCase/PackedElements")).isEqualTo(uint(2));
            });
            String case3 = Sscc.digitsOf((String) ua.read("L1/Packing/LastCase/ParentElement"));
            assertThat(line.vault().packing().unit(case3).orElseThrow().children()).hasSize(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> uint(1).equals(ua.read("L1/Packing/OpenPalletCases")));

            CallMethodResult pallet = ua.call("L1", "ClosePallet");
            assertThat(pallet.getStatusCode().isGood()).as("%s", pallet).isTrue();
            assertThat(pallet.getOutputArguments()[2].getValue()).as("cases on the partial pallet").isEqualTo(uint(1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(ua.read("L1/Packing/PalletsPacked")).isEqualTo(uint(2));
                assertThat(ua.read("L1/Packing/LastPallet/Number")).isEqualTo(2L);
                assertThat(ua.read("L1/Packing/LastPallet/PackedElements")).isEqualTo(uint(1)); // after ParentElement
                assertThat(ua.read("L1/Packing/OpenPalletCases")).isEqualTo(uint(0));
            });
            String pallet2 = Sscc.digitsOf((String) ua.read("L1/Packing/LastPallet/ParentElement"));
            List<PackUnit> pallets = line.vault().packing().units("J-UA-PACK", PackLevel.PALLET);
            assertThat(pallets).extracting(PackUnit::code).hasSize(2).endsWith(pallet2);
            assertThat(pallets.get(1).children()).containsExactly(case3);
            assertThat(ua.read("L1/Packing/CasesRejected")).isEqualTo(uint(0));
        }
    }

    @Test
    void aLineThatPacksNoCasesRefusesCloseCaseInvalidState(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, 20, new ScannerFaults(1), Map.of(), opcua(dir));
             UaClient ua = UaClient.connect(line.edge().opcuaEndpointUrl(), app,
                     new UsernameProvider("mes", OpcUaLineIT.PASSWORD))) {
            CallMethodResult r = ua.call("L1", "CloseCase");
            assertThat(r.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
            assertThat(r.getOutputArguments()[0].getValue()).isEqualTo("WRONG_MODE");
            assertThat(r.getOutputArguments()[1].getValue()).asString().contains("packs no cases");
            CallMethodResult p = ua.call("L1", "ClosePallet");
            assertThat(p.getOutputArguments()[0].getValue()).isEqualTo("WRONG_MODE");
            assertThat(ua.read("L1/Packing/CasesPacked")).isEqualTo(uint(0));
            assertThat(ua.read("L1/Packing/LastCase/Result")).isEqualTo("");
        }
    }

    @Test
    void reworkMethodsChangeTheVaultAsTheMesUserAndARefusalChangesNothing(@TempDir Path dir) throws Exception {
        try (PackingLine line = new PackingLine(dir, 40, 4, new ScannerFaults(1), new ScannerFaults(3), null,
                Duration.ofSeconds(5), Map.of(), 0, opcua(dir));
             UaClient ua = UaClient.connect(line.edge.opcuaEndpointUrl(), app,
                     new UsernameProvider("mes", OpcUaLineIT.PASSWORD))) {
            CallMethodResult started = ua.call("L1", "StartJob", "J-UA-RW", "SKU-P", "B1", uint(8), "STREAM", "");
            assertThat(started.getStatusCode().isGood()).as("%s", started).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> uint(2).equals(ua.read("L1/Packing/CasesPacked")));
            List<PackUnit> cases = line.vault().packing().units("J-UA-RW", PackLevel.CASE);
            String case1 = cases.get(0).code();
            String case2 = cases.get(1).code();
            String old = cases.get(1).children().get(0);

            CallMethodResult tooLong = ua.call("L1", "UnpackCase", "9".repeat(401), "");
            assertThat(tooLong.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidArgument);
            assertThat(tooLong.getOutputArguments()[1].getValue()).asString().contains("at most 400");

            CallMethodResult unpacked = ua.call("L1", "UnpackCase", case1, "label torn");
            assertThat(unpacked.getStatusCode().isGood()).as("%s", unpacked).isTrue();
            assertThat(unpacked.getOutputArguments()[2].getValue()).isEqualTo("CASE");
            assertThat(unpacked.getOutputArguments()[3].getValue()).isEqualTo(uint(4));
            assertThat(line.vault().packing().unit(case1).orElseThrow().state()).isEqualTo(PackState.UNPACKED);
            assertThat(audit(line, "UNPACK")).singleElement().asString()
                    .contains("\"by\":\"opcua user 'mes' at 127.0.0.1\"").contains("label torn");

            List<String> before = line.vault().packing().unit(case2).orElseThrow().children();
            CallMethodResult foreign = ua.call("L1", "ReplaceItem", case2, old, "ZZZZ");
            assertThat(foreign.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
            assertThat(foreign.getOutputArguments()[0].getValue()).isEqualTo("FOREIGN");
            assertThat(foreign.getOutputArguments()[1].getValue()).asString().contains("ZZZZ");
            assertThat(line.vault().packing().unit(case2).orElseThrow().children()).isEqualTo(before);

            String fresh = cases.get(0).children().get(0); // free since the unpack
            CallMethodResult replaced = ua.call("L1", "ReplaceItem", case2, old, fresh);
            assertThat(replaced.getStatusCode().isGood()).as("%s", replaced).isTrue();
            assertThat(replaced.getOutputArguments()[2].getValue()).isEqualTo(uint(4));
            assertThat(line.vault().packing().unit(case2).orElseThrow().children()).contains(fresh).doesNotContain(old);
            assertThat(audit(line, "REPLACE")).singleElement().asString().contains("opcua user 'mes'");

            CallMethodResult voided = ua.call("L1", "VoidCase", case1, "");
            assertThat(voided.getStatusCode().isGood()).as("%s", voided).isTrue();
            assertThat(line.vault().packing().unit(case1).orElseThrow().state()).isEqualTo(PackState.VOIDED);
            CallMethodResult unknown = ua.call("L1", "VoidCase", "106141419999999990", "");
            assertThat(unknown.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_NotFound);
            assertThat(unknown.getOutputArguments()[0].getValue()).isEqualTo("UNKNOWN_UNIT");

            CallMethodResult repallet = ua.call("L1", "Repallet", uint(0));
            assertThat(repallet.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_InvalidState);
            assertThat(repallet.getOutputArguments()[0].getValue()).isEqualTo("WRONG_MODE");
        }
    }

    /** The vault's audit rows of one kind, as their JSON. */
    private static List<String> audit(PackingLine line, String kind) {
        return line.vault().read(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("SELECT json FROM event WHERE kind = ? ORDER BY rowid")) {
                ps.setString(1, kind);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
