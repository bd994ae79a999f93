package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Whether an import batch's process may still be working on it: in this process only while its import runs; in
 * another process while that process (the same one: pid and start time) is alive.
 */
class ImportOwnerTest {
    private static long startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    @Test
    void aBatchOfThisProcessIsAliveOnlyWhileItsImportRuns() {
        long batch = 9_000_001L;
        ImportOwner self = ImportOwner.SELF;
        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(ImportOwner.alive(batch, self.pid(), self.start())).isFalse();
        ImportOwner.running(batch);
        try {
            assertThat(ImportOwner.alive(batch, self.pid(), self.start())).isTrue();
            assertThat(ImportOwner.alive(batch + 1, self.pid(), self.start())).isFalse();
            // the same pid with another start time is an earlier process that had this pid
            assertThat(ImportOwner.alive(batch, self.pid(), self.start() + 1)).isFalse();
        } finally {
            ImportOwner.ended(batch);
        }
        assertThat(ImportOwner.alive(batch, self.pid(), self.start())).isFalse();
    }

    @Test
    void aBatchOfAnotherProcessIsAliveWhileThatSameProcessRuns() throws Exception {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        assertThat(ImportOwner.alive(1, parent.pid(), startOf(parent))).isTrue();
        assertThat(ImportOwner.alive(1, parent.pid(), startOf(parent) - 1_000)).isFalse();

        Process gone = new ProcessBuilder("true").start();
        long start = startOf(gone.toHandle());
        assertThat(gone.waitFor()).isZero();
        assertThat(ImportOwner.alive(1, gone.pid(), start)).isFalse();
    }
}
