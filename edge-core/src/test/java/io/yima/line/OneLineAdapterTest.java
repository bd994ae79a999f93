package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adapter that serves one line (a PLC port, say) on its own: which lines it takes, its health before it is
 * open, while open and once closed, and closing its link once. Also a line without packing: its rework is refused.
 */
class OneLineAdapterTest {
    @TempDir
    Path dir;
    CodeVault vault;
    ProductionLine one;
    ProductionLine two;

    /** The adapter's link: counts its closes, may refuse to close. */
    static final class Link implements AutoCloseable {
        int closes;
        String refuse;

        @Override
        public void close() throws Exception {
            closes++;
            if (refuse != null) {
                throw new java.io.IOException(refuse);
            }
        }
    }

    static final class PortAdapter extends OneLineAdapter<Link> {
        final Link link = new Link();
        ProductionLine openedFor;

        PortAdapter(String lineId) {
            super("plc", lineId, "PLC port");
        }

        @Override
        protected Link open(ProductionLine line) {
            openedFor = line;
            return link;
        }

        @Override
        protected AdapterHealth healthOf(Link l) {
            return l.closes == 0 && l == running() ? AdapterHealth.online() : AdapterHealth.offline("gone");
        }
    }

    @AfterEach
    void close() {
        for (ProductionLine l : new ProductionLine[] {one, two}) {
            if (l != null) {
                l.shutdown();
            }
        }
        if (vault != null) {
            vault.close();
        }
    }

    private void lines() {
        vault = LineRig.vault(dir);
        one = new ProductionLine(LineRig.config("line-1", LineMode.TRIGGERED, Duration.ofHours(1)), vault, 8);
        two = new ProductionLine(LineRig.config("line-2", LineMode.TRIGGERED, Duration.ofHours(1)), vault, 8);
    }

    @Test
    void itServesItsOwnLineAloneAndIsNamedByKindAndLine() throws Exception {
        lines();
        PortAdapter adapter = new PortAdapter("line-1");
        assertThat(adapter.name()).isEqualTo("plc:line-1");
        assertThat(adapter.health()).isEqualTo(AdapterHealth.offline("PLC port not open yet"));

        assertThatThrownBy(() -> adapter.start(List.of(two))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a PLC port serves line line-1 alone");
        assertThatThrownBy(() -> adapter.start(List.of(one, two))).isInstanceOf(IllegalArgumentException.class);
        assertThat(adapter.openedFor).as("nothing opened for a wrong set of lines").isNull();
        assertThat(adapter.health().isOnline()).isFalse();

        adapter.start(List.of(one));
        assertThat(adapter.openedFor).isSameAs(one);
        assertThat(adapter.health()).isEqualTo(AdapterHealth.online());
    }

    @Test
    void closingClosesTheLinkOnceAndTheAdapterSaysItIsClosed() throws Exception {
        lines();
        PortAdapter adapter = new PortAdapter("line-1");
        adapter.start(List.of(one));

        adapter.close();
        adapter.close();

        assertThat(adapter.link.closes).isEqualTo(1);
        assertThat(adapter.health()).isEqualTo(AdapterHealth.offline("PLC port closed"));
    }

    @Test
    void anAdapterNeverOpenedClosesWithoutALinkAndALinkThatWillNotCloseIsSaidPlainly() throws Exception {
        PortAdapter never = new PortAdapter("line-1");
        never.close();
        assertThat(never.health()).isEqualTo(AdapterHealth.offline("PLC port closed"));
        assertThat(never.link.closes).isZero();

        lines();
        PortAdapter stuck = new PortAdapter("line-1");
        stuck.start(List.of(one));
        stuck.link.refuse = "port still bound";
        assertThatThrownBy(stuck::close).isInstanceOf(IllegalStateException.class)
                .hasMessage("PLC port of line line-1 did not close: port still bound");
    }

    @Test
    void aLineWithoutPackingRefusesEveryReworkAsTheWrongMode() throws Exception {
        lines();
        LineRework rework = one.rework();

        for (CompletionStage<?> asked : List.of(rework.unpack("C1", "tech", "damaged"),
                rework.replace("C1", "I1", "I2", "tech"), rework.voidCase("C1", "tech", "damaged"),
                rework.repallet(0, "tech"))) {
            ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                    () -> asked.toCompletableFuture().get(1, TimeUnit.SECONDS));
            assertThat(e).isNotNull();
            assertThat(e.getCause()).isInstanceOf(LineRefusal.class);
            assertThat(((LineRefusal) e.getCause()).reason()).isEqualTo(Refusal.WRONG_MODE);
            assertThat(((LineRefusal) e.getCause()).detail()).isEqualTo("this line packs no cases (it has no packing section)");
        }
        assertThat(refusal(one.closeCase()).detail()).isEqualTo("this line packs no cases (it has no packing section)");
        assertThat(refusal(one.closePallet()).detail())
                .isEqualTo("this line builds no pallets (its packing section has no per_pallet)");
        assertThat(one.packingCounts()).as("no counts on a line that packs no cases").isNull();
    }

    private static LineRefusal refusal(CompletionStage<?> asked) {
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> asked.toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertThat(e).isNotNull();
        LineRefusal r = (LineRefusal) e.getCause();
        assertThat(r.reason()).isEqualTo(Refusal.WRONG_MODE);
        return r;
    }
}
