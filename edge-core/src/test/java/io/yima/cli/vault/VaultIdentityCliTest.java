package io.yima.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.YimaEdge;
import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;
import io.yima.vault.ActivationFields;
import io.yima.vault.TestPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the vault's identity refuses, from the command line, and how the refusal is overridden. */
class VaultIdentityCliTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] importArgs(Path db, String... extra) throws Exception {
        Path key = Files.writeString(dir.resolve("app.key"), TestPackages.KEY + "\n");
        Path pkg = dir.resolve("codes_0001.b64");
        if (!Files.exists(pkg)) {
            Files.write(pkg, TestPackages.base64(TestPackages.text(TestPackages.lines(0, 300))));
        }
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("import", "--vault", db.toString(),
                "--application", Long.toString(TestPackages.APP), "--key-file", key.toString()));
        a.addAll(java.util.List.of(extra));
        a.add(pkg.toString());
        return a.toArray(String[]::new);
    }

    private static long count(Path db, String where) {
        try (CodeVault v = CodeVault.open(db)) {
            return v.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + where)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    @Test
    void reImportingIssuedCodesIntoANewVaultIsRefusedUnlessTheRiskIsAcceptedWithAReason() throws Exception {
        Path db = dir.resolve("vault.db");
        assertThat(run(importArgs(db))).isZero();
        try (CodeVault v = CodeVault.open(db)) {
            v.openJob(new JobSpec("J1", "L1", TestPackages.APP, "SKU", "B1", 300, "MICROCODE", "TRIGGERED",
                    new ActivationFields(null, null, null, null, null, null, 0)));
            v.reserve(TestPackages.APP, "J1", 256);
        }
        // the vault is deleted (its ledger stays beside it) and the same packages are imported again
        Files.delete(db);
        Files.deleteIfExists(dir.resolve("vault.db-wal"));
        Files.deleteIfExists(dir.resolve("vault.db-shm"));

        assertThat(run(importArgs(db))).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: refused: 256 codes of application " + TestPackages.APP)
                .contains("already issued by this edge from another vault")
                .contains("would print them twice").contains("--accept-reissue-risk")
                .doesNotContain("Exception");
        assertThat(count(db, "code")).isZero();

        assertThat(run(importArgs(db, "--accept-reissue-risk", "  "))).isEqualTo(1);
        assertThat(err.toString()).contains("needs a reason");

        assertThat(run(importArgs(db, "--accept-reissue-risk", "labels of J1 were destroyed, signed K. Li"))).isZero();
        assertThat(count(db, "code WHERE state = 0")).isEqualTo(300);
        assertThat(count(db, "event WHERE kind = 'REISSUE_RISK_ACCEPTED' AND json LIKE '%signed K. Li%'"
                + " AND json LIKE '%\"codes\":256%'")).isEqualTo(1);
    }

    @Test
    void vaultInitCreatesOnceAndBackupKeepsTheIdentity() throws Exception {
        Path db = dir.resolve("vault.db");
        assertThat(run("vault", "init", "--vault", db.toString())).isZero();
        assertThat(out.toString()).startsWith("created vault " + db + " (id ");
        String id;
        try (CodeVault v = CodeVault.open(db)) {
            id = v.vaultId();
        }
        assertThat(out.toString()).contains(id);
        assertThat(run("vault", "init", "--vault", db.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: a file already exists at " + db);
        assertThat(run("vault", "init", "--vault", dir.resolve("no-disk").resolve("v.db").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is the disk that should hold the vault mounted?");

        assertThat(run(importArgs(db))).isZero();
        Path backup = dir.resolve("b.db");
        assertThat(run("vault", "backup", "--vault", db.toString(), "--out", backup.toString())).isZero();
        assertThat(out.toString()).startsWith("backup of vault " + id + " written to " + backup);
        try (CodeVault b = CodeVault.open(backup)) {
            assertThat(b.vaultId()).isEqualTo(id);
            assertThat(b.stats().applications().get(0).total()).isEqualTo(300);
        }
        assertThat(run("vault", "backup", "--vault", db.toString(), "--out", backup.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: a file already exists at " + backup);
    }

    @Test
    void aBackupRestoredOverTheVaultIsRecoveredAgainstTheLedger() throws Exception {
        Path db = dir.resolve("vault.db");
        assertThat(run(importArgs(db))).isZero();
        Path backup = dir.resolve("b.db");
        assertThat(run("vault", "backup", "--vault", db.toString(), "--out", backup.toString())).isZero();
        try (CodeVault v = CodeVault.open(db)) {
            v.openJob(new JobSpec("J1", "L1", TestPackages.APP, "SKU", "B1", 300, "MICROCODE", "TRIGGERED",
                    new ActivationFields(null, null, null, null, null, null, 0)));
            v.reserve(TestPackages.APP, "J1", 40);
        }
        Files.deleteIfExists(dir.resolve("vault.db-wal"));
        Files.deleteIfExists(dir.resolve("vault.db-shm"));
        Files.copy(backup, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(run("vault", "recover", "--vault", db.toString())).isZero();
        assertThat(out.toString()).contains("voided 40 codes the ledger says were issued but the vault had in stock");
        assertThat(count(db, "code WHERE state = 0")).isEqualTo(260);
    }

    @Test
    void runRefusesAMissingVaultAndCreatesNothing() throws Exception {
        // a PLC port in use: before this change `run` created an empty vault and then failed on the port
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String yaml = """
                    vault: { path: mnt/vault/vault.db }
                    applications: [ { id: 581865877 } ]
                    status: { port: 0 }
                    lines:
                      - id: L1
                        application: 581865877
                        printer: { uri: "tcp://127.0.0.1:9" }
                        scanner: { uri: "tcp://127.0.0.1:9" }
                        plc: { port: %d }
                    """.formatted(taken.getLocalPort());
            Path config = Files.writeString(dir.resolve("edge.yaml"), yaml);
            assertThat(run("run", "--config", config.toString())).isEqualTo(1);
        }
        Path vault = dir.resolve("mnt/vault/vault.db").toAbsolutePath();
        assertThat(err.toString()).startsWith("error: no vault at " + vault + ": is the disk that holds it mounted?")
                .doesNotContain("Exception");
        assertThat(dir.resolve("mnt")).doesNotExist();
    }
}
