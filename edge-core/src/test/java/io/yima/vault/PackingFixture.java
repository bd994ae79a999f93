package io.yima.vault;

import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A real vault file for packing tests: items of application {@link TestPackages#APP} (indexes 0..199), case labels
 * of application {@link #CASE_APP} (indexes 5000..5049), and jobs that bind items and print case labels the way the
 * line does (reserve, markSent, bind).
 */
public final class PackingFixture {
    public static final long CASE_APP = 777000111L;
    public static final String PREFIX = "0614141";

    private PackingFixture() {
    }

    public static CodeVault vault(Path file) {
        CodeVault vault = CodeVault.open(file);
        PackageImporter importer = new PackageImporter(vault);
        importer.importStreams(TestPackages.APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("items.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 200))))));
        importer.importStreams(CASE_APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("cases.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(5000, 50))))));
        return vault;
    }

    public static void job(CodeVault vault, String id, String line) {
        vault.openJob(new JobSpec(id, line, TestPackages.APP, "SKU-1", "B7", 1000, "QR", "TRIGGERED", null));
    }

    /** Binds {@code n} items in the job; returns their code texts. */
    public static List<String> boundItems(CodeVault vault, String job, int n) {
        List<CodeRecord> reserved = vault.reserve(TestPackages.APP, job, n);
        List<Issue> issues = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (CodeRecord r : reserved) {
            issues.add(new Issue(r.applicationId(), r.index(), job, "item-" + r.index()));
            bindings.add(new Binding(r.applicationId(), r.index(), job, "item-" + r.index()));
            codes.add(r.code());
        }
        vault.markSent(issues);
        vault.bind(bindings);
        return codes;
    }

    /** Prints {@code n} case labels in the job (SENT); returns their code records. */
    public static List<CodeRecord> sentCaseLabels(CodeVault vault, String job, int n) {
        List<CodeRecord> reserved = vault.reserve(CASE_APP, job, n);
        List<Issue> issues = new ArrayList<>();
        for (CodeRecord r : reserved) {
            issues.add(new Issue(r.applicationId(), r.index(), job, "case-" + r.index()));
        }
        vault.markSent(issues);
        return reserved;
    }

    /** The one number a counting query returns, read on the vault's reader. */
    public static long count(CodeVault vault, String sql) {
        return vault.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
