package io.yima.vault;

import static io.yima.vault.PackingFixture.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packing's rules at their edges: which SSCCs this vault reserved (serial bound, extension, the longest company
 * prefix), serials running out, bad arguments, the words of a refusal for cases and pallets, codes of no job, and
 * rework of units that are no longer packed.
 */
class PackingRulesTest {
    @TempDir
    Path dir;
    CodeVault vault;
    Packing packing;
    List<String> items;

    @BeforeEach
    void open() {
        vault = PackingFixture.vault(dir.resolve("vault.db"));
        PackingFixture.job(vault, "J1", "L1");
        items = PackingFixture.boundItems(vault, "J1", 8);
        packing = vault.packing();
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private long count(String sql) {
        return PackingFixture.count(vault, sql);
    }

    private static void refused(Runnable r, PackRefusal why, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PackingRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(why)).hasMessage(message);
    }

    @Test
    void onlyAnSsccBelowTheNextSerialOfItsPrefixAndExtensionWasReserved() {
        Sscc first = packing.reserveSscc(PREFIX, 1);
        assertThat(first.serial()).isZero();
        String next = Sscc.of(PREFIX, 1, 1).digits();
        PackResult r = packing.pack("J1", PackLevel.CASE, next, CaseCodeKind.SSCC, 1, items.subList(0, 1));
        assertThat(r.refusal()).isEqualTo(PackRefusal.CASE_CODE_FOREIGN);
        assertThat(r.detail()).isEqualTo("SSCC " + next + " was not reserved by this vault");
        String otherExtension = Sscc.of(PREFIX, 2, 0).digits();
        assertThat(packing.pack("J1", PackLevel.CASE, otherExtension, CaseCodeKind.SSCC, 1, items.subList(0, 1))
                .refusal()).isEqualTo(PackRefusal.CASE_CODE_FOREIGN);
        assertThat(packing.pack("J1", PackLevel.CASE, first.digits(), CaseCodeKind.SSCC, 1, items.subList(0, 1))
                .packed()).isTrue();
        PackResult bad = packing.pack("J1", PackLevel.CASE, "10614141000000001", CaseCodeKind.SSCC, 1,
                items.subList(1, 2));
        assertThat(bad.detail()).isEqualTo("case code 10614141000000001 is not an SSCC (18 digits with a valid check"
                + " digit)");
    }

    @Test
    void anSsccTwoPrefixesCouldHaveMadeIsNamedByTheLongerOne() {
        Sscc seven = packing.reserveSscc(PREFIX, 1);
        Sscc eight = packing.reserveSscc(PREFIX + "0", 1);
        assertThat(eight.digits()).isEqualTo(seven.digits());
        PackUnit u = packing.pack("J1", PackLevel.CASE, seven.digits(), CaseCodeKind.SSCC, 1, items.subList(0, 1))
                .unit();
        assertThat(u.ssccUri()).isEqualTo("urn:epc:id:sscc:06141410.100000000");
        assertThat(packing.unit(u.ssccUri())).contains(u);
    }

