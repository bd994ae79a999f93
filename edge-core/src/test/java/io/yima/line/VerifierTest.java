package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.symbol.Microcode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private final Map<String, CodeRecord> vault = new HashMap<>();
    private final Verifier verifier = new Verifier(read -> Optional.ofNullable(vault.get(read)));

    private static CodeRecord code(long index, CodeState state) {
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < 361; i++) {
            bits.append(((i * 7 + index) % 3 == 0) ? '1' : '0');
        }
        String url = String.format("P.URL.CN/0V/%016d", index);
        return new CodeRecord(581865877L, index, String.format("C%08d", index), url,
                Microcode.fromBits(bits), state, "J1", "item-" + index, null, null, 0L);
    }

    private InFlightLabel send(long index) {
        InFlightLabel l = new InFlightLabel(code(index, CodeState.SENT), "item-" + index, 0);
        l.printed(index * 1_000_000L);
        verifier.add(l);
        return l;
    }

    private static List<String> describe(List<Verdict> vs) {
        return vs.stream().map(v -> v.label().itemId + (v.isBind() ? " BIND" : " " + v.reason())).toList();
    }

    @Test
    void readOfTheHeadBindsIt() {
        InFlightLabel head = send(0);
        send(1);
        assertThat(describe(verifier.onRead(head.code.url()))).containsExactly("item-0 BIND");
        assertThat(verifier.inFlight()).isEqualTo(1);
    }

    @Test
    void codeUrlAndMatrixFormsAllMatch() {
        InFlightLabel a = send(0);
        InFlightLabel b = send(1);
        InFlightLabel c = send(2);
        assertThat(describe(verifier.onRead(a.code.code()))).containsExactly("item-0 BIND");
        assertThat(describe(verifier.onRead(b.code.matrix().bits()))).containsExactly("item-1 BIND");
        assertThat(describe(verifier.onRead(c.code.url()))).containsExactly("item-2 BIND");
    }

    @Test
    void readOfALaterLabelRejectsTheSkippedOnesAsNoRead() {
        send(0);
        send(1);
        InFlightLabel third = send(2);
        assertThat(describe(verifier.onRead(third.code.url())))
                .containsExactly("item-0 NO_READ", "item-1 NO_READ", "item-2 BIND");
        assertThat(verifier.inFlight()).isZero();
    }

    @Test
    void noReadTokenRejectsTheHead() {
        send(0);
        send(1);
        assertThat(describe(verifier.onNoRead())).containsExactly("item-0 NO_READ");
    }

    @Test
    void unknownReadMakesTheHeadForeignRejectedWhenTheNextLabelIsRead() {
        send(0);
        InFlightLabel next = send(1);
        assertThat(verifier.onRead("P.URL.CN/NOT/IN/THE/VAULT00")).isEmpty();
        assertThat(describe(verifier.onRead(next.code.url()))).containsExactly("item-0 FOREIGN", "item-1 BIND");
    }

    @Test
    void boundCodeFromElsewhereIsADuplicateAndAnotherVaultCodeIsAMismatch() {
        CodeRecord bound = code(900, CodeState.BOUND);
        CodeRecord available = code(901, CodeState.AVAILABLE);
        vault.put(bound.url(), bound);
        vault.put(available.url(), available);
        send(0);
        send(1);
        send(2);
        assertThat(verifier.onRead(bound.url())).isEmpty();
        assertThat(describe(verifier.onNoRead())).containsExactly("item-0 DUPLICATE");
        assertThat(verifier.onRead(available.url())).isEmpty();
        assertThat(describe(verifier.expire(5_000_000L, 3_000_000L))).containsExactly("item-1 MISMATCH");
        assertThat(verifier.inFlight()).isEqualTo(1);
    }

    @Test
    void noiseBeforeTheHeadsOwnReadCostsNothing() {
        InFlightLabel head = send(0);
        send(1);
        assertThat(verifier.onRead("#k]V!q")).isEmpty();
        assertThat(describe(verifier.onRead(head.code.url()))).containsExactly("item-0 BIND");
    }

    @Test
    void lateReadOfASettledLabelDoesNotRejectTheLabelsBehindIt() {
        InFlightLabel timedOut = send(0);
        InFlightLabel a = send(5);
        InFlightLabel b = send(6);
        assertThat(describe(verifier.expire(4_000_000L, 3_000_000L))).containsExactly("item-0 TIMEOUT");
        vault.put(timedOut.code.url(), code(0, CodeState.REJECTED));
        assertThat(verifier.onRead(timedOut.code.url())).isEmpty();
        assertThat(describe(verifier.onRead(a.code.url()))).containsExactly("item-5 BIND");
        assertThat(describe(verifier.onRead(b.code.url()))).containsExactly("item-6 BIND");
    }

    @Test
    void scannerReadingTheSameLabelTwiceIsCountedNotRejected() {
        InFlightLabel a = send(0);
        send(1);
        verifier.onRead(a.code.url());
        vault.put(a.code.url(), code(0, CodeState.BOUND));
        assertThat(verifier.onRead(a.code.url())).isEmpty();
        assertThat(verifier.duplicateReads()).isEqualTo(1);
        assertThat(verifier.inFlight()).isEqualTo(1);
    }

    @Test
    void labelsOlderThanTheWindowTimeOutInOrder() {
        send(1);
        send(2);
        send(9);
        assertThat(describe(verifier.expire(5_500_000L, 3_000_000L))).containsExactly("item-1 TIMEOUT", "item-2 TIMEOUT");
        assertThat(verifier.inFlight()).isEqualTo(1);
    }

    @Test
    void readWithNothingInFlightChangesNothing() {
        assertThat(verifier.onRead("whatever")).isEmpty();
        assertThat(verifier.onNoRead()).isEmpty();
    }

    @Test
    void anUnprintedHeadHoldsBackExpiryOfEverythingBehindIt() {
        InFlightLabel head = new InFlightLabel(code(0, CodeState.SENT), "item-0", 0);
        verifier.add(head); // handed, still in the printer's buffer
        send(1);

        assertThat(verifier.expire(1_000_000_000L, 1)).isEmpty();
        head.printed(10_000_000L);
        assertThat(describe(verifier.expire(14_000_000L, 3_000_000L))).containsExactly("item-0 TIMEOUT",
                "item-1 TIMEOUT");
    }

    @Test
    void aLabelDroppedAtAPrinterFaultExpiresAsPrinterFaultWithItsCodeVoided() {
        InFlightLabel l = send(1);
        l.cancelled = true;
        l.suspicion = RejectReason.MISMATCH; // noise while it was the head says nothing about a dropped label

        List<Verdict> vs = verifier.expire(5_000_000L, 3_000_000L);

        assertThat(describe(vs)).containsExactly("item-1 PRINTER_FAULT");
        assertThat(vs.get(0).voidReason()).isEqualTo(VoidReason.PRINTER_FAULT);
    }

    @Test
    void aReadOfALaterDroppedLabelRejectsADroppedOneBeforeItAsNoRead() {
        // the printer prints in order: if the later label came out before the fault, so had the earlier one
        InFlightLabel dropped = send(1);
        dropped.cancelled = true;
        InFlightLabel later = send(2);
        later.cancelled = true;

        assertThat(describe(verifier.onRead(later.code.url()))).containsExactly("item-1 NO_READ", "item-2 BIND");
    }

    @Test
    void aReadOfALabelIssuedAfterTheFaultVoidsTheDroppedOnesBeforeItAsPrinterFault() {
        // the printer dropped its queue at the fault: labels sent after it come out without the dropped ones
        InFlightLabel dropped = send(1);
        dropped.cancelled = true;
        InFlightLabel afterFault = send(2);

        List<Verdict> vs = verifier.onRead(afterFault.code.url());

        assertThat(describe(vs)).containsExactly("item-1 PRINTER_FAULT", "item-2 BIND");
        assertThat(vs.get(0).voidReason()).isEqualTo(VoidReason.PRINTER_FAULT);
    }
}
