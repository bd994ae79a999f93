package io.yima.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.cli.YimaEdge;
import io.yima.vault.TestPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VaultCliTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path keyFile() throws Exception {
        return Files.writeString(dir.resolve("app.key"), TestPackages.KEY + "\n");
    }

    @Test
    void importPrintsOneSummaryLineThenStatsAndLookupShowTheCodes() throws Exception {
        Path pkg = Files.write(dir.resolve("codes_0001.b64"),
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, 200))));
        Path db = dir.resolve("v.db");
        assertThat(run("import", "--vault", db.toString(), "--application", "581865877", "--key-file",
                keyFile().toString(), pkg.toString())).isZero();
        assertThat(out.toString()).matches("imported 200 codes into application 581865877 in \\d+\\.\\d\\d s\\R");

        out.getBuffer().setLength(0);
        assertThat(run("vault", "stats", "--vault", db.toString(), "--json")).isZero();
        JsonNode stats = new ObjectMapper().readTree(out.toString());
        JsonNode app = stats.get("applications").get(0);
        assertThat(app.get("application_id").asLong()).isEqualTo(581865877L);
        assertThat(app.get("total").asLong()).isEqualTo(200);
        assertThat(app.get("states").get("AVAILABLE").asLong()).isEqualTo(200);
        assertThat(app.get("activation").get("PENDING").asLong()).isZero();

        String[] line = TestPackages.line(42).split(" ");
        for (String[] key : new String[][] {{"--code", line[1]}, {"--url", line[3]}}) {
            out.getBuffer().setLength(0);
            assertThat(run("vault", "lookup", "--vault", db.toString(), key[0], key[1])).isZero();
            JsonNode r = new ObjectMapper().readTree(out.toString());
            assertThat(r.get("index").asLong()).isEqualTo(42);
            assertThat(r.get("matrix").asText()).isEqualTo(line[0]);
            assertThat(r.get("state").asText()).isEqualTo("AVAILABLE");
        }
        out.getBuffer().setLength(0);
        assertThat(run("vault", "lookup", "--vault", db.toString(), "--application", "581865877", "--index", "42"))
                .isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("code").asText()).isEqualTo(line[1]);
    }

    @Test
    void failedImportExitsNonZeroWithOneLineReasonAndNeverPrintsTheKey() throws Exception {
        Path pkg = Files.write(dir.resolve("bad.bin"), TestPackages.encrypt(
                TestPackages.text(TestPackages.lines(0, 5)), "fedcba9876543210", 16));
        int rc = run("import", "--vault", dir.resolve("v.db").toString(), "--application", "1", "--key-file",
                keyFile().toString(), pkg.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: bad.bin: wrong key or corrupt package" + System.lineSeparator());
        assertThat(out.toString() + err).doesNotContain(TestPackages.KEY);
    }

    @Test
    void keyOfWrongLengthIsRefusedWithoutEchoingIt() throws Exception {
        Path key = Files.writeString(dir.resolve("short.key"), "secret-short");
        Path pkg = Files.write(dir.resolve("p.b64"), TestPackages.base64(TestPackages.text(TestPackages.lines(0, 5))));
        assertThat(run("import", "--vault", dir.resolve("v.db").toString(), "--application", "1", "--key-file",
                key.toString(), pkg.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("must hold a 16-character key, found 12 characters")
                .doesNotContain("secret-short");
    }

    @Test
    void lookupOfAnUnknownCodeAndStatsOfAMissingVaultFailClearly() throws Exception {
        assertThat(run("vault", "stats", "--vault", dir.resolve("missing.db").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: no vault at");
        assertThat(Files.exists(dir.resolve("missing.db"))).isFalse();
    }

    /** A vault with {@code count} codes imported through the CLI; the output buffer is left empty. */
    private Path importedVault(int count) throws Exception {
        Path pkg = Files.write(dir.resolve("codes.b64"),
                TestPackages.base64(TestPackages.text(TestPackages.lines(0, count))));
        Path db = dir.resolve("v.db");
        assertThat(run("import", "--vault", db.toString(), "--application", "581865877", "--key-file",
                keyFile().toString(), pkg.toString())).isZero();
        out.getBuffer().setLength(0);
        return db;
    }

    @Test
    void vaultCheckFindsEveryDifferenceBetweenCountersAndCodesAndRepairFixesThem() throws Exception {
        Path db = importedVault(200);
        assertThat(run("vault", "check", "--vault", db.toString())).isZero();
        assertThat(out.toString()).isEqualTo("counters match the codes" + System.lineSeparator());

        // counters gone wrong behind the vault's back (a hand edit with sqlite3)
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE code_count SET n = n + 5 WHERE state = 0");
            st.executeUpdate("INSERT INTO code_count VALUES (581865877, 3, 'PENDING', 2)");
        }
        out.getBuffer().setLength(0);
        assertThat(run("vault", "check", "--vault", db.toString())).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(String.join(System.lineSeparator(),
                "application 581865877, state AVAILABLE: counted 205, actually 200",
                "application 581865877, state BOUND, activation PENDING: counted 2, actually 0",
                "2 differences; run with --repair to fix the counters", ""));
        out.getBuffer().setLength(0);
        assertThat(run("vault", "stats", "--vault", db.toString(), "--json")).isZero();
        assertThat(out.toString()).contains("\"total\" : 207");

        out.getBuffer().setLength(0);
        assertThat(run("vault", "check", "--vault", db.toString(), "--repair")).isZero();
        assertThat(out.toString()).endsWith("2 differences; counters rewritten from the recount"
                + System.lineSeparator());
        out.getBuffer().setLength(0);
        assertThat(run("vault", "check", "--vault", db.toString())).isZero();
        assertThat(out.toString()).isEqualTo("counters match the codes" + System.lineSeparator());
    }

    @Test
    void vaultRecoverIsRefusedWhileADaemonHoldsTheVault() throws Exception {
        Path db = importedVault(20);
        try (io.yima.vault.VaultLock daemon = io.yima.vault.VaultLock.acquire(db)) {
            assertThat(run("vault", "recover", "--vault", db.toString())).isEqualTo(1);
            assertThat(err.toString()).startsWith("error: vault " + db + " is in use by another yima-edge daemon (pid "
                    + ProcessHandle.current().pid() + ")");
            // reading is fine meanwhile
            out.getBuffer().setLength(0);
            assertThat(run("vault", "stats", "--vault", db.toString())).isZero();
        }
        out.getBuffer().setLength(0);
        assertThat(run("vault", "recover", "--vault", db.toString())).isZero();
        assertThat(out.toString()).startsWith("released 0 reserved codes, voided 0 sent codes; imports: 0 discarded");
    }
}
