package io.yima.cli.vault;

import io.yima.common.UserFacingException;
import io.yima.vault.CodeVault;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an existing vault for inspection; a typo in the path must not create an empty vault. */
final class VaultFiles {
    private VaultFiles() {
    }

    static CodeVault openExisting(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("no vault at " + file);
        }
        return CodeVault.open(file);
    }
}