    @Test
    void whenEverySerialOfAPrefixIsUsedTheNextReservationIsRefusedInWords() {
        String prefix = "0614141000";
        packing.reserveSscc(prefix, 3);
        vault.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sscc_serial SET next = ? WHERE prefix = ?")) {
                ps.setLong(1, Sscc.maxSerial(10));
                ps.setString(2, prefix);
                return ps.executeUpdate();
            }
        });
        assertThat(packing.reserveSscc(prefix, 3).serial()).isEqualTo(999_999L);
        long events = count("SELECT count(*) FROM event WHERE kind = 'SSCC_RESERVED'");
        assertThatThrownBy(() -> packing.reserveSscc(prefix, 3)).isInstanceOf(VaultException.class)
                .hasMessage("every SSCC serial of company prefix 0614141000 extension 3 is used (1000000); configure"
                        + " another extension digit");
        assertThat(count("SELECT count(*) FROM event WHERE kind = 'SSCC_RESERVED'")).isEqualTo(events);
        assertThat(packing.reserveSscc(prefix, 4).serial()).isZero();
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> packing.reserveSscc(PREFIX, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SSCC extension digit is 0 to 9, got 10");
        assertThatThrownBy(() -> packing.reserveSscc(PREFIX, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(packing.reserveSscc(PREFIX, 0).extension()).isZero();
        assertThat(packing.reserveSscc(PREFIX, 9).extension()).isEqualTo(9);
        assertThatThrownBy(() -> packing.reserveSscc("123", 1)).isInstanceOf(IllegalArgumentException.class);
        String s = packing.reserveSscc(PREFIX, 1).digits();
        assertThatThrownBy(() -> packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a case holds at least 1 child, not 0");
        assertThat(packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 1, items.subList(0, 1)).packed())
                .isTrue();
        assertThatThrownBy(() -> packing.pack("JX", PackLevel.CASE, s, CaseCodeKind.SSCC, 1, items.subList(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no job JX in this vault");
        assertThat(count("SELECT count(*) FROM pack_unit")).isEqualTo(1);
    }

    @Test
    void aRefusalSaysWhatWasCountedAndHowManyReadsFailed() {
        String s = packing.reserveSscc(PREFIX, 1).digits();
        PackResult extra = packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 1, items.subList(0, 2));
        assertThat(extra.detail()).isEqualTo("the case holds 2 items, expected 1");
        assertThat(extra.offending()).isEmpty();
        PackResult twoForeign = packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 3,
                List.of(items.get(0), "NOPE1", "NOPE2"));
        assertThat(twoForeign.refusal()).isEqualTo(PackRefusal.FOREIGN);
        assertThat(twoForeign.offending()).containsExactly("NOPE1", "NOPE2");
        assertThat(twoForeign.detail()).isEqualTo("code NOPE1 is not a code of this vault (and 1 more)");
        PackResult empty = packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2, List.of(items.get(0), " "));
        assertThat(empty.detail()).isEqualTo("an empty read is not a code");

        String c1 = packing.reserveSscc(PREFIX, 1).digits();
        packing.pack("J1", PackLevel.CASE, c1, CaseCodeKind.SSCC, 2, items.subList(0, 2));
        String p = packing.reserveSscc(PREFIX, 0).digits();
        PackResult missing = packing.pack("J1", PackLevel.PALLET, p, CaseCodeKind.SSCC, 2, List.of(c1));
        assertThat(missing.refusal()).isEqualTo(PackRefusal.MISSING);
        assertThat(missing.detail()).isEqualTo("the pallet holds 1 cases, expected 2");
        PackResult twice = packing.pack("J1", PackLevel.PALLET, p, CaseCodeKind.SSCC, 2, List.of(c1, "(00)" + c1));
        assertThat(twice.refusal()).isEqualTo(PackRefusal.DUPLICATE);
        assertThat(twice.detail()).isEqualTo("code " + c1 + " was read twice in one pallet");
        PackResult notACase = packing.pack("J1", PackLevel.PALLET, p, CaseCodeKind.SSCC, 1, List.of(p));
        assertThat(notACase.refusal()).isEqualTo(PackRefusal.FOREIGN);
        assertThat(notACase.detail()).isEqualTo("code " + p + " is not a case of this vault");
    }

    @Test
    void codesOfNoJobAreForeignAndSaySo() {
        CodeRecord freeItem = vault.byIndex(TestPackages.APP, 150).orElseThrow();
        String s = packing.reserveSscc(PREFIX, 1).digits();
        PackResult r = packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 1, List.of(freeItem.code()));
        assertThat(r.refusal()).isEqualTo(PackRefusal.FOREIGN);
        assertThat(r.detail()).isEqualTo("code " + freeItem.code() + " belongs to no job, not job J1");

        CodeRecord freeLabel = vault.byIndex(PackingFixture.CASE_APP, 5040).orElseThrow();
        PackResult label = packing.pack("J1", PackLevel.CASE, freeLabel.code(), CaseCodeKind.WECHAT, 1,
                items.subList(0, 1));
        assertThat(label.refusal()).isEqualTo(PackRefusal.CASE_CODE_FOREIGN);
        assertThat(label.detail()).isEqualTo("case code " + freeLabel.code() + " belongs to no job, not job J1");
        PackResult unknown = packing.pack("J1", PackLevel.CASE, "ZZZZ", CaseCodeKind.WECHAT, 1, items.subList(0, 1));
        assertThat(unknown.detail()).isEqualTo("case code ZZZZ is not a code of this vault");
    }

    @Test
    void anUnpackedCaseMayBeVoidedOnceAndItsWhyJoinsReasonAndOperator() {
        ExportOutbox outbox = new ExportOutbox(vault);
        outbox.enable(true);
        String s = packing.reserveSscc(PREFIX, 1).digits();
        packing.pack("J1", PackLevel.CASE, s, CaseCodeKind.SSCC, 2, items.subList(0, 2));
        assertThat(packing.unpack(s, " ", "  ").reason()).isNull();
        long rows = outbox.after(0, 1000).size();

        PackUnit voided = packing.voidCase(s, "li");
        assertThat(voided.state()).isEqualTo(PackState.VOIDED);
        assertThat(voided.reason()).isEqualTo("by li");
        assertThat(outbox.after(0, 1000)).hasSize((int) rows); // no child left it: nothing to export
        refused(() -> packing.voidCase(s, "li"), PackRefusal.NOT_PACKED, "case " + s + " is already voided");
        refused(() -> packing.unpack("NOPE", "li", null), PackRefusal.UNKNOWN_UNIT, "no case or pallet has the code"
                + " NOPE");
        refused(() -> packing.replace(s, items.get(0), items.get(3), "li"), PackRefusal.NOT_PACKED,
                "case " + s + " is VOIDED, not PACKED");

        String t = packing.reserveSscc(PREFIX, 1).digits();
        packing.pack("J1", PackLevel.CASE, t, CaseCodeKind.SSCC, 1, items.subList(3, 4));
        assertThat(packing.voidCase(t, null, "crushed").reason()).isEqualTo("crushed");
        assertThat(packing.tree(null)).isEqualTo(new PackTree("", false, java.util.Optional.empty(),
                java.util.Optional.empty()));
        assertThat(packing.unit("NOPE")).isEmpty();
        assertThat(packing.units("J2", PackLevel.CASE)).isEmpty();
    }
}
