package io.yima.vault;

import java.nio.file.Path;

/** A second process for {@link VaultLockTest}: takes the vault lock, says so, and holds it until stdin closes. */
public final class VaultLockHolder {
    private VaultLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (VaultLock lock = VaultLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the test closes our stdin (or kills us)
            }
        }
    }
}
