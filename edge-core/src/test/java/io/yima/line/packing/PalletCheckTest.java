package io.yima.line.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.line.CaseRejectReason;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A pallet frame against the cases the pallet closed with; the vault's word on strays stands in as a map. */
class PalletCheckTest {
    private static final List<String> CLOSED = List.of("C1", "C2", "C3");
    private static final Function<String, CaseRejectReason> VAULT = Map.of(
            "LOOSE", CaseRejectReason.EXTRA, "ON_P1", CaseRejectReason.ALREADY_PACKED)::get;

    private static Function<String, CaseRejectReason> vault() {
        return k -> {
            CaseRejectReason r = VAULT.apply(k);
            return r == null ? CaseRejectReason.FOREIGN : r;
        };
    }

    @Test
    void exactlyTheClosedCasesInAnyOrderPass() {
        assertThat(PalletCheck.check(CLOSED, List.of("C3", "C1", "C2"), vault())).isEmpty();
    }

    @Test
    void eachDifferenceHasItsReason() {
        assertThat(PalletCheck.check(CLOSED, List.of("C1", "C2"), vault())).contains(CaseRejectReason.MISSING);
        assertThat(PalletCheck.check(CLOSED, List.of(), vault())).contains(CaseRejectReason.MISSING);
        assertThat(PalletCheck.check(CLOSED, List.of("C1", "C2", "C3", "LOOSE"), vault()))
                .contains(CaseRejectReason.EXTRA);
        assertThat(PalletCheck.check(CLOSED, List.of("C1", "C2", "LOOSE"), vault()))
                .as("a loose case of the job in place of one of the pallet's").contains(CaseRejectReason.EXTRA);
        assertThat(PalletCheck.check(CLOSED, List.of("C1", "C2", "ON_P1"), vault()))
                .contains(CaseRejectReason.ALREADY_PACKED);
        assertThat(PalletCheck.check(CLOSED, List.of("C1", "C2", "C3", "https://x/q/1"), vault()))
                .contains(CaseRejectReason.FOREIGN);
        assertThat(PalletCheck.check(CLOSED, List.of("C1", "C2", "C2"), vault())).contains(CaseRejectReason.DUPLICATE);
    }

    @Test
    void theFirstFailingCheckWins() {
        assertThat(PalletCheck.check(CLOSED, List.of("C1", "C1", "X"), vault()))
                .as("a duplicate before a foreign code").contains(CaseRejectReason.DUPLICATE);
        assertThat(PalletCheck.check(CLOSED, List.of("LOOSE", "ON_P1", "X"), vault()))
                .as("foreign before already packed before extra").contains(CaseRejectReason.FOREIGN);
        assertThat(PalletCheck.check(CLOSED, List.of("LOOSE", "ON_P1"), vault()))
                .contains(CaseRejectReason.ALREADY_PACKED);
    }
}
