package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One daemon per vault: the lock is exclusive within a process and across processes, and names its holder. */
class VaultLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondAcquisitionInTheSameProcessFailsUntilTheFirstIsReleased() {
        Path vault = dir.resolve("vault.db");
        VaultLock first = VaultLock.acquire(vault);
        assertThat(first.file()).isEqualTo(dir.resolve("vault.db.lock").toAbsolutePath());
        assertThatThrownBy(() -> VaultLock.acquire(vault)).isInstanceOf(VaultException.class)
                .hasMessageStartingWith("vault " + vault + " is in use by another yima-edge daemon (pid "
                        + ProcessHandle.current().pid() + "); stop it first");
        first.close();
        VaultLock.acquire(vault).close();
        // another vault in the same folder is independent
        try (VaultLock a = VaultLock.acquire(vault); VaultLock b = VaultLock.acquire(dir.resolve("other.db"))) {
            assertThat(a.file()).isNotEqualTo(b.file());
        }
    }

    @Test
    void theLockHoldsAcrossProcessesNamesTheHoldersPidAndDiesWithIt() throws Exception {
        Path vault = dir.resolve("vault.db");
        Process holder = startHolder(vault);
        try {
            assertThatThrownBy(() -> VaultLock.acquire(vault)).isInstanceOf(VaultException.class)
                    .hasMessageContaining("vault " + vault + " is in use by another yima-edge daemon (pid "
                            + holder.pid() + ")");
            assertThat(Files.readString(VaultLock.lockFileOf(vault)).strip()).isEqualTo(String.valueOf(holder.pid()));
            // killed without any chance to clean up: the OS releases the lock, the stale file does not block
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (VaultLock mine = VaultLock.acquire(vault)) {
                assertThat(Files.readString(mine.file()).strip())
                        .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
            }
        } finally {
            holder.destroyForcibly();
        }
        // and a holder that stops normally releases it too
        Process polite = startHolder(vault);
        polite.getOutputStream().close();
        assertThat(polite.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(polite.exitValue()).isZero();
        VaultLock.acquire(vault).close();
    }

    private static Process startHolder(Path vault) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), VaultLockHolder.class.getName(), vault.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(out.readLine()).isEqualTo("locked");
        return p;
    }
}
