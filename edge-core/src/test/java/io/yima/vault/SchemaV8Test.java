package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vault of schema v7 with bound codes opens as v8 and its codes can be packed. */
class SchemaV8Test {
    @TempDir
    Path dir;

    @Test
    void aV7VaultGainsThePackingTablesAndItsBoundCodesPack() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Schema.migrate(c, 7);
        }
        List<String> items;
        try (CodeVault v = CodeVault.open(file)) {
            assertThat(version(v)).isEqualTo(8);
            new PackageImporter(v).importStreams(TestPackages.APP, TestPackages.keyBytes(), List.of(NamedInput.of(
                    "p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 10))))));
            PackingFixture.job(v, "J1", "L1");
            items = PackingFixture.boundItems(v, "J1", 2);
            String sscc = v.packing().reserveSscc("0614141", 1).digits();
            assertThat(v.packing().pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 2, items).packed()).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pack_child WHERE active = 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    private static int version(CodeVault v) {
        return v.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
