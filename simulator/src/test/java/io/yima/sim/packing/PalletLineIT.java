package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.cli.YimaEdge;
import io.yima.drivers.transport.LinkState;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackTree;
import io.yima.vault.PackUnit;
import io.yima.vault.Sscc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Pallets driven by the line ({@code packing.per_pallet}) on a whole emulated line over the ASCII PLC protocol
 * (version 2): 12 items a case, 5 cases a pallet, the pallet's SSCC label on a pallet printer of its own. Judged
 * against the case packer's record, the PLC's CASE/PALLET results and the pallet printer's labels: every packed
 * case on exactly one pallet, the vault's tree as the packer and the PLC saw it, the job report and the EPCIS
 * export showing the pallets. A partial pallet closes on CLOSE_PALLET; a pallet whose label cannot be sent (the
 * pallet printer off) is rejected and its cases stay packed, on no pallet.
 */
class PalletLineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> PER_PALLET_5 = Map.of("packing", Map.of("per_pallet", 5));

    @TempDir
    Path dir;

    @Test
    void twoHundredFortyItemsMakeFourPalletsOfFiveCasesEachCaseOnExactlyOne() throws Exception {
        try (PackingLine line = new PackingLine(dir, 300, 12, new ScannerFaults(7), new ScannerFaults(11), null,
                Duration.ofSeconds(5), PER_PALLET_5);
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            new ExportOutbox(line.vault()).enable(true); // as the MQTT export does: aggregation rows go out
            int issued = PackingRun.run(line, plc, "JPAL", 240, 40);
            assertThat(issued).isEqualTo(240);
            assertThat(plc.ok).hasSize(240);
            assertThat(plc.cases).hasSize(20);
            assertThat(plc.cases.values()).allMatch(PackingPlc.CaseResult::packed);
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 4);
            assertThat(plc.caseFramesTwice).isEmpty();

            CodeVault vault = line.vault();
            List<PackUnit> pallets = vault.packing().units("JPAL", PackLevel.PALLET);
            assertThat(pallets).hasSize(4);
            List<String> caseCodes = new ArrayList<>();
            for (long n = 1; n <= 20; n++) {
                caseCodes.add(Sscc.digitsOf(plc.cases.get(n).caseCode()));
            }
            Set<String> onAPallet = new HashSet<>();
            for (long p = 1; p <= 4; p++) {
                PackingPlc.PalletResult r = plc.pallets.get(p);
                assertThat(r.packed()).as("pallet %s: %s", p, r).isTrue();
                assertThat(r.cases()).isEqualTo(5);
                PackUnit unit = vault.packing().unit(r.palletCode()).orElseThrow();
                assertThat(unit.state()).isEqualTo(PackState.PACKED);
                assertThat(r.palletCode()).as("the SSCC's 18 digits").isEqualTo(unit.code()).hasSize(18);
                List<String> expected = caseCodes.subList((int) (p - 1) * 5, (int) p * 5);
                assertThat(unit.children()).as("pallet %s holds cases %s..%s in packing order", p, (p - 1) * 5 + 1,
                        p * 5).containsExactlyElementsOf(expected);
                for (String c : unit.children()) {
                    assertThat(onAPallet.add(c)).as("case %s on two pallets", c).isTrue();
                }
            }
            assertThat(onAPallet).containsExactlyInAnyOrderElementsOf(caseCodes);
            // the pallet printer printed each pallet's SSCC once, in order
            assertThat(line.palletLabels().stream().map(Sscc::digitsOf).toList())
                    .containsExactly(pallets.stream().map(PackUnit::code).toArray(String[]::new));

            // the tree matches the packer's record: item → its case → the case's pallet
            List<CasePacker.PackedCase> truth = line.packer.record();
            assertThat(truth).hasSize(20);
            for (CasePacker.PackedCase c : truth) {
                String caseCode = Sscc.digitsOf(plc.cases.get(c.number()).caseCode());
                String palletCode = Sscc.digitsOf(plc.pallets.get((c.number() - 1) / 5 + 1).palletCode());
                for (String item : c.items()) {
                    assertThat(vault.packing().tree(item).parent().orElseThrow().code()).isEqualTo(caseCode);
                }
                PackTree t = vault.packing().tree(caseCode);
                assertThat(t.parent().orElseThrow().code()).as("case %s's pallet", c.number()).isEqualTo(palletCode);
                assertThat(t.unit().orElseThrow().children()).containsExactlyElementsOf(c.items());
            }
            Map<String, String> expectedParent = new HashMap<>();
            truth.forEach(c -> c.items().forEach(i -> expectedParent.put(i, plc.cases.get(c.number()).caseCode())));
            PackingRun.assertHierarchy(line, plc, "JPAL", expectedParent);

            // job report: each case row names its pallet
            StringWriter out = new StringWriter();
            assertThat(cli(out, "job", "report", "--vault", dir.resolve("vault.db").toString(), "--job", "JPAL"))
                    .isZero();
            JsonNode report = JSON.readTree(out.toString());
            assertThat(report.path("pallets")).hasSize(4);
            for (JsonNode c : report.path("cases")) {
                int index = caseCodes.indexOf(c.path("code").asText());
                assertThat(c.path("pallet").asText()).isEqualTo(Sscc.digitsOf(plc.pallets.get((long) index / 5 + 1)
                        .palletCode()));
            }

            // the EPCIS export: one AggregationEvent ADD per pallet, parentID its SSCC, childEPCs its cases' SSCCs
            Path file = dir.resolve("JPAL.jsonld");
            assertThat(cli(new StringWriter(), "export", "--vault", dir.resolve("vault.db").toString(), "--site",
                    "site-1", "--edge", "edge-1", "--time-zone", "Asia/Shanghai", "--job", "JPAL", "--format", "epcis",
                    "--out", file.toString())).isZero();
            List<JsonNode> palletEvents = new ArrayList<>();
            JSON.readTree(file.toFile()).path("epcisBody").path("eventList").forEach(e -> {
                if (e.path("type").asText().equals("AggregationEvent") && e.path("yima:level").asText().equals("PALLET")) {
                    palletEvents.add(e);
                }
            });
            assertThat(palletEvents).hasSize(4);
            for (int p = 0; p < 4; p++) {
                JsonNode e = palletEvents.get(p);
                PackUnit unit = vault.packing().unit(plc.pallets.get(p + 1L).palletCode()).orElseThrow();
                assertThat(e.path("action").asText()).isEqualTo("ADD");
                assertThat(e.path("bizStep").asText()).isEqualTo("packing");
                assertThat(e.path("parentID").asText()).isEqualTo(unit.ssccUri());
                List<String> children = new ArrayList<>();
                e.path("childEPCs").forEach(ch -> children.add(ch.asText()));
                assertThat(children).containsExactlyElementsOf(unit.children().stream()
                        .map(c -> vault.packing().unit(c).orElseThrow().ssccUri()).toList());
            }
        }
    }

    @Test
    void closePalletPacksAPartialPalletAndAPalletLabelThatCannotBeSentLeavesItsCasesPackedOnNoPallet()
            throws Exception {
        try (PackingLine line = new PackingLine(dir, 300, 12, new ScannerFaults(7), new ScannerFaults(11), null,
                Duration.ofSeconds(5), PER_PALLET_5);
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,");
            assertThat(plc.call("CLOSE_PALLET")).as("no job open").startsWith("NAK,2,NO_JOB");
            assertThat(plc.call("START", "JPART", "SKU-PACK", "B1", "144")).isEqualTo("ACK,3,JPART");
            print(plc, 1, 84); // 7 cases: pallet 1 closes at 5, 2 wait
            await().atMost(Duration.ofMinutes(1)).until(() -> plc.cases.size() == 7 && plc.pallets.size() == 1);
            assertThat(plc.pallets.get(1L).cases()).isEqualTo(5);
            assertThat(plc.call("CLOSE_PALLET")).endsWith(",2");
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 2);
            PackingPlc.PalletResult partial = plc.pallets.get(2L);
            assertThat(partial.packed()).as("%s", partial).isTrue();
            assertThat(partial.cases()).isEqualTo(2);
            assertThat(line.vault().packing().unit(partial.palletCode()).orElseThrow().children())
                    .containsExactly(Sscc.digitsOf(plc.cases.get(6L).caseCode()),
                            Sscc.digitsOf(plc.cases.get(7L).caseCode()));
            assertThat(plc.call("CLOSE_PALLET")).as("nothing waits on the open pallet").endsWith(",0");

            // the pallet printer is off: pallet 3's label cannot be sent
            line.palletPrinter.faults().powerCycle(TimeUnit.MINUTES.toMillis(10));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    line.edge.caseDevices(PackingLine.LINE).palletPrinterLink() != LinkState.ONLINE);
            print(plc, 85, 144); // 5 more cases: pallet 3 closes
            await().atMost(Duration.ofMinutes(1)).until(() -> plc.cases.size() == 12 && plc.pallets.size() == 3);
            PackingPlc.PalletResult refused = plc.pallets.get(3L);
            assertThat(refused.reason()).as("%s", refused).isEqualTo("PRINTER_FAULT");
            assertThat(refused.cases()).isEqualTo(5);
            assertThat(refused.palletCode()).as("its SSCC was reserved, never used again").isNotNull();
            assertThat(line.vault().packing().unit(refused.palletCode())).as("no pallet unit").isEmpty();
            for (long n = 8; n <= 12; n++) {
                PackTree t = line.vault().packing().tree(plc.cases.get(n).caseCode());
                assertThat(t.unit().orElseThrow().state()).as("case %s still packed", n).isEqualTo(PackState.PACKED);
                assertThat(t.unit().orElseThrow().children()).hasSize(12);
                assertThat(t.parent()).as("case %s on no pallet", n).isEmpty();
            }
            assertThat(plc.call("CLOSE")).endsWith(",JPART");
            plc.closed.get(30, TimeUnit.SECONDS);
            assertThat(plc.pallets).as("the rejected pallet's cases are not offered to another").hasSize(3);
            List<PackUnit> pallets = line.vault().packing().units("JPART", PackLevel.PALLET);
            assertThat(pallets).hasSize(2);
            assertThat(pallets.stream().mapToInt(u -> u.children().size()).sum()).isEqualTo(7);
        }
    }

    @Test
    void wechatCasesGoOnSsccPalletsUnderTheirOwnCodes() throws Exception {
        try (PackingLine line = new PackingLine(dir, 60, 4, new ScannerFaults(7), new ScannerFaults(11), null,
                Duration.ofSeconds(5), Map.of("packing", Map.of("per_pallet", 2)), PlcCaseConversationIT.CASE_APP);
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            PackingRun.run(line, plc, "JWX", 16, 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 2);
            for (long p = 1; p <= 2; p++) {
                PackingPlc.PalletResult r = plc.pallets.get(p);
                assertThat(r.packed()).as("%s", r).isTrue();
                PackUnit unit = line.vault().packing().unit(r.palletCode()).orElseThrow();
                assertThat(unit.ssccUri()).startsWith("urn:epc:id:sscc:" + PackingLine.COMPANY_PREFIX + ".");
                assertThat(unit.children()).as("pallet %s: the WeChat codes of its cases", p).containsExactly(
                        plc.cases.get(2 * p - 1).caseCode(), plc.cases.get(2 * p).caseCode());
                for (String c : unit.children()) {
                    assertThat(line.vault().packing().tree(c).parent().orElseThrow().code()).isEqualTo(unit.code());
                    assertThat(line.vault().byCode(c)).as("a code of the case application").isPresent();
                }
            }
        }
    }

    @Test
    void afterAnEdgeRestartTheOpenPalletTakesUpTheJobsPackedCasesOnNoPallet() throws Exception {
        try (PackingLine line = new PackingLine(dir, 30, 2, new ScannerFaults(1), new ScannerFaults(2), null,
                Duration.ofSeconds(5), Map.of("packing", Map.of("per_pallet", 3)))) {
            List<String> before = new ArrayList<>();
            try (PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
                assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,");
                assertThat(plc.call("START", "JRP", "SKU", "B1", "10")).isEqualTo("ACK,2,JRP");
                print(plc, 1, 4);
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.cases.size() == 2);
                before.add(Sscc.digitsOf(plc.cases.get(1L).caseCode()));
                before.add(Sscc.digitsOf(plc.cases.get(2L).caseCode()));
                assertThat(plc.pallets).isEmpty();
            }
            line.restartEdge();

            try (PackingPlc plc = new PackingPlc(line.plcPort(), new CasePacker(2))) {
                assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,JRP");
                assertThat(plc.call("PRINT", "item-5")).startsWith("ACK,");
                assertThat(plc.call("PRINT", "item-6")).startsWith("ACK,");
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.pallets.containsKey(1L));
                PackingPlc.PalletResult first = plc.pallets.get(1L);
                assertThat(first.packed()).as("%s", first).isTrue();
                assertThat(first.cases()).isEqualTo(3);
                List<String> expected = new ArrayList<>(before);
                expected.add(Sscc.digitsOf(plc.cases.get(3L).caseCode()));
                assertThat(line.vault().packing().unit(first.palletCode()).orElseThrow().children())
                        .as("the two cases packed before the restart, then the third").containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void withoutAPalletPrinterPalletLabelsGoToTheCasePrinterAndTheirReadDisturbsNoCase() throws Exception {
        try (PackingLine line = new PackingLine(dir, 30, 2, new ScannerFaults(1), new ScannerFaults(2), null,
                Duration.ofSeconds(5), Map.of("packing", Map.of("per_pallet", 2, "pallet_printer", "case_printer")));
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            assertThat(line.palletPrinter).isNull();
            PackingRun.run(line, plc, "JCP", 8, 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> plc.pallets.size() == 2);
            assertThat(plc.cases.values()).hasSize(4).allMatch(PackingPlc.CaseResult::packed);
            List<String> printed = line.caseReader.records().stream().map(r -> Sscc.digitsOf(r.truth())).toList();
            for (long p = 1; p <= 2; p++) {
                PackingPlc.PalletResult r = plc.pallets.get(p);
                assertThat(r.packed()).as("%s", r).isTrue();
                assertThat(printed).as("pallet %s's label came off the case printer, after its cases'", p)
                        .containsSubsequence(Sscc.digitsOf(plc.cases.get(2 * p - 1).caseCode()),
                                Sscc.digitsOf(plc.cases.get(2 * p).caseCode()), r.palletCode());
                assertThat(line.vault().packing().unit(r.palletCode()).orElseThrow().children()).containsExactly(
                        Sscc.digitsOf(plc.cases.get(2 * p - 1).caseCode()), Sscc.digitsOf(plc.cases.get(2 * p).caseCode()));
            }
        }
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

    private static int cli(StringWriter out, String... args) {
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        assertThat(err.toString()).as("the command's errors").isEmpty();
        return exit;
    }
}
