package io.yima.vault;

import static io.yima.vault.PackingFixture.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackingTest {
    @TempDir
    Path dir;
    CodeVault vault;
    Packing packing;
    List<String> items;

    @BeforeEach
    void open() {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        PackingFixture.job(vault, "J1", "L1");
        PackingFixture.job(vault, "J2", "L2");
        items = PackingFixture.boundItems(vault, "J1", 12);
        packing = vault.packing();
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private long count(String sql) {
        return PackingFixture.count(vault, sql);
    }

    private String sscc() {
        return packing.reserveSscc(PREFIX, 1).digits();
    }

    @Test
    void packsACaseUnderAnSsccAndTheTreeShowsBothWays() {
        String sscc = sscc();
        PackResult r = packing.pack("J1", PackLevel.CASE, "(00)" + sscc, CaseCodeKind.SSCC, 4, items.subList(0, 4));

        assertThat(r.packed()).as(r.detail()).isTrue();
        assertThat(r.unit().code()).isEqualTo(sscc);
        assertThat(r.unit().children()).containsExactlyElementsOf(items.subList(0, 4));
        assertThat(r.unit().childCount()).isEqualTo(4);
        assertThat(r.unit().ssccUri()).isEqualTo("urn:epc:id:sscc:0614141.1" + sscc.substring(8, 17));
        PackTree item = packing.tree(items.get(2));
        assertThat(item.known()).isTrue();
        assertThat(item.parent()).map(PackUnit::code).contains(sscc);
        assertThat(item.unit()).isEmpty();
        PackTree box = packing.tree(r.unit().ssccUri());
        assertThat(box.unit()).map(PackUnit::children).contains(items.subList(0, 4));
        assertThat(packing.tree(items.get(5)).parent()).isEmpty();
        assertThat(packing.tree("nothing").known()).isFalse();
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'PACK'")).isEqualTo(1);
    }

    @Test
    void childrenMayBeGivenAsUrlOrMatrixAsTheCameraReadsThem() {
        CodeRecord a = vault.byCode(items.get(0)).orElseThrow();
        CodeRecord b = vault.byCode(items.get(1)).orElseThrow();
        PackResult r = packing.pack("J1", PackLevel.CASE, sscc(), CaseCodeKind.SSCC, 2,
                List.of(a.url(), b.matrix().bits()));
        assertThat(r.packed()).as(r.detail()).isTrue();
        assertThat(r.unit().children()).containsExactly(a.code(), b.code());
    }

    @Test
    void aSentWechatCaseLabelIsBoundByThePackAndCannotCloseASecondCase() {
        CodeRecord label = PackingFixture.sentCaseLabels(vault, "J1", 1).get(0);
        PackResult r = packing.pack("J1", PackLevel.CASE, label.url(), CaseCodeKind.WECHAT, 3, items.subList(0, 3));

        assertThat(r.packed()).as(r.detail()).isTrue();
        assertThat(r.unit().code()).isEqualTo(label.code());
        assertThat(r.unit().url()).isEqualTo(label.url());
        assertThat(vault.byCode(label.code()).orElseThrow().state()).isEqualTo(CodeState.BOUND);
        PackResult again = packing.pack("J1", PackLevel.CASE, label.code(), CaseCodeKind.WECHAT, 3,
                items.subList(3, 6));
        assertThat(again.refusal()).isEqualTo(PackRefusal.CASE_CODE_USED);
    }

    @Test
    void everyRefusalHasItsReasonAndChangesNothing() {
        List<String> other = PackingFixture.boundItems(vault, "J2", 2);
        CodeRecord unsent = vault.reserve(TestPackages.APP, "J1", 1).get(0);
        assertThat(packing.pack("J1", PackLevel.CASE, sscc(), CaseCodeKind.SSCC, 2, items.subList(0, 2)).packed())
                .isTrue();
        String s = sscc();

        assertRefused(packing.pack("J1", PackLevel.CASE, " ", CaseCodeKind.SSCC, 2, items.subList(2, 4)),
                PackRefusal.CASE_NO_READ);
        assertRefused(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 3, items.subList(2, 4)),
                PackRefusal.MISSING);
        assertRefused(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 1, items.subList(2, 4)),
                PackRefusal.EXTRA);
        PackResult foreign = packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2,
                List.of(items.get(2), other.get(0)));
        assertRefused(foreign, PackRefusal.FOREIGN);
        assertThat(foreign.offending()).containsExactly(other.get(0));
        assertRefused(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2, List.of(items.get(2), "ZZZZ")),
                PackRefusal.FOREIGN);
        PackResult already = packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2,
                List.of(items.get(2), items.get(1)));
        assertRefused(already, PackRefusal.ALREADY_PACKED);
        assertThat(already.offending()).containsExactly(items.get(1));
        String url = vault.byCode(items.get(2)).orElseThrow().url();
        assertRefused(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2, List.of(items.get(2), url)),
                PackRefusal.DUPLICATE);
        assertRefused(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2,
                List.of(items.get(2), unsent.code())), PackRefusal.NOT_BOUND);
        String notReserved = Sscc.of(PREFIX, 1, 999_999).digits();
        assertRefused(packing.pack("J1", PackLevel.CASE, notReserved, CaseCodeKind.SSCC, 2, items.subList(2, 4)),
                PackRefusal.CASE_CODE_FOREIGN);
        assertRefused(packing.pack("J1", PackLevel.CASE, "123456789012345678", CaseCodeKind.SSCC, 2,
                items.subList(2, 4)), PackRefusal.CASE_CODE_FOREIGN);
        assertRefused(packing.pack("J1", PackLevel.CASE, items.get(5), CaseCodeKind.WECHAT, 2, items.subList(2, 4)),
                PackRefusal.CASE_CODE_FOREIGN);
        CodeRecord otherJobLabel = PackingFixture.sentCaseLabels(vault, "J2", 1).get(0);
        assertRefused(packing.pack("J1", PackLevel.CASE, otherJobLabel.code(), CaseCodeKind.WECHAT, 2,
                items.subList(2, 4)), PackRefusal.CASE_CODE_FOREIGN);
        CodeRecord unprinted = vault.reserve(PackingFixture.CASE_APP, "J1", 1).get(0);
        assertRefused(packing.pack("J1", PackLevel.CASE, unprinted.code(), CaseCodeKind.WECHAT, 2,
                items.subList(2, 4)), PackRefusal.CASE_CODE_NOT_ISSUED);

        CodeRecord boundLabel = PackingFixture.sentCaseLabels(vault, "J1", 1).get(0);
        vault.bind(List.of(new Binding(boundLabel.applicationId(), boundLabel.index(), "J1", "case-label")));
        PackResult labelAsItem = packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2,
                List.of(items.get(2), boundLabel.url()));
        assertRefused(labelAsItem, PackRefusal.FOREIGN);
        assertThat(labelAsItem.detail()).contains("is a case code, not an item");

        assertThat(count("SELECT count(*) FROM pack_unit")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pack_child")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'PACK'")).isEqualTo(1);
        assertThat(vault.byCode(otherJobLabel.code()).orElseThrow().state()).isEqualTo(CodeState.SENT);
        // the refused SSCC is still unused: the case is packed once the reads are right
        assertThat(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2, items.subList(2, 4)).packed()).isTrue();
    }

    private static void assertRefused(PackResult r, PackRefusal why) {
        assertThat(r.packed()).isFalse();
        assertThat(r.refusal()).as(r.detail()).isEqualTo(why);
        assertThat(r.detail()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void theDatabaseItselfRefusesAnItemInTwoCases() {
        packing.pack("J1", PackLevel.CASE, sscc(), CaseCodeKind.SSCC, 1, List.of(items.get(0)));
        packing.pack("J1", PackLevel.CASE, sscc(), CaseCodeKind.SSCC, 1, List.of(items.get(1)));
        assertThatThrownBy(() -> vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pack_child(unit_id, child, active, added)"
                    + " SELECT max(id), ?, 1, 0 FROM pack_unit")) {
                ps.setString(1, items.get(0));
                return ps.executeUpdate();
            }
        })).isInstanceOf(VaultException.class).hasMessageContaining("UNIQUE");
        assertThat(count("SELECT count(*) FROM pack_child WHERE active = 1")).isEqualTo(2);
    }

    @Test
    void unpackFreesTheItemsAndTheCaseCodeIsNeverUsedAgain() {
        String s = sscc();
        packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 3, items.subList(0, 3));

        PackUnit u = packing.unpack(s, "wang", "label smudged");

        assertThat(u.state()).isEqualTo(PackState.UNPACKED);
        assertThat(u.children()).isEmpty();
        assertThat(u.reason()).isEqualTo("label smudged, by wang");
        assertThat(packing.tree(items.get(0)).parent()).isEmpty();
        assertRefused(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 3, items.subList(0, 3)),
                PackRefusal.CASE_CODE_USED);
        assertThat(packing.pack("J1", PackLevel.CASE, sscc(), CaseCodeKind.SSCC, 3, items.subList(0, 3)).packed())
                .isTrue();
        assertThatThrownBy(() -> packing.unpack(s, "wang", null)).isInstanceOf(PackingRefusedException.class)
                .satisfies(e -> assertThat(((PackingRefusedException) e).reason()).isEqualTo(PackRefusal.NOT_PACKED));
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'UNPACK' AND json LIKE '%wang%'")).isEqualTo(1);
    }

    @Test
    void replaceSwapsOneChildBothAuditedAndTheNewOneIsChecked() {
        String s = sscc();
        packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 3, items.subList(0, 3));
        packing.pack("J1", PackLevel.CASE, sscc(), CaseCodeKind.SSCC, 1, List.of(items.get(4)));

        refused(() -> packing.replace(s, items.get(1), items.get(4), "li"), PackRefusal.ALREADY_PACKED);
        refused(() -> packing.replace(s, items.get(5), items.get(6), "li"), PackRefusal.NOT_A_CHILD);
        refused(() -> packing.replace(s, items.get(1), items.get(1), "li"), PackRefusal.DUPLICATE);
        refused(() -> packing.replace(s, items.get(1), "NOPE", "li"), PackRefusal.FOREIGN);
        refused(() -> packing.replace(sscc(), items.get(1), items.get(3), "li"), PackRefusal.UNKNOWN_UNIT);

        PackUnit u = packing.replace(s, items.get(1), items.get(3), "li");

        assertThat(u.children()).containsExactly(items.get(0), items.get(2), items.get(3));
        assertThat(packing.tree(items.get(1)).parent()).isEmpty();
        assertThat(packing.tree(items.get(3)).parent()).map(PackUnit::code).contains(s);
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'REPLACE'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pack_child WHERE removed_why = 'REPLACE'")).isEqualTo(1);
    }

    private static void refused(Runnable r, PackRefusal why) {
        assertThatThrownBy(r::run).isInstanceOf(PackingRefusedException.class)
                .satisfies(e -> assertThat(((PackingRefusedException) e).reason()).as(e.getMessage()).isEqualTo(why));
    }

    @Test
    void palletsHoldPackedCasesOfTheJobAndGuardTheirCases() {
        String c1 = sscc();
        String c2 = sscc();
        String c3 = sscc();
        packing.pack("J1", PackLevel.CASE, c1, CaseCodeKind.SSCC, 2, items.subList(0, 2));
        packing.pack("J1", PackLevel.CASE, c2, CaseCodeKind.SSCC, 2, items.subList(2, 4));
        packing.pack("J1", PackLevel.CASE, c3, CaseCodeKind.SSCC, 2, items.subList(4, 6));
        packing.unpack(c3, "op", "rework");
        String p = packing.reserveSscc(PREFIX, 0).digits();

        assertRefused(packing.pack("J1", PackLevel.PALLET, p, CaseCodeKind.SSCC, 2, List.of(c1, c3)),
                PackRefusal.NOT_PACKED);
        assertRefused(packing.pack("J1", PackLevel.PALLET, p, CaseCodeKind.SSCC, 2, List.of(c1, items.get(8))),
                PackRefusal.FOREIGN);
        PackResult r = packing.pack("J1", PackLevel.PALLET, p, CaseCodeKind.SSCC, 2, List.of(c1, c2));
        assertThat(r.packed()).as(r.detail()).isTrue();
        assertThat(packing.tree(c1).parent()).map(PackUnit::code).contains(p);
        assertThat(packing.tree(c1).unit()).map(PackUnit::children).contains(items.subList(0, 2));

        refused(() -> packing.unpack(c1, "op", null), PackRefusal.ON_PALLET);
        refused(() -> packing.voidCase(c1, "op"), PackRefusal.ON_PALLET);
        // an item of a case on a pallet may still be replaced
        assertThat(packing.replace(c1, items.get(0), items.get(9), "op").children()).contains(items.get(9));
        packing.unpack(p, "op", "re-stack");
        assertThat(packing.tree(c1).parent()).isEmpty();
        assertThat(packing.unpack(c1, "op", null).state()).isEqualTo(PackState.UNPACKED);
        assertThat(packing.units("J1", PackLevel.CASE)).extracting(PackUnit::code).containsExactly(c1, c2, c3);
        assertThat(packing.units("J1", PackLevel.PALLET)).extracting(PackUnit::code).containsExactly(p);
    }

    @Test
    void voidingACaseReleasesItsItemsOnce() {
        String s = sscc();
        packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2, items.subList(0, 2));
        PackUnit u = packing.voidCase(s, "zhao", "crushed");
        assertThat(u.state()).isEqualTo(PackState.VOIDED);
        assertThat(packing.tree(items.get(0)).parent()).isEmpty();
        refused(() -> packing.voidCase(s, "zhao"), PackRefusal.NOT_PACKED);
        refused(() -> packing.unpack(s, "zhao", null), PackRefusal.NOT_PACKED);
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'VOID_CASE'")).isEqualTo(1);
    }

    @Test
    void everyChangeIsInTheExportOutboxWithItsChildren() {
        ExportOutbox outbox = new ExportOutbox(vault);
        outbox.enable(true);
        long before = outbox.after(0, 1000).size();
        String s = sscc();
        packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2, items.subList(0, 2));
        packing.replace(s, items.get(1), items.get(2), "op");
        packing.unpack(s, "op", "rework");
        List<ExportOutbox.Record> rows = outbox.after(0, 1000);
        List<ExportOutbox.Record> agg = new ArrayList<>(rows.subList((int) before, rows.size()));

        assertThat(agg).extracting(ExportOutbox.Record::kind).containsExactly(ExportOutbox.Kind.PACKED,
                ExportOutbox.Kind.UNPACKED, ExportOutbox.Kind.PACKED, ExportOutbox.Kind.UNPACKED);
        assertThat(agg).allSatisfy(r -> {
            assertThat(r.line()).isEqualTo("L1");
            assertThat(r.job().id()).isEqualTo("J1");
            assertThat(r.detail()).contains("urn:epc:id:sscc:0614141.1");
        });
        assertThat(agg.get(0).detail()).contains(vault.byCode(items.get(0)).orElseThrow().url(),
                vault.byCode(items.get(1)).orElseThrow().url());
        assertThat(agg.get(3).reason()).isEqualTo("rework");
    }

    @Test
    void ssccSerialsNeverGoBackAcrossAReopen() throws SQLException {
        Sscc a = packing.reserveSscc(PREFIX, 3);
        Sscc b = packing.reserveSscc(PREFIX, 3);
        assertThat(b.serial()).isEqualTo(a.serial() + 1);
        vault.close();
        vault = CodeVault.open(dir.resolve("vault.db"));
        Sscc c = vault.packing().reserveSscc(PREFIX, 3);
        assertThat(c.serial()).isEqualTo(b.serial() + 1);
        assertThat(c.companyPrefix()).isEqualTo(PREFIX);
        assertThat(c.extension()).isEqualTo(3);
        assertThat(Gs1CheckDigit.valid(c.digits())).isTrue();
        assertThat(vault.packing().reserveSscc("0614141000", 3).serial()).isZero();
    }
}
