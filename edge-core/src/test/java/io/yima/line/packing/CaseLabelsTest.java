package io.yima.line.packing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseLabelsTest {
    private final CaseLabels labels = new CaseLabels();

    private PendingCase add(long n, long printedNanos) {
        PendingCase c = new PendingCase(n, new CaseCode("R" + n, "C" + n), List.of(new PackItem("i" + n, "c" + n)),
                printedNanos);
        labels.add(c);
        return c;
    }

    @Test
    void aReadOfTheHeadSettlesItAndALaterReadPassesTheEarlierCasesUnread() {
        PendingCase a = add(1, 0);
        PendingCase b = add(2, 0);
        PendingCase c = add(3, 0);
        assertThat(labels.read("R1").matched()).isSameAs(a);
        CaseLabels.Settled s = labels.read("R3");
        assertThat(s.matched()).isSameAs(c);
        assertThat(s.unread()).containsExactly(b);
        assertThat(labels.size()).isZero();
    }

    @Test
    void aNoReadSettlesTheHeadUnreadAndAStrangeReadSettlesNothing() {
        PendingCase a = add(1, 0);
        add(2, 0);
        assertThat(labels.read("R9").matched()).isNull();
        assertThat(labels.size()).isEqualTo(2);
        CaseLabels.Settled s = labels.read(null);
        assertThat(s.matched()).isNull();
        assertThat(s.unread()).containsExactly(a);
        assertThat(labels.size()).isEqualTo(1);
    }

    @Test
    void casesPrintedLongerThanTheWindowAgoExpireOldestFirst() {
        PendingCase a = add(1, 100);
        PendingCase b = add(2, 200);
        add(3, 900);
        assertThat(labels.expire(1000, 750)).containsExactly(a, b);
        assertThat(labels.size()).isEqualTo(1);
        assertThat(labels.expire(1000, 750)).isEmpty();
    }

    @Test
    void theAssemblerFillsCasesOfNInBeltOrder() {
        CaseAssembler assembler = new CaseAssembler(2);
        assertThat(assembler.add(new PackItem("i1", "c1"))).isNull();
        assertThat(assembler.add(new PackItem("i2", "c2"))).extracting(PackItem::itemId).containsExactly("i1", "i2");
        assertThat(assembler.size()).isZero();
        assertThat(assembler.add(new PackItem("i3", "c3"))).isNull();
        assertThat(assembler.take()).extracting(PackItem::itemId).containsExactly("i3");
        assertThat(assembler.take()).isEmpty();
    }
}
