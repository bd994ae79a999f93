package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process packing cases in a loop (with replacements and unpacks) is killed with SIGKILL three times, each time
 * mid-run; after each kill the vault is reopened and must hold no half-packed case, no item in two cases, every
 * case exactly its children, an audit row for every unit, and every pack the process had seen return.
 */
class PackingCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedMidPackingTheVaultHoldsOnlyWholeCases() throws Exception {
        Path file = dir.resolve("vault.db");
        try (CodeVault vault = PackingFixture.vault(file)) {
            PackingFixture.job(vault, "J1", "L1");
            PackingFixture.boundItems(vault, "J1", 200);
        }
        Map<String, String> acknowledged = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PackingCrashChild.class.getName(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII));
            int packed = 0;
            String line;
            // kill after a number of packs that differs per round, while the child is in the middle of its loop
            while (packed < 6 + 3 * round && (line = out.readLine()) != null) {
                String[] w = line.split(" ");
                if (w[0].equals("packed")) {
                    acknowledged.put(w[1], "PACKED");
                    packed++;
                } else if (w[0].equals("unpacked")) {
                    acknowledged.put(w[1], "UNPACKED");
                }
            }
            assertThat(packed).as("the child packed before the kill").isEqualTo(6 + 3 * round);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

            try (CodeVault vault = CodeVault.open(file)) {
                checkWhole(vault, acknowledged);
            }
        }
    }

    private static void checkWhole(CodeVault vault, Map<String, String> acknowledged) {
        vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT child, count(*) FROM pack_child"
                    + " WHERE active = 1 GROUP BY child HAVING count(*) > 1")) {
                assertThat(rs.next()).as("an item in two cases").isFalse();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT u.code, u.state, u.child_count,"
                    + " (SELECT count(*) FROM pack_child p WHERE p.unit_id = u.id AND p.active = 1),"
                    + " (SELECT count(*) FROM pack_child p WHERE p.unit_id = u.id) FROM pack_unit u")) {
                int units = 0;
                while (rs.next()) {
                    units++;
                    String code = rs.getString(1);
                    int active = rs.getInt(4);
                    if (rs.getString(2).equals("PACKED")) {
                        assertThat(active).as("case %s holds exactly its children", code).isEqualTo(rs.getInt(3));
                    } else {
                        assertThat(active).as("unpacked case %s holds nothing", code).isZero();
                    }
                    assertThat(rs.getInt(5)).as("rows of case %s", code).isBetween(3, 4);
                }
                assertThat(units).isGreaterThanOrEqualTo(acknowledged.size());
                try (ResultSet ev = c.createStatement().executeQuery(
                        "SELECT count(*) FROM event WHERE kind = 'PACK'")) {
                    ev.next();
                    assertThat(ev.getInt(1)).as("one PACK audit row per unit").isEqualTo(units);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pack_child p JOIN code k"
                    + " ON k.code = p.child WHERE p.active = 1 AND (k.state <> " + CodeState.BOUND.stored()
                    + " OR k.job_id <> 'J1')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("children not BOUND in J1").isZero();
            }
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT state FROM pack_unit WHERE code = '" + e.getKey() + "'")) {
                    assertThat(rs.next()).as("acknowledged case %s survived the kill", e.getKey()).isTrue();
                    String state = rs.getString(1);
                    if (e.getValue().equals("UNPACKED")) {
                        assertThat(state).isEqualTo("UNPACKED");
                    }
                    seen.add(e.getKey());
                }
            }
            assertThat(seen).hasSameSizeAs(acknowledged.keySet());
            return List.of();
        });
    }
}
