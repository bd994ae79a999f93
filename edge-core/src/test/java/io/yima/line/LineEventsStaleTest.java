package io.yima.line;

import static io.yima.line.LineEventsFixture.openJob;
import static io.yima.line.LineEventsFixture.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line's event owner counting STALE refusals for the vault and shutting down cleanly, against a real vault
 * file: a refusal is written with the next write or the clean close, against the job it was refused for.
 */
class LineEventsStaleTest {
    @TempDir
    Path dir;

    @Test
    void staleRefusalsCountForTheOpenJobOnlyAndReachTheVaultWithTheNextWrite() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            openJob(vault, "J1");
            openJob(vault, "J2");
            LineEvents events = started(vault);

            events.stale();                                     // no job open: not a stale refusal of any job
            events.job("J1");
            events.stale();
            events.stale();
            assertThat(vault.jobReport("J1").stale()).as("not written before the next write").isZero();
            assertThat(events.flush()).isTrue();
            assertThat(vault.jobReport("J1").stale()).isEqualTo(2);

            events.stale();
            events.job("J2");
            // J1's unwritten refusal is given up once J2 is refused too (in service only after the vault refused
            // every write in between); it is never counted for J2
            events.stale();
            assertThat(events.flush()).isTrue();
            assertThat(vault.jobReport("J1").stale()).isEqualTo(2);
            assertThat(vault.jobReport("J2").stale()).isEqualTo(1);
            assertThat(events.flush()).as("nothing left to write").isTrue();
            assertThat(vault.jobReport("J2").stale()).as("written once").isEqualTo(1);
        }
    }

    @Test
    void aCleanCloseWritesTheUnwrittenEventsAndRefusalsOnce() {
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            openJob(vault, "J1");
            LineEvents events = started(vault);
            events.job("J1");
            LineEvent printed = events.emit(n -> new LineEvent.LabelPrinted(n, "item-1", new CodeRef(1, 2), 3));
            events.stale();

            events.close();

            assertThat(vault.jobReport("J1").stale()).isEqualTo(1);
            List<LineEvent> heard = new ArrayList<>();
            events.subscribe(heard::add);
            // the line runs on after a close that succeeded: the closed events are not written a second time
            events.transaction((c, em) -> em.emit(n -> new LineEvent.DeviceFault(n, Device.PRINTER, "head open")));
            assertThat(heard).hasSize(1);
            assertThat(events.since(0)).containsExactly(printed, heard.get(0));
            assertThat(vault.jobReport("J1").stale()).as("the refusal is written once").isEqualTo(1);
        }
        try (CodeVault vault = CodeVault.open(dir.resolve("v.db"))) {
            LineEvents events = started(vault);
            events.job("J1");
            assertThat(events.since(0)).extracting(LineEvent::number).containsExactly(1L, 2L);
        }
    }
}
