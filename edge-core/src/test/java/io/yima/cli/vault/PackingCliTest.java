package io.yima.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.cli.YimaEdge;
import io.yima.vault.CaseCodeKind;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackingFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The rework commands, lookup and job report run against a real vault file with packed cases. */
class PackingCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    Path db;
    List<String> items;
    String sscc;
    CodeRecord label;
    String pallet;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void aJobWithTwoCasesOnAPallet() {
        db = dir.resolve("vault.db");
        try (CodeVault v = PackingFixture.vault(db)) {
            PackingFixture.job(v, "J1", "L1");
            items = PackingFixture.boundItems(v, "J1", 8);
            label = PackingFixture.sentCaseLabels(v, "J1", 1).get(0);
            sscc = v.packing().reserveSscc(PackingFixture.PREFIX, 1).digits();
            v.packing().pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 3, items.subList(0, 3));
            v.packing().pack("J1", PackLevel.CASE, label.code(), CaseCodeKind.WECHAT, 3, items.subList(3, 6));
            pallet = v.packing().reserveSscc(PackingFixture.PREFIX, 0).digits();
            v.packing().pack("J1", PackLevel.PALLET, pallet, CaseCodeKind.SSCC, 1, List.of(label.code()));
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private JsonNode lookup(String code) throws Exception {
        assertThat(run("vault", "lookup", "--vault", db.toString(), "--code", code)).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }

    @Test
    void lookupShowsTheParentOfAnItemAndTheChildrenOfACaseOrSscc() throws Exception {
        JsonNode item = lookup(items.get(4));
        assertThat(item.path("state").asText()).isEqualTo("BOUND");
        assertThat(item.path("parent").path("code").asText()).isEqualTo(label.code());
        assertThat(item.path("case").isNull()).isTrue();

        JsonNode box = lookup(label.code());
        assertThat(box.path("case").path("children")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(items.subList(3, 6));
        assertThat(box.path("parent").path("code").asText()).isEqualTo(pallet);
        assertThat(box.path("parent").path("level").asText()).isEqualTo("PALLET");

        JsonNode bySscc = lookup("(00)" + sscc);
        assertThat(bySscc.path("code").asText()).isEqualTo(sscc);
        assertThat(bySscc.path("case").path("sscc").asText()).startsWith("urn:epc:id:sscc:0614141.1");
        assertThat(bySscc.path("case").path("children")).hasSize(3);
        assertThat(bySscc.path("parent").isNull()).isTrue();

        assertThat(lookup(items.get(7)).path("parent").isNull()).isTrue();
    }

    @Test
    void unpackReplaceAndVoidCaseChangeTheVaultAndRefuseInWords() throws Exception {
        assertThat(run("vault", "replace", "--vault", db.toString(), "--case", sscc, "--old", items.get(0), "--new",
                items.get(6), "--operator", "wang")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("replaced in case " + sscc + ": " + items.get(0) + " out, " + items.get(6)
                + " in");
        assertThat(lookup(items.get(6)).path("parent").path("code").asText()).isEqualTo(sscc);
        assertThat(lookup(items.get(0)).path("parent").isNull()).isTrue();

        assertThat(run("vault", "unpack", "--vault", db.toString(), "--case", label.code(), "--operator", "wang"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("refused (ON_PALLET)").contains("unpack the pallet first")
                .doesNotContain("Exception");
        assertThat(run("vault", "unpack", "--vault", db.toString(), "--case", pallet, "--operator", "wang",
                "--reason", "re-stack")).as(err.toString()).isZero();
        assertThat(run("vault", "unpack", "--vault", db.toString(), "--case", label.url(), "--operator", "wang"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("unpacked case " + label.code() + ": 3 children free");
        assertThat(lookup(items.get(4)).path("parent").isNull()).isTrue();

        assertThat(run("vault", "void-case", "--vault", db.toString(), "--case", sscc, "--operator", "li",
                "--reason", "crushed")).as(err.toString()).isZero();
        assertThat(run("vault", "void-case", "--vault", db.toString(), "--case", sscc, "--operator", "li"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("refused (NOT_PACKED)").contains("already voided");
        assertThat(run("vault", "replace", "--vault", db.toString(), "--case", "999999999", "--old", "a", "--new",
                "b", "--operator", "li")).isEqualTo(1);
        assertThat(err.toString()).contains("refused (UNKNOWN_UNIT)");
        assertThat(run("vault", "unpack", "--vault", db.toString(), "--case", sscc)).isNotZero();
        assertThat(err.toString()).contains("--operator");

        try (CodeVault v = CodeVault.open(db)) {
            assertThat(v.packing().unit(sscc).orElseThrow().state()).isEqualTo(PackState.VOIDED);
            long audited = v.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM event WHERE kind IN"
                        + " ('UNPACK', 'REPLACE', 'VOID_CASE') AND json LIKE '%\"by\":%'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(audited).as("replace, two unpacks, one void, each with its operator").isEqualTo(4);
        }
    }

    @Test
    void jobReportListsTheCasesWithTheirItemsAsJsonAndCsv() throws Exception {
        assertThat(run("job", "report", "--vault", db.toString(), "--job", "J1")).as(err.toString()).isZero();
        JsonNode r = JSON.readTree(out.toString());
        // the 8 bound items; the WeChat case label (the case application's code) is counted as a case, not an item
        assertThat(r.path("bound").asLong()).isEqualTo(8);
        assertThat(r.path("cases")).hasSize(2);
        assertThat(r.path("cases").get(0).path("code").asText()).isEqualTo(sscc);
        assertThat(r.path("cases").get(0).path("children")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(items.subList(0, 3));
        assertThat(r.path("cases").get(1).path("pallet").asText()).isEqualTo(pallet);
        assertThat(r.path("pallets").get(0).path("children").get(0).asText()).isEqualTo(label.code());

        assertThat(run("job", "report", "--vault", db.toString(), "--job", "J1", "--format", "cases-csv"))
                .as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("job,pallet,case,case_kind,case_state,item",
                "J1,," + sscc + ",SSCC,PACKED," + items.get(0), "J1,," + sscc + ",SSCC,PACKED," + items.get(1),
                "J1,," + sscc + ",SSCC,PACKED," + items.get(2),
                "J1," + pallet + "," + label.code() + ",WECHAT,PACKED," + items.get(3),
                "J1," + pallet + "," + label.code() + ",WECHAT,PACKED," + items.get(4),
                "J1," + pallet + "," + label.code() + ",WECHAT,PACKED," + items.get(5));
        assertThat(run("job", "report", "--vault", db.toString(), "--job", "J1", "--format", "xml")).isNotZero();
        assertThat(err.toString()).contains("cases-csv");
    }
}
