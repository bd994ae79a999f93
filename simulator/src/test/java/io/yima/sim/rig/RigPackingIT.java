package io.yima.sim.rig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.vault.CodeVault;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code yima-sim rig --per-case N --case-mode count|scan}: the rig's line packs the verified items into cases with
 * the real edge in-process; the report and the console say how many cases were closed, packed and refused, and the
 * vault holds exactly the report's packed cases, each of N items (the last one short), no item in two. With
 * {@code --per-pallet M} the cases go onto pallets of M (the last one closed partial by CLOSE_PALLET), reconciled
 * against the pallet printer's record, and the vault holds exactly the report's pallets.
 */
class RigPackingIT {
    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) {
        picocli.CommandLine cli = io.yima.sim.YimaSim.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            rc = cli.execute(args);
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8) + err;
        assertThat(rc).as(text).isEqualTo(expectedExit);
        return text;
    }

    @ParameterizedTest
    @ValueSource(strings = {"count", "scan"})
    void theRigPacksCasesAndReportsThem(String mode) throws Exception {
        String text = run(0, "rig", "--items", "100", "--rate", "40", "--settle-ms", "5000", "--forge", "200",
                "--no-read-rate", "0.05", "--per-case", "12", "--case-mode", mode, "--work-dir", dir.toString());

        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        long bound = report.path("bound").asLong();
        JsonNode cases = report.path("cases");
        assertThat(cases.path("mode").asText()).isEqualTo(mode);
        assertThat(cases.path("perCase").asInt()).isEqualTo(12);
        assertThat(cases.path("closed").asLong()).isEqualTo((bound + 11) / 12);
        assertThat(cases.path("packed").asLong()).isEqualTo(cases.path("closed").asLong());
        assertThat(cases.path("unsettled").asLong()).isZero();
        assertThat(cases.path("itemToCasePacked").path("count").asLong()).isEqualTo(bound);
        assertThat(text).contains("cases of 12 (" + mode + "): " + cases.path("closed").asLong() + " closed, "
                + cases.path("packed").asLong() + " packed, 0 refused", "PASS  100 items");

        String job;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vault.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT id FROM job")) {
            assertThat(rs.next()).isTrue();
            job = rs.getString(1);
        }
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            List<PackUnit> units = vault.packing().units(job, PackLevel.CASE);
            assertThat(units).hasSize((int) cases.path("packed").asLong());
            Set<String> items = new HashSet<>();
            for (PackUnit u : units) {
                assertThat(u.state()).isEqualTo(PackState.PACKED);
                assertThat(u.children()).hasSizeLessThanOrEqualTo(12);
                u.children().forEach(c -> assertThat(items.add(c)).as("%s in two cases", c).isTrue());
            }
            assertThat(items).hasSize((int) bound);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"count", "scan"})
    void theRigStacksTheCasesOntoPalletsAndReconcilesThem(String mode) throws Exception {
        String text = run(0, "rig", "--items", "100", "--rate", "40", "--settle-ms", "5000", "--forge", "200",
                "--no-read-rate", "0", "--per-case", "12",
                "--per-pallet", "4", "--case-mode", mode, "--work-dir", dir.toString());

        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("violations")).as(text).isEmpty();
        JsonNode cases = report.path("cases");
        long packedCases = cases.path("packed").asLong();
        assertThat(packedCases).as("100 items in cases of 12").isEqualTo(9);
        JsonNode pallets = cases.path("pallets");
        assertThat(pallets.path("perPallet").asInt()).isEqualTo(4);
        List<Integer> sizes = new java.util.ArrayList<>();
        pallets.path("casesPerPallet").forEach(n -> sizes.add(n.asInt()));
        assertThat(sizes).as("two full pallets, the third closed partial by CLOSE_PALLET").containsExactly(4, 4, 1);
        assertThat(pallets.path("packed").asLong()).isEqualTo(3);
        assertThat(pallets.path("refusedByReason")).isEmpty();
        assertThat(pallets.path("labelsPrinted").asLong()).isEqualTo(3);
        assertThat(pallets.path("casesOnAPallet").asLong()).isEqualTo(packedCases);
        assertThat(text).contains("pallets of 4: 3 packed, 0 refused {}; cases per pallet [4, 4, 1]; 9 packed cases"
                + " on a pallet; 3 pallet labels printed", "PASS  100 items");
        assertThat(dir.resolve("pallet-printed.jsonl")).exists();

        String job;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vault.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT id FROM job")) {
            assertThat(rs.next()).isTrue();
            job = rs.getString(1);
        }
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            List<String> caseCodes = vault.packing().units(job, PackLevel.CASE).stream().map(PackUnit::code)
                    .toList();
            assertThat(caseCodes).hasSize(9);
            List<PackUnit> units = vault.packing().units(job, PackLevel.PALLET);
            assertThat(units).hasSize(3);
            List<String> onPallets = new java.util.ArrayList<>();
            for (int p = 0; p < units.size(); p++) {
                PackUnit u = units.get(p);
                assertThat(u.state()).isEqualTo(PackState.PACKED);
                assertThat(u.children()).as("pallet %s", p + 1).hasSize(sizes.get(p));
                onPallets.addAll(u.children());
            }
            assertThat(onPallets).as("every case on one pallet, in packing order").isEqualTo(caseCodes);
        }
    }

    @Test
    void perPalletWithoutPerCaseOrBelowZeroIsRefusedInWords() {
        String text = run(2, "rig", "--per-pallet", "4", "--work-dir", dir.toString());
        assertThat(text).contains("rig: --per-pallet needs --per-case: pallets are stacked from packed cases")
                .doesNotContain("Exception");
        text = run(2, "rig", "--per-case", "12", "--per-pallet", "-1", "--work-dir", dir.toString());
        assertThat(text).contains("rig: --per-pallet must be 0 (no pallets) or more, got -1")
                .doesNotContain("Exception");
    }

    @Test
    void aCaseModeThatIsNeitherCountNorScanIsRefusedInWords() {
        String text = run(2, "rig", "--per-case", "12", "--case-mode", "box", "--work-dir", dir.toString());
        assertThat(text).contains("rig: --case-mode is count or scan, not box").doesNotContain("Exception");
        text = run(2, "rig", "--per-case", "12", "--plc", "modbus-server", "--work-dir", dir.toString());
        assertThat(text).contains("--per-case needs the in-process edge (no --edge-config) and --plc ascii");
    }
}
